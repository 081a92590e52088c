"""Making a decision on an application, and correcting one (never editing it).

What is granted — think of the decision as the calculation re-done with the caseworker's assessment:
- Each need item (the norm, each cost kind, each extra need) gets a granted amount: the proposal from the
  calculation, or the caseworker's override (kind -> (amount, reason)). An override may lower an item
  (a reason is then required) or raise it up to what was applied for (e.g. accept a rent above the cap
  after individual assessment) — never above: the decision cannot grant more than was asked for.
- total_granted = max(0, sum of granted items − counted income). The counted income is the
  calculation's income_total (after jobbstimulans and children's own earnings), because income is
  what the household must first use for its needs (SoL 4 kap. 1 § / 12 kap. 1 §). The income is counted
  against what is GRANTED, not against what was requested: lowering an item lowers the total krona for
  krona until the total reaches 0, and the total is never negative (a surplus is not a debt).
  Without overrides total_granted therefore equals the calculation's `assistance`.
- Outcome: rejected (avslag) when nothing is paid — every item rejected, or the income covers all that is
  granted; granted (bifall) when every item is granted in full and something is paid; otherwise partly
  granted (delvis bifall). A reduction caused only by income is not a partial rejection of a need.

Refused (DecisionRefused with Swedish messages, nothing written) when: the application is already
decided or withdrawn (use correct()), another application of the case for the same month and need
already has a decision (the month is decided once; a change is a correction of that decision), someone changed it meanwhile (version), the calculation belongs to
another application or no longer matches it, an extension check (decision_blockers) objects, an override
is invalid, the date is in the future, or the delegation order does not let the staff member's role
decide these amounts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from bistand.cases.models import Application, Calculation, Case, Decision, DecisionItem, DecisionOutcome
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.cases.services import build_request
from bistand.casework.decisions.delegation import AUTOMATED, delegation_problems
from bistand.casework.decisions.labels import kind_label
from bistand.casework.decisions.legal import appeal_instruction, committee_name, legal_basis
from bistand.casework.decisions.proposals import ItemProposal, outcome_for, propose
from bistand.casework.extensions import decision_blockers
from bistand.organisation.models import StaffMember
from bistand.rules.formatting import kr, long_date, month_name

Overrides = dict[str, tuple[int, str]]


class DecisionRefused(Exception):
    """The decision was not made; `messages` says why, in Swedish, for the caseworker."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


@dataclass(frozen=True)
class Totals:
    need_granted: int
    income: int
    total_granted: int
    income_support: int  # försörjningsstöd part: norm + costs granted − income, at least 0
    extra_needs: dict[str, int]  # granted per extra-need kind


def apply_overrides(
    proposals: list[ItemProposal], overrides: Overrides | None
) -> tuple[list[ItemProposal], list[str]]:
    """The items with the caseworker's amounts and reasons, and Swedish messages for invalid overrides."""
    overrides = dict(overrides or {})
    problems: list[str] = []
    items = []
    for proposal in proposals:
        if proposal.kind not in overrides:
            items.append(proposal)
            continue
        amount, reason = overrides.pop(proposal.kind)
        reason = (reason or "").strip()
        try:
            amount = int(amount)
        except (TypeError, ValueError):
            problems.append(f"{proposal.label}: beviljat belopp måste vara ett heltal i kronor.")
            continue
        if amount < 0:
            problems.append(f"{proposal.label}: beviljat belopp kan inte vara negativt.")
        elif amount > proposal.requested:
            problems.append(
                f"{proposal.label}: beviljat belopp ({kr(amount)}) kan inte vara högre än det ansökta "
                f"({kr(proposal.requested)})."
            )
        elif amount < proposal.requested and not reason:
            problems.append(f"{proposal.label}: ange skäl till att posten inte beviljas fullt ut.")
        outcome = outcome_for(proposal.requested, amount)
        items.append(replace(proposal, granted=amount, outcome=outcome, reason=reason))
    for kind in sorted(overrides):
        problems.append(f"Det finns ingen behovspost ”{kind}” i beräkningen.")
    return items, problems


def totals_for(items: list[ItemProposal], income: int) -> Totals:
    need = sum(i.granted for i in items)
    support_need = sum(i.granted for i in items if i.category != "extra_need")
    extra = {}
    for i in items:
        if i.category == "extra_need":
            extra[i.kind] = extra.get(i.kind, 0) + i.granted
    return Totals(need, income, max(0, need - income), max(0, support_need - income), extra)


