"""The plan (everything before the database) is deterministic for a seed and differs between seeds."""

import random
from datetime import date

from bistand.demo.organisation import plan_staff
from bistand.demo.plan import build_plan


def _plain(seed: int, size: int = 150) -> tuple:
    staff = plan_staff(random.Random(f"{seed}:staff"))
    for n, s in enumerate(staff, start=1):
        s.id = n
    plan = build_plan(seed, size, date(2026, 11, 1), staff)
    numbers = [p.number for p in plan.persons]
    paid = [
        (a.case.number, a.month, a.decision.payment.amount)
        for a in plan.applications
        if a.decision and a.decision.payment
    ]
    codes = sorted(plan.codes.items())
    return numbers, paid, codes


def test_same_seed_same_plan():
    assert _plain(3) == _plain(3)


def test_other_seed_other_plan():
    a, b = _plain(3), _plain(4)
    assert a[0] != b[0] and a[1] != b[1]
