"""The current (as-of) month: the caseworkers' work queue.

Most households with help last month have applied again. Their recurring application declares what
last month's did unless something happened (a January rent increase, a new baby), and about one in
eight has a real change — a new salary, a new rent, an income that ended, or a need outside the norm
(tandvård, glasögon) — so the queue holds both "unchanged, decide with one confirmation" and "look at
this". A few first applications wait too.

For the demo user `handlaggare` (the browser tests' user) the queue is arranged on purpose:
- READY unchanged recurring applications with every adult's barrier registered for the month,
  no protected identity, ready to decide in three clicks;
- at least three changed applications and at least one first application;
- MISSING_BARRIER applications where one adult's barrier is not yet registered for the month, so the
  rule "no decision without a registered barrier" has examples;
- one case with protected identity (skyddad folkbokföring) held by her, and one (sekretessmarkering)
  held by a colleague in the same unit, so hiding protected cases can be seen and tested.
"""

import random
from datetime import timedelta

from bistand import rules
from bistand.demo.caseload import HANDLAGGARE
from bistand.demo.economy import Item
from bistand.demo.households import protect
from bistand.demo.organisation import RULES_CODE
from bistand.demo.records import CalculationPlan
from bistand.demo.requests import history_before, request_dict

READY = 6
MISSING_BARRIER = 4
CHANGE_SHARE = 0.12
EXTRA_NEEDS = (
    ("dental_care", "Tandvård enligt kostnadsförslag", 1200, 6000),
    ("glasses", "Glasögon", 900, 2500),
    ("home_equipment", "Säng och madrass", 1500, 5000),
    ("medicine", "Läkemedel", 300, 900),
)


def _signature(app) -> tuple:
    sums: dict[tuple, int] = {}
    for i in app.items:
        key = (i.category, i.kind, i.member.key if i.member else None)
        sums[key] = sums.get(key, 0) + i.amount
    members = tuple(sorted((m.person.key, m.role) for m in app.case.household.members_at(app.month)))
    return tuple(sorted(sums.items(), key=repr)), members


def prepare(plan) -> None:
    rng = plan.rng("current")
    current = [a for a in plan.applications if a.month == plan.as_of]
    last = {a.case.key: a for a in plan.applications if a.month == plan.as_of - 1}
    for app in current:
        before = last.get(app.case.key)
        if app.kind == "recurring" and before is not None and _signature(before) == _signature(app):
            app.flags.add("unchanged")
    mine = _handlaggare_queue(plan, current)
    ready = [a for a in mine if "unchanged" in a.flags and not _protected(a) and _barriers_complete(plan, a)]
    for app in ready[:READY]:
        app.flags.add("ready")
    others_mine = [a for a in mine if "ready" not in a.flags]
    for app in [a for a in others_mine if "unchanged" in a.flags][:3]:
        _change(rng, app)
    for app in current:
        if "unchanged" in app.flags and "ready" not in app.flags and rng.random() < CHANGE_SHARE:
            _change(rng, app)
    for app in [a for a in others_mine if a.kind == "recurring"][-MISSING_BARRIER:]:
        applicant = app.case.household.applicant
        plan.missing_barriers.add((applicant.key, app.month))
        app.flags.add("missing_barrier")
    _protected_examples(plan, rng)


def _handlaggare_queue(plan, current) -> list:
    mine = [a for a in current if a.case.is_open and a.case.caseworker.username == HANDLAGGARE]
    if mine and not any(a.kind == "first" for a in mine):
        me = mine[0].case.caseworker
        firsts = [a for a in current if a.kind == "first" and a.case.unit in me.units and a.case.is_open]
        for app in firsts[:2]:
            app.case.assignments[-1].staff = me  # a new case: its only holder becomes handlaggare
            mine.append(app)
    return sorted(mine, key=lambda a: a.case.key)


def _protected(app) -> bool:
    return any(m.person.protected for m in app.case.household.members)


def _barriers_complete(plan, app) -> bool:
    return all(plan.codes.get((p.key, app.month)) for p in app.case.household.adults_at(app.month))


def _change(rng: random.Random, app) -> None:
    h = app.case.household
    what = rng.choices(["salary", "rent", "extra_need", "income_ended"], weights=[35, 30, 25, 10])[0]
    items = list(app.items)
    ended = [i for i in items if i.category == "income" and i.kind not in ("child_allowance",)]
    if what == "income_ended" and not ended:
        what = "salary"
    if what == "salary":
        items.append(Item("income", "salary", h.applicant, rng.randrange(2000, 6000, 100), "Nytt extrajobb"))
    elif what == "rent":
        items = [
            Item(i.category, i.kind, i.member, int(i.amount * rng.uniform(1.03, 1.10)) // 10 * 10, "Ny hyra")
            if i.kind == "rent"
            else i
            for i in items
        ]
    elif what == "extra_need":
        kind, text, low, high = rng.choice(EXTRA_NEEDS)
        items.append(Item("extra_need", kind, None, rng.randrange(low, high, 50), text))
    else:
        items.remove(ended[0])
    app.items = items
    app.flags.discard("unchanged")
    app.flags.add("changed")


def _protected_examples(plan, rng: random.Random) -> None:
    n1_open = [c for c in plan.cases if c.unit == "N1" and c.is_open]
    ready_cases = {
        a.case.key for a in plan.applications if "ready" in a.flags or "missing_barrier" in a.flags
    }
    hers = [c for c in n1_open if c.caseworker.username == HANDLAGGARE and c.key not in ready_cases]
    theirs = [
        c for c in n1_open if c.caseworker.username != HANDLAGGARE and c.caseworker.role == "caseworker"
    ]
    if hers:
        protect(rng.choice(hers).household, "protected_registration")
    if theirs:
        protect(rng.choice(theirs).household, "confidentiality_marking")


def calculate(plan) -> None:
    """Calculation snapshots for the waiting applications, made automatically when they came in."""
    plan.failed_calculations = 0
    for app in plan.applications:
        if app.month != plan.as_of:
            continue
        request = request_dict(
            app.case.household, app.month, app.items, history_before(app, plan.window_start), RULES_CODE
        )
        try:
            result = rules.calculate(request)
        except rules.CalculationError:
            plan.failed_calculations += 1
            continue
        app.calculation = CalculationPlan(request, result, app.received_at + timedelta(hours=1), None)
