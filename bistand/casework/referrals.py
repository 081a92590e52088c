"""Handing a prepared decision to a colleague whose delegation covers it, and who holds it now.

Above a caseworker's delegation (delegationsordningen, 6 kap. 37 § kommunallagen) the caseworker still
prepares the decision — the calculation and any changed amounts — and hands it to a senior caseworker or
the unit manager of the case's unit whose mandate covers the amounts. The decision then appears in that
person's own queue, and every page that shows the application says who holds it. The person who holds
it decides through the ordinary decide(), which checks the delegation again for their role.
"""

from __future__ import annotations

from django.db import transaction

from bistand.audit import audit
from bistand.cases.models import Application, Calculation
from bistand.cases.models.application import ApplicationStatus
from bistand.casework import access
from bistand.casework.decisions import DecisionRefused, delegation_problems, propose
from bistand.casework.decisions.service import apply_overrides, totals_for
from bistand.casework.referral_models import DecisionReferral
from bistand.organisation.models import Role, StaffMember

HOLDER_ROLES = (Role.SENIOR_CASEWORKER, Role.UNIT_MANAGER)


def totals_of(calculation: Calculation, overrides: dict | None = None):
    """What the prepared decision grants (the same totals decide() checks against the delegation)."""
    items, problems = apply_overrides(propose(calculation), overrides)
    return totals_for(items, int(calculation.result.get("income_total", 0))), problems


def problems_for(staff: StaffMember, calculation: Calculation, overrides: dict | None = None) -> list[str]:
    """Why `staff` may not decide the prepared decision under the delegation order (empty: may decide)."""
    totals, problems = totals_of(calculation, overrides)
    if problems:
        return problems
    return delegation_problems(staff.role, totals.income_support, totals.extra_needs)


def eligible_holders(application: Application, calculation: Calculation, overrides=None) -> list[StaffMember]:
    """Senior caseworkers and unit managers of the case's unit who may decide it and may open the case."""
    candidates = (
        StaffMember.objects.filter(units=application.case.unit_id, role__in=HOLDER_ROLES)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
        .distinct()
    )
    return [
        staff
        for staff in candidates
        if not problems_for(staff, calculation, overrides)
        and access.visible_cases(staff).filter(pk=application.case_id).exists()
    ]


def current_referrals(application_ids) -> dict[int, DecisionReferral]:
    """application id -> its newest referral (who holds it now), for many applications in one query."""
    found: dict[int, DecisionReferral] = {}
    rows = (
        DecisionReferral.objects.filter(application_id__in=list(application_ids))
        .select_related("holder__user", "sent_by__user")
        .order_by("application_id", "-created_at", "-id")
    )
    for referral in rows:
        found.setdefault(referral.application_id, referral)
    return found


def held_by(staff: StaffMember) -> list[Application]:
    """Undecided applications whose newest referral names `staff`, oldest month first."""
    referred = (
        Application.objects.filter(referrals__holder=staff, status=ApplicationStatus.RECEIVED)
        .distinct()
        .values_list("pk", flat=True)
    )
    newest = current_referrals(referred)
    ids = [pk for pk, referral in newest.items() if referral.holder_id == staff.pk]
    visible = access.visible_cases(staff)
    return list(Application.objects.filter(pk__in=ids, case__in=visible).order_by("month", "received_at"))


@transaction.atomic
def refer(
    application: Application,
    calculation: Calculation,
    sent_by: StaffMember,
    holder: StaffMember,
    note: str = "",
    overrides: dict | None = None,
    path: str = "",
) -> DecisionReferral:
    """Hand the prepared decision to `holder`; refused (DecisionRefused, nothing written) when it cannot."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    problems = []
    if locked.status != ApplicationStatus.RECEIVED:
        problems.append("Ansökan är inte längre öppen för beslut och kan inte lämnas över.")
    if calculation.application_id != locked.pk:
        problems.append("Beräkningen hör inte till den här ansökan. Gör en ny beräkning.")
    if holder.pk == sent_by.pk:
        problems.append("Du kan inte lämna över beslutet till dig själv.")
    elif not problems and holder not in eligible_holders(locked, calculation, overrides):
        problems.append(
            f"{holder.full_name} kan inte ta emot beslutet: hen måste vara förste socialsekreterare eller "
            "enhetschef i ärendets enhet och ha delegation för beloppen."
        )
    if problems:
        raise DecisionRefused(problems)
    referral = DecisionReferral.objects.create(
        application=locked,
        calculation=calculation,
        sent_by=sent_by,
        holder=holder,
        note=(note or "").strip(),
        overrides={kind: [int(amount), reason] for kind, (amount, reason) in (overrides or {}).items()},
    )
    audit.record(
        action=audit.AuditAction.REFER,
        what=f"Lämnade över beslut om ansökan för {locked.month:%Y-%m} till {holder.full_name}",
        user=sent_by.user,
        staff=sent_by,
        case=locked.case,
        path=path,
    )
    return referral
