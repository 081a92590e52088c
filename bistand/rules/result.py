"""The calculation result: totals, explanation lines and the parameters used — all JSON-ready.

Invariant (tested on every case): sum(line.amount for line in lines) == assistance − surplus.
Needs are positive, counted incomes negative; a line for something not counted or not approved has
amount 0 and says so in its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from bistand.rules.months import Month


@dataclass(frozen=True, slots=True)
class Line:
    rule: str  # stable rule id, e.g. "norm.personal.child", "income.work_incentive"
    amount: int  # signed whole kronor
    text: str  # Swedish, for caseworker and applicant alike
    source: str  # legal source, e.g. "SoF 2025:468 12 kap. 2 §"
    confidence: str  # official | secondary | derived | preliminary | example (see params.py)
    counted: bool = True  # False: shown for information, not approved / not counted
    parameter: str | None = (
        None  # name of the parameter used, e.g. "riksnorm_2025.children.4-6.without_lunch"
    )
    value: int | str | None = None  # its value (a rate as a decimal string, e.g. "0.25")
    member: str | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "amount": self.amount,
            "counted": self.counted,
            "text": self.text,
            "parameter": self.parameter,
            "value": self.value,
            "source": self.source,
            "confidence": self.confidence,
            "member": self.member,
            "kind": self.kind,
        }


class Totals(NamedTuple):
    """The figures of one calculation without its explanation (what the batch path returns)."""

    norm_total: int
    costs_total: int  # approved reasonable costs
    extra_needs_total: int
    income_total: int  # counted income
    assistance: int  # never negative
    surplus: int  # normöverskott: counted income above the total need

    @classmethod
    def of(cls, norm: int, costs: int, extra: int, income: int) -> Totals:
        balance = norm + costs + extra - income
        return cls(norm, costs, extra, income, max(balance, 0), max(-balance, 0))


@dataclass(frozen=True, slots=True)
class CalculationResult:
    month: Month
    norm_total: int
    costs_total: int
    extra_needs_total: int
    income_total: int
    assistance: int
    surplus: int
    lines: tuple[Line, ...]
    parameters: dict[str, Any]  # JSON-ready description of the parameter set used

    @property
    def totals(self) -> Totals:
        return Totals(
            self.norm_total,
            self.costs_total,
            self.extra_needs_total,
            self.income_total,
            self.assistance,
            self.surplus,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": str(self.month),
            "norm_total": self.norm_total,
            "costs_total": self.costs_total,
            "extra_needs_total": self.extra_needs_total,
            "need_total": self.norm_total + self.costs_total + self.extra_needs_total,
            "income_total": self.income_total,
            "assistance": self.assistance,
            "surplus": self.surplus,
            "lines": [line.to_dict() for line in self.lines],
            "parameters": self.parameters,
        }
