"""Follow-up of the automated decision function per unit and month, for unit managers.

The figures (Statskontoret 2022 and Riksrevisionen RiR 2020:22 both ask for follow-up of automated
decision-making): how many of the month's assessed applications were decided automatically, how many went
to a person and why, how many were sampled, how often the sample's reviewer agreed, and the caseworker
time given back.

MINUTES_PER_UNCHANGED_DECISION is an ASSUMPTION, not a measured figure: the time a caseworker spends
checking and confirming an unchanged recurring application (open it, compare with last month, check the
income data, confirm, letter). Replace it with the municipality's own time study.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bistand.automation.criteria import CODES
from bistand.automation.models import Assessment, Result

MINUTES_PER_UNCHANGED_DECISION = 10  # assumption, see the module docstring


@dataclass
class Figures:
    assessed: int = 0
    decided: int = 0
    to_person: int = 0
    sampled: int = 0
    reviewed: int = 0
    agreed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # criterion code -> applications
    minutes_per_decision: int = MINUTES_PER_UNCHANGED_DECISION

    @property
    def decided_share(self) -> float | None:
        return self.decided / self.assessed if self.assessed else None

    @property
    def agreement_rate(self) -> float | None:
        return self.agreed / self.reviewed if self.reviewed else None

    @property
    def decided_percent(self) -> str:
        return _percent(self.decided, self.assessed)

    @property
    def agreement_percent(self) -> str:
        return _percent(self.agreed, self.reviewed)

    @property
    def minutes_given_back(self) -> int:
        return self.decided * self.minutes_per_decision

    @property
    def reason_rows(self) -> list[tuple[str, int]]:
        """(Swedish criterion, count), most frequent first."""
        rows = [
            (CODES[c].title if c in CODES else "Beslutet nekades av beslutsfunktionen", n)
            for c, n in self.reasons.items()
        ]
        return sorted(rows, key=lambda r: (-r[1], r[0]))


def _percent(part: int, whole: int) -> str:
    """Whole percent, halves rounded up: 1 of 3 -> "33 %"."""
    if not whole:
        return "–"
    return f"{(200 * part + whole) // (2 * whole)} %"


def figures_from(rows) -> Figures:
    """Figures from (result, reasons, agrees) triples (pure, so it is checked by hand in the tests)."""
    f = Figures()
    for result, reasons, agrees in rows:
        f.assessed += 1
        if result == Result.DECIDED:
            f.decided += 1
        elif result == Result.SAMPLED:
            f.sampled += 1
            if agrees is not None:
                f.reviewed += 1
                f.agreed += int(agrees)
        else:
            f.to_person += 1
            for code in {r["code"] for r in reasons}:
                f.reasons[code] = f.reasons.get(code, 0) + 1
    return f


def figures(unit_id: int, month: date) -> Figures:
    rows = Assessment.objects.filter(unit_id=unit_id, month=month).values_list("result", "reasons", "agrees")
    return figures_from(rows)
