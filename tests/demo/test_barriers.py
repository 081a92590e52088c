"""Barriers to self-support are spread like Malmö's January 2014 table and stay stable per person."""

import random

from bistand.cases.codes import BARRIER_BY_CODE
from bistand.demo.barriers import MALMO_2014, BarrierAllocator, group_of

# seeds/003, "Försörjningshinder januari 2014, Malmö": andel i procent.
MALMO = {
    "unemployed_no_benefit": 29.0,
    "work_barrier_social": 23.0,
    "unemployed_insufficient_benefit": 21.5,
    "language_barrier": 13.5,
    "sick_certified_no_benefit": 9.0,
    "others": 4.0,
}


def _city(months=12, adults=3000, seed=3):
    """3 000 adults, about 40 % born in Sweden; each month 5 % leave and are replaced by newcomers."""
    rng = random.Random(seed)
    allocator = BarrierAllocator(random.Random(seed + 1))
    born_abroad = {k: rng.random() < 0.6 for k in range(adults * 2)}
    active = list(range(adults))
    next_key = adults
    result = []
    for _ in range(months):
        for key in active:
            allocator.adult(key, born_abroad[key])
        result.append(allocator.allocate(active))
        leaving = set(rng.sample(active, adults // 20))
        active = [k for k in active if k not in leaving] + list(range(next_key, next_key + len(leaving)))
        next_key += len(leaving)
    return result, born_abroad


def test_the_table_is_the_papers_table():
    assert MALMO_2014 == MALMO
    assert sum(MALMO.values()) == 100


def test_every_month_matches_the_table_within_two_points():
    months, _ = _city()
    for codes in months:
        counts = {g: 0 for g in MALMO}
        for code in codes.values():
            assert code in BARRIER_BY_CODE  # a real code of bistand.cases.codes
            counts[group_of(code)] += 1
        for group, share in MALMO.items():
            assert abs(100 * counts[group] / len(codes) - share) <= 2.0, group


def test_a_person_mostly_keeps_last_months_barrier():
    months, _ = _city()
    kept = changed = 0
    for before, after in zip(months, months[1:], strict=False):
        for key, code in after.items():
            if key in before:
                kept += code == before[key]
                changed += code != before[key]
    assert kept / (kept + changed) >= 0.9


def test_language_barrier_only_for_people_born_abroad():
    months, born_abroad = _city(months=3)
    for codes in months:
        assert all(born_abroad[k] for k, code in codes.items() if code == "language_barrier")
