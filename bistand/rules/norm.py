"""The riksnorm formulas: personal costs by age band, common household costs by size, and the share.

Riksnormen for a household is "summan av de personliga kostnaderna för samtliga medlemmar i hushållet och
de gemensamma hushållskostnaderna" (SoF 2001:937 2 kap. 1 §; SoF 2025:468 12 kap. 2 §). The amounts
are data (params.py); this module holds only the structure the ordinance gives them.
"""

from __future__ import annotations

from typing import NamedTuple

from bistand.rules.money import share
from bistand.rules.params import NormTable


class Band(NamedTuple):
    low: int
    high: int
    label: str  # the ordinance's column heading
    noun: str  # how a line names the member: "barn 4–6 år"


# The eight child columns of the riksnorm table, in order (unchanged 2013–2026). The "utan lunch" amount
# exists for the first four only.
BANDS = (
    Band(0, 0, "0 år", "barn under 1 år"),
    Band(1, 2, "1–2 år", "barn 1–2 år"),
    Band(3, 3, "3 år", "barn 3 år"),
    Band(4, 6, "4–6 år", "barn 4–6 år"),
    Band(7, 10, "7–10 år", "barn 7–10 år"),
    Band(11, 14, "11–14 år", "barn 11–14 år"),
    Band(15, 18, "15–18 år", "barn 15–18 år"),
    Band(19, 20, "19–20 år", "skolungdom 19–20 år"),
)
OLDEST_CHILD_AGE = 20  # "barn och ungdomar under 21 år" (SOSFS 2013:1)
LUNCH_BANDS = 4
BAND_OF_AGE = tuple(next(i for i, b in enumerate(BANDS) if b.low <= age <= b.high) for age in range(21))
FULL_TABLE_SIZE = 7  # the ordinance tabulates common costs for 1 … 7 persons


DAYS_IN_NORM_MONTH = 30  # the norm's daily amount is the monthly amount / 30


def part_of_month(monthly: int, days: int) -> int:
    """A child's personal costs for `days` days in the household (children living part of the month with the
    other parent; SOSFS 2013:1: "beräkna kostnaderna efter det antal dagar barnet … vistas hos respektive
    förälder").

    The daily amount is the monthly amount / 30; the month's amount is monthly × days / 30, computed exactly
    and rounded ONCE, half-up, to whole kronor (the daily amount itself is not rounded first):
    3 060 × 12 / 30 = 1 224; 2 720 × 7 / 30 = 634,67 -> 635. 30 days or more is the full month (never more
    than the table amount, also in a 31-day month). Only the personal costs are divided: the child still
    counts as a member of the household for the common household costs.
    """
    if days >= DAYS_IN_NORM_MONTH:
        return monthly
    return share(monthly, days, DAYS_IN_NORM_MONTH)


def band_tables(table: NormTable) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
    """Per-age look-up tables (age 0 … 20) for the with-lunch and the utan-lunch amounts."""
    with_lunch = tuple(table.with_lunch[BAND_OF_AGE[age]] for age in range(21))
    without = tuple(
        table.without_lunch[BAND_OF_AGE[age]] if BAND_OF_AGE[age] < LUNCH_BANDS else None for age in range(21)
    )
    return with_lunch, without


def adults_cost(table: NormTable, cohabiting: bool) -> int:
    """Personal costs of the adults: the couple amount covers both cohabitants together."""
    return table.couple if cohabiting else table.single


def extra_member_cost(table: NormTable) -> int:
    """Each person beyond seven: "skillnaden mellan hushåll med sex respektive sju personer"."""
    return table.common[6] - table.common[5]


def common_costs(table: NormTable, persons: int) -> int:
    """Common household costs for a household of `persons` (SoF 2025:468 12 kap. 3 § for more than 7)."""
    if persons <= FULL_TABLE_SIZE:
        return table.common[persons - 1]
    return table.common[FULL_TABLE_SIZE - 1] + (persons - FULL_TABLE_SIZE) * extra_member_cost(table)


def common_costs_share(table: NormTable, household_size: int, case_members: int) -> int:
    """The case's share when it lives in a larger household without being cohabitants with the others.

    The ordinance: personal costs "för ensamstående plus kvoten av de gemensamma kostnaderna för hushållet
    och antalet medlemmar i hushållet" — generalised to a case of several members as
    common(household_size) × case_members / household_size. No official rounding rule exists (every
    official example divides evenly: 1 710 / 5, 1 740 / 5); the share is rounded half-up to whole kronor.
    """
    return share(common_costs(table, household_size), case_members, household_size)
