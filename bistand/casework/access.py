"""Who may see which case, and the audit trail of every case page opened.

Rules (OSL 26 kap.):
- caseworkers, senior caseworkers and unit managers reach the cases of their own units;
- administrators and analysts reach no case files (analysts see pseudonymised statistics);
- a case where any household member has protected identity is reachable only by its responsible
  caseworker and by staff with an explicit, unrevoked CaseAccessGrant (given by the unit manager,
  bistand.casework.protection) — others do not see it in any list.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from bistand.audit import audit
from bistand.audit.models import CaseAccessGrant
from bistand.cases.models import Case
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import HouseholdMember

CASE_ROLES = {Role.CASEWORKER, Role.SENIOR_CASEWORKER, Role.UNIT_MANAGER}


def staff_for(user) -> StaffMember | None:
    if not user.is_authenticated:
        return None
    return StaffMember.objects.filter(user=user).first()


def visible_cases(staff: StaffMember | None) -> QuerySet[Case]:
    """All cases this staff member may open, with protected households filtered out unless granted."""
    if staff is None or staff.role not in CASE_ROLES:
        return Case.objects.none()
    protected = HouseholdMember.objects.filter(household=OuterRef("household")).exclude(
        person__protected_identity=""
    )
    granted = active_grants().filter(case=OuterRef("pk"), staff=staff)
    return (
        Case.objects.filter(unit__in=staff.units.all())
        .annotate(_protected=Exists(protected), _granted=Exists(granted))
        .filter(Q(_protected=False) | Q(caseworker=staff) | Q(_granted=True))
    )


def can_see_protected(staff: StaffMember | None, case: Case) -> bool:
    if staff is None:
        return False
    return case.caseworker_id == staff.pk or active_grants().filter(case=case, staff=staff).exists()


def active_grants() -> QuerySet[CaseAccessGrant]:
    """Grants not revoked: a revoked grant no longer opens the case."""
    return CaseAccessGrant.objects.filter(revoked_at__isnull=True)


# One answer for "no such case" and "not yours": a different one would tell a curious user which case
# numbers exist (and, for a protected household, that there is something to find).
NOT_FOUND = "Ärendet finns inte."


def case_for_request(request, case_id, what: str) -> Case:
    """Return the case if the signed-in user may open it, logging the opening; else 404.

    A case the user may not open answers exactly like a missing one (404); the refusal is still written
    to the audit log against the case. `what` says in Swedish what the page shows, e.g. "Akt: tidslinje".
    """
    # staff_required has already read the staff member for this request; reading it again cost a query.
    staff = getattr(request, "staff", None) or staff_for(request.user)
    # Every case page's header names the unit and the caseworker, and most read the household: one join.
    case = (
        visible_cases(staff)
        .filter(pk=case_id)
        .select_related("household", "unit", "caseworker__user")
        .first()
    )
    if case is None:
        exists = Case.objects.filter(pk=case_id).first()
        if exists is not None:
            log(request, staff, exists, "denied", what)
        raise Http404(NOT_FOUND)
    log(request, staff, case, "view", what)
    return case


def log(request, staff, case, action: str, what: str) -> None:
    audit.record_request(request, action=audit.AuditAction(action), what=what, staff=staff, case=case)


def log_list(request, staff, what: str, case_ids) -> None:
    """One audit row for a page that lists clients, linked to every case it names (AuditAction.LIST)."""
    audit.record_request(request, action=audit.AuditAction.LIST, what=what, staff=staff, cases=case_ids)


def staff_required(view):
    """Sign-in required, and the user must be a staff member; `request.staff` is set for the view.

    Lives here, not among the views, so every area's views can use it without importing casework's views.
    """

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        staff = staff_for(request.user)
        if staff is None:
            raise PermissionDenied("Ditt konto är inte kopplat till någon medarbetare i Bistånd.")
        request.staff = staff
        # The page's menu asks for user.staff; it is this row, so it need not be read again.
        request.user.staff = staff
        return view(request, *args, **kwargs)

    return wrapper


def case_for_print(request, case_id, what: str):
    """Like case_for_request, but the opening is logged as a print (a letter or an export)."""
    staff = staff_for(request.user)
    case = visible_cases(staff).filter(pk=case_id).first()
    if case is None:
        return case_for_request(request, case_id, what)  # logs the refusal and raises 404
    log(request, staff, case, "print", what)
    return case
