"""Income and benefit data from the agencies ("inkomstuppgifter"), per person and period (no Django).

Shaped after SSBTEK, the agencies' joint service for ekonomiskt bistånd (lag (2008:975) om
uppgiftsskyldighet i vissa fall vid handläggning av ärenden om ekonomiskt bistånd, and förordningen
(2008:1002)): the municipality asks, per personnummer and month, what Försäkringskassan,
Pensionsmyndigheten, the unemployment funds, CSN, Arbetsförmedlingen, Skatteverket (the employers'
declarations at individual level) and Migrationsverket pay out or know. A provider returns only what the
calculation and the caseworker need — the source, the income kind of the calculation contract and the
amount for the month (data minimisation, GDPR art. 5.1 c): no employer names, no diagnoses, no history.

A real SSBTEK provider needs the municipality's agreement with the agencies and its certificate; see
docs/income-data.md for how one plugs in. This module has none and pretends to have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

# Agency code -> Swedish name, in the order SSBTEK lists them.
SOURCES: dict[str, str] = {
    "fk": "Försäkringskassan",
    "pm": "Pensionsmyndigheten",
    "akassa": "Arbetslöshetskassan",
    "csn": "CSN",
    "af": "Arbetsförmedlingen",
    "skv": "Skatteverket (arbetsgivardeklaration)",
    "mv": "Migrationsverket",
}

# Which agency reports which income kind of the calculation contract (bistand/rules kinds.toml).
KIND_SOURCE: dict[str, str] = {
    "salary": "skv",
    "unemployment_benefit": "akassa",
    "sickness_benefit": "fk",
    "parental_benefit": "fk",
    "activity_support": "fk",
    "child_allowance": "fk",
    "housing_allowance": "fk",
    "maintenance_support": "fk",
    "student_aid": "csn",
    "pension": "pm",
}
# Kinds the agencies do not report (e.g. "other"): declared only, never compared.
COMPARED_KINDS = frozenset(KIND_SOURCE)


@dataclass(frozen=True)
class IncomeRecord:
    """One payment for the period: who paid, what kind (calculation contract), how much (whole kronor)."""

    source: str  # key of SOURCES
    kind: str  # key of KIND_SOURCE
    amount: int


@dataclass(frozen=True)
class PersonReport:
    """What the agencies report for one person and month; `registered_af` answers "inskriven på AF"."""

    personal_number: str
    period: date  # first day of the month
    records: tuple[IncomeRecord, ...] = ()
    registered_af: bool | None = None  # None: the provider does not know
    answered: tuple[str, ...] = field(default_factory=lambda: tuple(SOURCES))  # sources that answered


class IncomeProvider(Protocol):
    """The interface a provider implements: one report per personnummer for the month."""

    name: str

    def fetch(self, personal_numbers: list[str], period: date) -> list[PersonReport]: ...


@dataclass(frozen=True)
class Difference:
    """Declared against fetched for one income kind of the whole household."""

    kind: str
    declared: int
    fetched: int

    @property
    def delta(self) -> int:
        return self.fetched - self.declared


def household_totals(records) -> dict[str, int]:
    """Sum per kind over (kind, amount) pairs, only for the kinds the agencies report."""
    totals: dict[str, int] = {}
    for kind, amount in records:
        if kind in COMPARED_KINDS:
            totals[kind] = totals.get(kind, 0) + int(amount)
    return totals


def compare(declared: dict[str, int], fetched: dict[str, int]) -> list[Difference]:
    """Every compared kind where the household's declared sum differs from the agencies' sum.

    Compared per household, not per person: a benefit paid to one parent for a child (barnbidrag,
    underhållsstöd) is often declared on the child. A kind missing on one side counts as 0 kr.
    """
    differences = []
    for kind in sorted(declared.keys() | fetched.keys()):
        if kind not in COMPARED_KINDS:
            continue
        before, after = declared.get(kind, 0), fetched.get(kind, 0)
        if before != after:
            differences.append(Difference(kind, before, after))
    return differences
