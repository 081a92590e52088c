"""What the work queue says about each application before any click: may I decide it, and if not, why.

For every waiting application the queue shows
- what stops the decision (an extension's QUEUE_CHECKS, e.g. a missing barrier to self-support), with a
  link to where it is put right;
- whether the prepared decision is above the viewer's delegation (the same totals decide() checks),
  so the row offers to hand it over instead of a decide button that would only be refused;
- who holds it when it has been handed over;
- a partial refusal the calculation proposes (e.g. rent above the municipality's cap), which is not
  "unchanged" even when the application is;
- a calculation made with a preliminary riksnorm or prisbasbelopp (the decision is reviewed when the
  official table comes).
All of it in a fixed number of queries for the whole queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bistand.cases.models import Calculation, DecisionOutcome
from bistand.casework import extensions, referrals
from bistand.casework.decisions import delegation_problems
from bistand.casework.decisions.proposals import propose_from
from bistand.casework.decisions.service import totals_for
from bistand.rules.formatting import kr


@dataclass
class Marks:
    calculation: Calculation | None = None
    delegation: list[str] = field(default_factory=list)
    blockers: list = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # "Hyra: 5 600 kr av 9 000 kr"
    preliminary: bool = False
    referral: object = None  # DecisionReferral, the newest


def uses_preliminary(result: dict) -> bool:
    used = result.get("parameters") or {}
    amount = used.get("price_base_amount") or {}
    return bool(used.get("preliminary")) or amount.get("confidence") == "preliminary"


def _newest_calculations(application_ids) -> dict[int, Calculation]:
    newest: dict[int, Calculation] = {}
    rows = Calculation.objects.filter(application_id__in=list(application_ids)).order_by(
        "application_id", "-created_at", "-id"
    )
    for calculation in rows:
        newest.setdefault(calculation.application_id, calculation)
    return newest


def marks_for(applications, staff) -> dict[int, Marks]:
    """application id -> Marks for `staff` (whose delegation decides what they may decide)."""
    applications = list(applications)
    ids = [a.pk for a in applications]
    calculations = _newest_calculations(ids)
    blockers = extensions.queue_blockers(applications)
    held = referrals.current_referrals(ids)
    result = {}
    for application in applications:
        marks = Marks(
            calculation=calculations.get(application.pk),
            blockers=blockers.get(application.pk, []),
            referral=held.get(application.pk),
        )
        calculation = marks.calculation
        if calculation is not None:
            items = propose_from(calculation.request, calculation.result)
            totals = totals_for(items, int(calculation.result.get("income_total", 0)))
            marks.delegation = delegation_problems(staff.role, totals.income_support, totals.extra_needs)
            marks.partial = [
                f"{item.label}: {kr(item.granted)} av {kr(item.requested)}"
                for item in items
                if item.outcome != DecisionOutcome.GRANTED
            ]
            marks.preliminary = uses_preliminary(calculation.result)
        result[application.pk] = marks
    return result


def action_for(marks: Marks, unchanged: bool, staff) -> str:
    """What the row offers: held (someone else holds it), barrier, refer, decide or review."""
    if marks.referral is not None and marks.referral.holder_id != staff.pk:
        return "held"
    if marks.blockers:
        return "barrier"
    if marks.delegation:
        return "refer"
    if unchanged and not marks.partial:
        # Without a snapshot (rare: applications are calculated when registered) the application page
        # calculates first and shows the delegation check before the decide button.
        return "decide"
    return "review"
