"""The caseworker's explicit choice to refuse or reduce försörjningsstöd under the aktivitetskrav.

Never automatic and never from the monthly run or an automated decision function: this is only called
from the caseworker's form, with written reasons. The decision letter then carries the reasons and the
aktivitetskrav's legal basis besides the ordinary one. Refusing covers försörjningsstöd (the norm and
the reasonable costs); extra needs (livsföring i övrigt) are decided as usual. Reducing lowers the norm
to the amount the caseworker sets.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from bistand.audit import audit
from bistand.audit.audit import AuditAction
from bistand.casework.decisions import DecisionRefused, decide, propose
from bistand.casework.decisions.labels import NORM_KIND
from bistand.reforms.models import ActivitySanction, SanctionKind
from bistand.reforms.services import adults, requirement_for
from bistand.rules import reforms as rules


def _problems(application, person, kind, reasons, norm_amount, proposals) -> list[str]:
    problems = []
    if kind not in SanctionKind.values:
        problems.append("Välj om försörjningsstödet ska vägras eller sättas ned.")
    if not reasons:
        problems.append("Skriv skälen till beslutet. De står i beslutsbrevet.")
    if person.pk not in {p.pk for p in adults(application.case, application.month)}:
        problems.append("Personen är inte vuxen medlem i hushållet den månaden.")
    elif not requirement_for(person, application.month).applies:
        problems.append(f"Aktivitetskravet gäller inte {person.full_name} för månaden.")
    if kind == SanctionKind.REDUCE:
        norm = next((p.requested for p in proposals if p.kind == NORM_KIND), 0)
        if norm_amount is None or not 0 <= norm_amount < norm:
            problems.append(f"Ange normbeloppet efter nedsättning: ett heltal från 0 till under {norm} kr.")
    return problems


@transaction.atomic
def decide_with_sanction(
    application,
    calculation,
    staff,
    person,
    kind: str,
    reasons: str,
    norm_amount: int | None = None,
    decided_on: date | None = None,
    path: str = "",
):
    """Decide the application with försörjningsstöd refused or reduced; returns the Decision."""
    reasons = (reasons or "").strip()
    proposals = propose(calculation)
    problems = _problems(application, person, kind, reasons, norm_amount, proposals)
    if problems:
        raise DecisionRefused(problems)
    rule = rules.rule(rules.ACTIVITY)
    if kind == SanctionKind.REFUSE:
        note = "Vägras enligt aktivitetskravet."
        overrides = {p.kind: (0, note) for p in proposals if p.category in ("norm", "cost") and p.requested}
        heading = f"Försörjningsstöd vägras eftersom {person.full_name} utan godtagbart skäl inte har deltagit i anvisad aktivitet."
    else:
        overrides = {NORM_KIND: (norm_amount, "Sätts ned enligt aktivitetskravet.")}
        heading = f"Försörjningsstödet sätts ned eftersom {person.full_name} utan godtagbart skäl inte har deltagit i anvisad aktivitet."
    decision = decide(
        application,
        calculation,
        staff,
        overrides,
        decided_on,
        extra_reason=f"{heading} {reasons}",
        extra_legal_basis=rule.legal_basis,
    )
    ActivitySanction.objects.create(
        decision=decision, person=person, kind=kind, reasons=reasons, legal_basis=rule.legal_basis
    )
    audit.record(
        action=AuditAction.DECIDE,
        what=f"Aktivitetskrav: {SanctionKind(kind).label.lower()} för {application.month:%Y-%m}",
        user=getattr(staff, "user", None),
        staff=staff,
        case=application.case,
        path=path,
    )
    return decision