def outcome_of(items: list[ItemProposal], totals: Totals) -> str:
    if totals.total_granted <= 0:
        return DecisionOutcome.REJECTED
    if all(i.outcome == DecisionOutcome.GRANTED for i in items):
        return DecisionOutcome.GRANTED
    return DecisionOutcome.PARTLY_GRANTED


def _labelled(item: ItemProposal) -> str:
    """ "Label: reason", unless the reason already starts with the label (the rules' texts often do)."""
    if item.reason.startswith(f"{kind_label(item.category, item.kind)}:"):
        return item.reason
    return f"{item.label}: {item.reason}"


def reasons_text(items: list[ItemProposal], totals: Totals) -> str:
    parts = [_labelled(i) for i in items if i.outcome != DecisionOutcome.GRANTED]
    if totals.income and totals.total_granted == 0 and totals.need_granted > 0:
        parts.append(
            f"Hushållets inkomster ({kr(totals.income)}) täcker det beviljade behovet "
            f"({kr(totals.need_granted)}). Därför betalas inget ekonomiskt bistånd ut för månaden."
        )
    return "\n".join(parts)


def _calculation_problems(application: Application, calculation: Calculation) -> list[str]:
    if calculation.application_id != application.pk:
        return ["Beräkningen hör inte till den här ansökan. Gör en ny beräkning."]
    if calculation.request != build_request(application):
        return [
            "Ansökan eller hushållet har ändrats efter beräkningen. Gör en ny beräkning innan du beslutar."
        ]
    return []


def _lock(application: Application) -> Application:
    locked = Application.objects.select_for_update().select_related("case").get(pk=application.pk)
    return locked


def month_already_decided(application: Application) -> list[str]:
    """Refusal when another application of the case already decided this month and need.

    Call with the case row locked (decide() does), so two decisions for one month take turns; the
    payments' unique constraint (one per case, month and need) is the database's guard behind it.
    """
    earlier = (
        Decision.objects.filter(
            case_id=application.case_id,
            month=application.month,
            application__need=application.need,
            corrects__isnull=True,
        )
        .exclude(application=application)
        .order_by("decided_on", "id")
        .first()
    )
    if earlier is None:
        return []
    return [
        f"{month_name(application.month).capitalize()} är redan beslutad i ärendet (beslut den "
        f"{long_date(earlier.decided_on)}). Samma månad och behov kan inte beslutas två gånger. Om det "
        "beslutet är fel, gör en rättelse av det."
    ]


def _prepare(
    application, calculation, staff, overrides, decided_on, automated=""
) -> tuple[list[ItemProposal], Totals, list[str]]:
    problems: list[str] = []
    if decided_on > timezone.localdate():
        problems.append("Beslutsdatum kan inte ligga i framtiden.")
    problems += _calculation_problems(application, calculation)
    problems += decision_blockers(application)
    items, override_problems = apply_overrides(propose(calculation), overrides)
    problems += override_problems
    totals = totals_for(items, int(calculation.result.get("income_total", 0)))
    if automated:
        problems += _automated_problems(application, items, totals, overrides)
    elif staff is None:
        problems.append("Beslutet måste fattas av en inloggad medarbetare.")
    elif not override_problems:
        problems += delegation_problems(staff.role, totals.income_support, totals.extra_needs)
    return items, totals, problems


def _automated_problems(application, items, totals, overrides) -> list[str]:
    """The automated decision function decides only full approvals of recurring applications, unchanged
    from the calculation, within its own mandate; everything else is for a person."""
    problems = []
    if application.kind != ApplicationKind.RECURRING:
        problems.append("Den automatiserade beslutsfunktionen beslutar bara om återansökningar.")
    if overrides:
        problems.append("Den automatiserade beslutsfunktionen kan inte ändra beräkningens förslag.")
    if outcome_of(items, totals) != DecisionOutcome.GRANTED:
        problems.append("Den automatiserade beslutsfunktionen beslutar bara om fullt bifall.")
    return problems + delegation_problems(AUTOMATED, totals.income_support, totals.extra_needs)


def _write(
    application,
    calculation,
    staff,
    items,
    totals,
    decided_on,
    extra_reason="",
    corrects=None,
    extra_legal_basis="",
    automated="",
) -> Decision:
    municipality = application.case.unit.district.municipality
    reasons = reasons_text(items, totals)
    decision = Decision.objects.create(
        case=application.case,
        application=application,
        calculation=calculation,
        month=application.month,
        outcome=outcome_of(items, totals),
        total_granted=totals.total_granted,
        decided_on=decided_on,
        decided_by=staff,
        automated=automated,
        legal_basis="; ".join(p for p in (legal_basis(decided_on), extra_legal_basis) if p)[:200],
        reasons="\n".join(p for p in (extra_reason, reasons) if p),
        appeal_instruction=appeal_instruction(committee_name(municipality.name)),
        corrects=corrects,
    )
    DecisionItem.objects.bulk_create(
        DecisionItem(
            decision=decision,
            kind=i.kind,
            label=i.label[:200],
            requested=i.requested,
            granted=i.granted,
            outcome=i.outcome,
            reason=i.reason if i.outcome != DecisionOutcome.GRANTED else "",
        )
        for i in items
    )
    application.version += 1
    application.status = ApplicationStatus.DECIDED
    application.save(update_fields=["status", "version", "updated_at"])
    return decision


