"""Pages for protected identity: the unit manager's page for access grants and lift requests, and the
case's own page where those who hold it set protection or ask for it to be lifted.

The manager's page names cases by number only: a manager who does not hold a protected case never sees
who is in it. Every change goes through bistand.casework.protection (named roles, reasons, audit).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from bistand.audit import audit
from bistand.audit.models import CaseAccessGrant
from bistand.cases.models import Case
from bistand.casework import access, protection
from bistand.casework.models import ProtectionChange
from bistand.casework.protection_models import ProtectionStatus
from bistand.casework.views.common import staff_required
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import Person, ProtectedIdentity

LEVELS = [(value, label) for value, label in ProtectedIdentity.choices if value]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@staff_required
def unit_protection(request):
    """Protected cases of the manager's units: who holds them, grants to give or revoke, lift requests."""
    manager = request.staff
    if manager.role != Role.UNIT_MANAGER:
        raise PermissionDenied("Sidan är till för enhetschefer.")
    units = manager.units.all()
    if request.method == "POST":
        try:
            _unit_action(request, manager, units)
        except protection.ProtectionError as exc:
            messages.error(request, str(exc))
        return redirect("casework:unit_protection")
    cases = protection.protected_cases(units)
    case_ids = [c.pk for c in cases]
    grants = (
        CaseAccessGrant.objects.filter(case_id__in=case_ids)
        .select_related("staff__user", "granted_by__user", "revoked_by__user")
        .order_by("-granted_at")
    )
    requests = (
        ProtectionChange.objects.filter(case__unit__in=units, status=ProtectionStatus.PENDING)
        .select_related("case", "requested_by__user")
        .order_by("requested_at")
    )
    rows = [
        {
            "case": case,
            "active": [g for g in grants if g.case_id == case.pk and g.active],
            "revoked": [g for g in grants if g.case_id == case.pk and not g.active],
            "grantable": list(protection.grantable_staff(case, manager)),
        }
        for case in cases
    ]
    audit.record_request(
        request,
        action=audit.AuditAction.VIEW,
        what="Skyddade ärenden och behörigheter (ärendenummer, inga namn)",
        staff=manager,
    )
    return render(
        request, "casework/protection_unit.html", {"rows": rows, "requests": requests, "manager": manager}
    )


def _unit_action(request, manager, units) -> None:
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")
    if action == "grant":
        case = get_object_or_404(Case, pk=_int(request.POST.get("case")), unit__in=units)
        grantee = StaffMember.objects.filter(pk=_int(request.POST.get("staff"))).first()
        if grantee is None:
            raise protection.ProtectionError("Välj vem som ska få behörighet.")
        protection.grant_access(case, grantee, staff=manager, reason=reason)
        messages.success(request, f"{grantee.full_name} har fått behörighet till ärende {case.number}.")
    elif action == "revoke":
        grant = get_object_or_404(CaseAccessGrant, pk=_int(request.POST.get("grant")), case__unit__in=units)
        protection.revoke_access(grant, staff=manager, reason=reason)
        messages.success(request, f"Behörigheten till ärende {grant.case.number} är borttagen.")
    elif action in ("approve", "reject"):
        change = get_object_or_404(
            ProtectionChange, pk=_int(request.POST.get("change")), case__unit__in=units
        )
        if action == "approve":
            protection.approve_lift(change, staff=manager, reason=reason)
            messages.success(request, f"Skyddet är hävt (ärende {change.case.number}).")
        else:
            protection.reject_lift(change, staff=manager, reason=reason)
            messages.success(request, f"Begäran är avslagen (ärende {change.case.number}).")
    else:
        raise protection.ProtectionError("Okänd åtgärd.")


@staff_required
def case_protection(request, case_id: int):
    """Protection of the case's members, who may read the case, and the history of both."""
    case = access.case_for_request(request, case_id, "Akt: skydd och behörighet")
    staff = request.staff
    if request.method == "POST":
        try:
            _case_action(request, case, staff)
        except protection.ProtectionError as exc:
            messages.error(request, str(exc))
        return redirect("casework:case_protection", case_id=case.pk)
    members = list(
        {
            m.person_id: m
            for m in case.household.memberships.select_related("person").order_by("-valid_from")
        }.values()
    )  # everyone who has been in the household, once each (latest membership)
    pending = set(
        ProtectionChange.objects.filter(
            person__in=[m.person_id for m in members], status=ProtectionStatus.PENDING
        ).values_list("person_id", flat=True)
    )
    context = {
        "case": case,
        "members": [
            {"membership": m, "person": m.person, "pending": m.person_id in pending} for m in members
        ],
        "levels": LEVELS,
        "may_change": protection.may_change_protection(staff, case),
        "grants": CaseAccessGrant.objects.filter(case=case)
        .select_related("staff__user", "granted_by__user", "revoked_by__user")
        .order_by("-granted_at"),
        "changes": ProtectionChange.objects.filter(case=case).select_related(
            "requested_by__user", "decided_by__user"
        ),
    }
    return render(request, "casework/case_protection.html", context)


def _case_action(request, case, staff) -> None:
    person = Person.objects.filter(pk=_int(request.POST.get("person"))).first()
    if person is None:
        raise protection.ProtectionError("Välj en person i hushållet.")
    reason = request.POST.get("reason", "")
    if request.POST.get("action") == "protect":
        protection.set_protection(
            person, request.POST.get("level", ""), case=case, staff=staff, reason=reason
        )
        messages.success(request, "Skyddet är sparat.")
    elif request.POST.get("action") == "lift":
        protection.request_lift(person, case=case, staff=staff, reason=reason)
        messages.success(request, "Begäran är skickad. Skyddet gäller tills en enhetschef har godkänt den.")
    else:
        raise protection.ProtectionError("Okänd åtgärd.")
