"""Decisions calculated with a preliminary table that an official one changes.

Each decision of the year whose stored calculation used a preliminary table of the kind is recalculated
from its stored request with the tables in use now; a decision whose assistance differs is listed
(DecisionToReview), so that a caseworker corrects it with a new decision — nothing is corrected here.
A decision that has already been corrected is skipped (its correction has its own calculation), and a
decision already listed for the same new table version is not listed twice.

This runs by itself when an official version is entered over a preliminary one, and through
`bistand review_decisions YEAR` when the official table came with a new release of the program.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bistand import rules
from bistand.cases.models import Decision
from bistand.normtables.models import DecisionToReview, TableKind, TableVersion
from bistand.rules import params


@dataclass
class Review:
    rows: list[DecisionToReview] = field(default_factory=list)
    rechecked: int = 0  # decisions calculated with the preliminary table


def in_use(kind: str, year: int):
    return (params.norm_table if kind == TableKind.RIKSNORM else params.price_base_amount)(year)


def is_preliminary(kind: str, table) -> bool:
    if kind == TableKind.RIKSNORM:
        return table.preliminary
    return table.source.confidence == "preliminary"


def used_preliminary(kind: str, year: int, result: dict) -> bool:
    """Did this stored result rest on a preliminary table of `kind` for `year`?"""
    used = result.get("parameters") or {}
    if kind == TableKind.RIKSNORM:
        return used.get("year") == year and bool(used.get("preliminary"))
    amount = used.get("price_base_amount") or {}
    return amount.get("year") == year and amount.get("confidence") == "preliminary"


def used_version(kind: str, result: dict) -> str:
    used = result.get("parameters") or {}
    part = used.get("norm") if kind == TableKind.RIKSNORM else used.get("price_base_amount")
    return (part or {}).get("version") or params.FILE_VERSION


def review_decisions(kind: str, year: int, table: TableVersion | None = None) -> Review:
    """List the decisions of `year` that the (official) table of `kind` now in use changes."""
    current = in_use(kind, year)
    review = Review()
    if current is None or is_preliminary(kind, current):
        return review
    listed = set(
        DecisionToReview.objects.filter(kind=kind, year=year, new_version=current.version).values_list(
            "decision_id", flat=True
        )
    )
    decisions = (
        Decision.objects.filter(calculation__isnull=False, month__year=year, corrections__isnull=True)
        .select_related("calculation", "case")
        .order_by("month", "id")
    )
    for decision in decisions:
        calculation = decision.calculation
        if not used_preliminary(kind, year, calculation.result):
            continue
        review.rechecked += 1
        new, problem = None, ""
        try:
            new = rules.calculate(calculation.request)["assistance"]
        except rules.CalculationError as exc:
            problem = "; ".join(item.message for item in exc.items)[:300]
        if new == calculation.assistance or decision.pk in listed:
            continue
        review.rows.append(
            DecisionToReview.objects.create(
                kind=kind,
                year=year,
                table=table,
                new_version=current.version[:60],
                decision=decision,
                calculation=calculation,
                previous_version=used_version(kind, calculation.result)[:60],
                old_assistance=calculation.assistance,
                new_assistance=new,
                problem=problem,
            )
        )
    return review


def describe(review: Review) -> list[str]:
    """The command's lines (Swedish) for a review."""
    lines = [
        f"{review.rechecked} beslut beräknades med den preliminära tabellen; "
        f"{len(review.rows)} får ett annat belopp och ska ses över:"
    ]
    for row in review.rows:
        decision = row.decision
        new = (
            "kunde inte räknas om: " + row.problem
            if row.new_assistance is None
            else f"{row.new_assistance} kr"
        )
        lines.append(
            f"  {decision.case.number} {decision.month:%Y-%m} beslut {decision.pk} ({decision.decided_on}): "
            f"{row.old_assistance} kr -> {new}"
        )
    return lines