def _sync(stale: Application, fresh: Application) -> None:
    stale.status, stale.version = fresh.status, fresh.version


@transaction.atomic
def decide(
    application: Application,
    calculation: Calculation,
    staff: StaffMember | None,
    overrides: Overrides | None = None,
    decided_on: date | None = None,
    extra_reason: str = "",
    extra_legal_basis: str = "",
    automated: str = "",
) -> Decision:
    """Decide the application from the calculation; the application becomes decided (version bumped).

    `extra_reason` opens the decision's reasons and `extra_legal_basis` is added to its legal basis: both
    for a caseworker's explicit choice under another provision (e.g. the aktivitetskrav, bistand.reforms).
    `automated`: the criteria version when the automated decision function decides (staff is then None);
    it may only fully approve a recurring application within its own mandate in the delegation order.
    """
    decided_on = decided_on or timezone.localdate()
    locked = _lock(application)
    list(Case.objects.select_for_update().filter(pk=locked.case_id))  # one decision at a time per case
    if locked.status == ApplicationStatus.DECIDED or locked.decisions.exists():
        raise DecisionRefused(["Ansökan är redan beslutad. Om beslutet är fel, gör en rättelse av beslutet."])
    if locked.status == ApplicationStatus.WITHDRAWN:
        raise DecisionRefused(["Ansökan är återkallad och kan inte beslutas."])
    if locked.version != application.version:
        raise DecisionRefused(
            ["Någon annan har ändrat ansökan medan du arbetade. Ladda om sidan och kontrollera."]
        )
    already = month_already_decided(locked)
    if already:
        raise DecisionRefused(already)
    items, totals, problems = _prepare(locked, calculation, staff, overrides, decided_on, automated)
    if problems:
        raise DecisionRefused(problems)
    try:
        with transaction.atomic():
            decision = _write(
                locked,
                calculation,
                staff,
                items,
                totals,
                decided_on,
                extra_reason=extra_reason,
                extra_legal_basis=extra_legal_basis,
                automated=automated,
            )
    except IntegrityError:  # the same application decided at the same moment (no row locks on SQLite)
        raise DecisionRefused(
            ["Ansökan är redan beslutad. Om beslutet är fel, gör en rättelse av beslutet."]
        ) from None
    _sync(application, locked)
    return decision


@transaction.atomic
def correct(
    decision: Decision,
    new_calculation: Calculation,
    staff: StaffMember | None,
    reason: str,
    overrides: Overrides | None = None,
    decided_on: date | None = None,
) -> Decision:
    """A NEW decision replacing `decision` (corrects=decision); the old one is never edited.

    Only the latest decision of a chain can be corrected. The new calculation must belong to the same
    application. The same checks as for decide() apply, and `reason` (why the decision is corrected) is
    required; it opens the new decision's reasons.
    """
    decided_on = decided_on or timezone.localdate()
    reason = (reason or "").strip()
    if decision.application_id is None:
        raise DecisionRefused(
            ["Beslutet saknar ansökan (överfört från tidigare system) och kan inte rättas här."]
        )
    locked = _lock(decision.application)  # serialises corrections of the same application
    problems = []
    if not reason:
        problems.append("Ange varför beslutet ändras.")
    if Decision.objects.filter(corrects=decision).exists():
        problems.append("Beslutet har redan ersatts av ett senare beslut. Ändra det senaste beslutet.")
    if decided_on < decision.decided_on:
        problems.append("Rättelsen kan inte ha ett tidigare beslutsdatum än beslutet den ersätter.")
    items, totals, more = _prepare(locked, new_calculation, staff, overrides, decided_on)
    problems += more
    if problems:
        raise DecisionRefused(problems)
    note = f"Beslutet ersätter beslutet den {long_date(decision.decided_on)}. Skäl: {reason}"
    new = _write(
        locked, new_calculation, staff, items, totals, decided_on, extra_reason=note, corrects=decision
    )
    _sync(decision.application, locked)
    return new
