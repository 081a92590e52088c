"""Decisions calculated with a preliminary table that an official one changes.

Each decision of the year whose stored calculation used the preliminary table is recalculated from its
stored request with the tables now in use; a decision whose assistance differs is listed
(DecisionToReview), so that a caseworker corrects it with a new decision. A decision that has already
been corrected is skipped (its correction has its own calculation).
"""

from __future__ import annotations

from bistand import rules
from bistand.cases.models import Decision
from bistand.normtables.models import DecisionToReview, TableKind, TableVersion
from bistand.rules import params


def was_preliminary(kind: str, table) -> bool:
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


def review_decisions(table: TableVersion) -> tuple[list[DecisionToReview], int]:
    """List the decisions `table` changes; returns (rows made, decisions recalculated)."""
    decisions = (
        Decision.objects.filter(calculation__isnull=False, month__year=table.year, corrections__isnull=True)
        .select_related("calculation")
        .order_by("month", "id")
    )
    rows, count = [], 0
    for decision in decisions:
        calculation = decision.calculation
        if not used_preliminary(table.kind, table.year, calculation.result):
            continue
        count += 1
        new, problem = None, ""
        try:
            new = rules.calculate(calculation.request)["assistance"]
        except rules.CalculationError as exc:
            problem = "; ".join(item.message for item in exc.items)[:300]
        if new == calculation.assistance:
            continue
        rows.append(
            DecisionToReview.objects.create(
                table=table,
                decision=decision,
                calculation=calculation,
                previous_version=used_version(table.kind, calculation.result)[:60],
                old_assistance=calculation.assistance,
                new_assistance=new,
                problem=problem,
            )
        )
    return rows, count
