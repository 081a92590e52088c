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
    calculated: bool = False  # the application has a calculation snapshot (the marks below come from it)
    delegation: list[str] = field(default_factory=list)
    blockers: list = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # "Hyra: 5 600 kr av 9 000 kr"
    preliminary: bool = False
    referral: object = None  # DecisionReferral, the newest


def uses_preliminary(result: dict) -> bool:
    used = result.get("parameters") or {}
    amount = used.get("price_base_amount") or {}
    return bool(used.get("preliminary")) or amount.get("confidence") == "preliminary"


@dataclass(frozen=True)
class _Proposed:
    """What the queue needs of one calculation: the totals its delegation check reads, and the flags."""

    income_support: int
    extra_needs: dict
    partial: tuple[str, ...]
    preliminary: bool


# A Calculation is an append-only snapshot, so what is derived from it never changes: the work queue's
# counts read it for every waiting application, and each process keeps it per calculation (keyed by id and
# creation time, so an emptied and rebuilt database cannot hand back another calculation's figures).
_PROPOSED: dict[tuple[int, object], _Proposed] = {}
_PROPOSED_LIMIT = 200_000


def _proposed(request: dict, result: dict) -> _Proposed:
    items = propose_from(request, result)
    totals = totals_for(items, int(result.get("income_total", 0)))
    return _Proposed(
        totals.income_support,
        dict(totals.extra_needs),
        tuple(
            f"{item.label}: {kr(item.granted)} av {kr(item.requested)}"
            for item in items
            if item.outcome != DecisionOutcome.GRANTED
        ),
        uses_preliminary(result),
    )


def _newest_proposals(application_ids) -> dict[int, _Proposed]:
    """application id -> what its newest calculation proposes; two light queries, the snapshots' JSON
    read only for calculations this process has not seen."""
    newest: dict[int, tuple[int, object]] = {}
    rows = (
        Calculation.objects.filter(application_id__in=list(application_ids))
        .order_by("application_id", "-created_at", "-id")
        .values_list("application_id", "id", "created_at")
    )
    for application_id, calculation_id, created_at in rows:
        newest.setdefault(application_id, (calculation_id, created_at))
    found = {key: proposed for key in newest.values() if (proposed := _PROPOSED.get(key)) is not None}
    missing = [key for key in newest.values() if key not in found]
    if missing:
        if len(_PROPOSED) + len(missing) > _PROPOSED_LIMIT:
            _PROPOSED.clear()
        snapshots = Calculation.objects.filter(pk__in=[pk for pk, _ in missing]).order_by()
        for pk, created_at, request, result in snapshots.values_list("id", "created_at", "request", "result"):
            found[(pk, created_at)] = _PROPOSED[(pk, created_at)] = _proposed(request, result)
    return {application_id: found[key] for application_id, key in newest.items() if key in found}


def marks_for(applications, staff) -> dict[int, Marks]:
    """application id -> Marks for `staff` (whose delegation decides what they may decide)."""
    applications = list(applications)
    ids = [a.pk for a in applications]
    proposals = _newest_proposals(ids)
    blockers = extensions.queue_blockers(applications)
    held = referrals.current_referrals(ids)
    result = {}
    for application in applications:
        marks = Marks(blockers=blockers.get(application.pk, []), referral=held.get(application.pk))
        proposed = proposals.get(application.pk)
        if proposed is not None:
            marks.calculated = True
            marks.delegation = delegation_problems(staff.role, proposed.income_support, proposed.extra_needs)
            marks.partial = list(proposed.partial)
            marks.preliminary = proposed.preliminary
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
