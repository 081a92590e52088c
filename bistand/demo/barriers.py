"""Barriers to self-support (försörjningshinder) for every adult and month, spread like Malmö's.

Malmö's January 2014 table (Malmö stad 2014, "Försörjningshinder januari 2014, Malmö", sökande and
medsökande together): Arbetslös, ingen ersättning 29 %; Arbetshinder, sociala skäl 23 %; Arbetslös,
otillräcklig ersättning 21,5 %; Språkhinder 13,5 %; Sjukskriven med läkarintyg, ingen sjukpenning 9 %;
Övriga 4 %. "Övriga" is spread over the other codes in bistand.cases.codes.

Every month is allocated by quota (largest remainder), so each month's shares match the table to within
one registration. A person keeps last month's barrier while its quota has room and changes now and then
(2 % a month), so barriers are stable from month to month as they are in a real caseload. Språkhinder
goes to people born abroad.
"""

import random
from dataclasses import dataclass

from bistand.demo.quota import largest_remainder

OTHERS = "others"
MALMO_2014: dict[str, float] = {
    "unemployed_no_benefit": 29.0,
    "work_barrier_social": 23.0,
    "unemployed_insufficient_benefit": 21.5,
    "language_barrier": 13.5,
    "sick_certified_no_benefit": 9.0,
    OTHERS: 4.0,
}
GROUPS = tuple(MALMO_2014)
# How "Övriga" is spread over the remaining codes (an invented, plausible mix).
OTHER_CODES: dict[str, int] = {
    "part_time_insufficient_income": 18,
    "unemployed_awaiting_benefit": 14,
    "parental_benefit_insufficient": 12,
    "sick_certified_insufficient": 10,
    "sick_certified_awaiting": 6,
    "sickness_compensation_insufficient": 10,
    "establishment_insufficient": 8,
    "no_childcare": 6,
    "pension_insufficient": 4,
    "full_time_insufficient_income": 4,
    "part_time_awaiting_income": 3,
    "no_barrier": 5,
}
MONTHLY_CHANGE = 0.02


def group_of(code: str) -> str:
    return code if code in MALMO_2014 else OTHERS


@dataclass
class Adult:
    """What the allocation needs to know about a person; `key` identifies the person."""

    key: int
    born_abroad: bool
    preference: str  # a group from MALMO_2014
    other_code: str  # the specific code used when the group is "others"


class BarrierAllocator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.adults: dict[int, Adult] = {}
        self.previous: dict[int, str] = {}

    def adult(self, key: int, born_abroad: bool) -> Adult:
        """Register a person once, with a preferred group drawn from the table (no Språkhinder for
        people born in Sweden)."""
        if key not in self.adults:
            groups = [g for g in GROUPS if born_abroad or g != "language_barrier"]
            weights = [
                MALMO_2014[g] * (2.0 if born_abroad and g == "language_barrier" else 1.0) for g in groups
            ]
            preference = self.rng.choices(groups, weights=weights)[0]
            other = self.rng.choices(list(OTHER_CODES), weights=list(OTHER_CODES.values()))[0]
            self.adults[key] = Adult(key, born_abroad, preference, other)
        return self.adults[key]

    def allocate(self, keys: list[int]) -> dict[int, str]:
        """Barrier codes for the adults with assistance this month; call once per month, in order."""
        keys = sorted(keys)
        self.rng.shuffle(keys)
        left = dict(zip(GROUPS, largest_remainder(len(keys), [MALMO_2014[g] for g in GROUPS]), strict=True))
        groups: dict[int, str] = {}
        waiting: list[int] = []
        for key in keys:
            before = self.previous.get(key)
            if before and left[group_of(before)] > 0 and self.rng.random() >= MONTHLY_CHANGE:
                groups[key] = group_of(before)
                left[groups[key]] -= 1
            else:
                if before and self.rng.random() < 0.5:  # a real change: a new preference
                    self.adults[key].preference = self.rng.choice(
                        [g for g in GROUPS if self.adults[key].born_abroad or g != "language_barrier"]
                    )
                waiting.append(key)
        overflow: list[int] = []
        for key in waiting:
            wanted = self.adults[key].preference
            if left[wanted] > 0:
                groups[key] = wanted
                left[wanted] -= 1
            else:
                overflow.append(key)
        for key in overflow:
            allowed = [
                g for g in GROUPS if left[g] > 0 and (self.adults[key].born_abroad or g != "language_barrier")
            ]
            group = max(allowed or [g for g in GROUPS if left[g] > 0], key=lambda g: left[g])
            groups[key] = group
            left[group] -= 1
        codes = {}
        for key in sorted(groups):
            before = self.previous.get(key)
            if groups[key] != OTHERS:
                codes[key] = groups[key]
            elif before and group_of(before) == OTHERS:
                codes[key] = before
            else:
                codes[key] = self.adults[key].other_code
        self.previous.update(codes)
        return codes
