"""Protected identity and access to protected cases: the named roles that may change them.

Rules (OSL 26 kap. 1 §; Skatteverket's protected personal data):
- protection is set by whoever holds a case of the person (the responsible caseworker or an active
  grant) or by a unit manager of the case's unit, with a reason; it takes effect at once;
- lifting it takes two people: one of those roles asks, with a reason, and a unit manager of the
  case's unit other than the requester approves (or rejects), with a reason;
- access to a protected case is granted and revoked by a unit manager of the case's unit, with a reason,
  to a caseworker, senior caseworker or unit manager of that unit — never to or from themselves;
- every step writes an audit row in the same transaction. The Django admin can do none of this.
"""

from django.db import transaction
from django.utils import timezone

from bistand.audit import audit
from bistand.audit.models import CaseAccessGrant
from bistand.cases.models import Case
from bistand.casework import access
from bistand.casework.protection_models import ProtectionChange, ProtectionStatus
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import HouseholdMember, Person, ProtectedIdentity

MAX_REASON = 500


class ProtectionError(Exception):
    """A refused change; the message is Swedish and shown to the user as it is."""


def _reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ProtectionError("Skriv ett skäl. Skälet sparas och syns i loggen.")
    if len(text) > MAX_REASON:
        raise ProtectionError(f"Skälet får vara högst {MAX_REASON} tecken.")
    return text


def is_unit_manager_of(staff: StaffMember | None, case: Case) -> bool:
    return (
        staff is not None and staff.role == Role.UNIT_MANAGER and staff.units.filter(pk=case.unit_id).exists()
    )


def may_change_protection(staff: StaffMember | None, case: Case) -> bool:
    """Who may set protection or ask for it to be lifted: holds the case, or manages its unit."""
    if staff is None or staff.role not in access.CASE_ROLES:
        return False
    return access.can_see_protected(staff, case) or is_unit_manager_of(staff, case)


def is_protected_case(case: Case) -> bool:
    return (
        HouseholdMember.objects.filter(household_id=case.household_id)
        .exclude(person__protected_identity="")
        .exists()
    )


def protected_cases(units) -> list[Case]:
    """The protected cases of some units, for the manager's page (case numbers only, never names)."""
    protected = HouseholdMember.objects.exclude(person__protected_identity="").values("household_id")
    return list(
        Case.objects.filter(unit__in=units, household_id__in=protected)
        .select_related("caseworker__user", "unit")
        .order_by("number")
    )


def _member(person: Person, case: Case) -> None:
    if not HouseholdMember.objects.filter(household_id=case.household_id, person=person).exists():
        raise ProtectionError("Personen ingår inte i ärendets hushåll.")


def _label(level: str) -> str:
    return ProtectedIdentity(level).label


@transaction.atomic
def set_protection(person: Person, level: str, *, case: Case, staff: StaffMember, reason: str):
    """Set or change a person's protection level (never to "none": lifting goes through a request)."""
    reason = _reason(reason)
    if level not in ProtectedIdentity.values or not level:
        raise ProtectionError(
            "Välj en skyddsnivå. Skydd tas bort genom en begäran som en enhetschef godkänner."
        )
    if not may_change_protection(staff, case):
        raise ProtectionError("Bara ärendets handläggare eller enhetschefen kan ändra skyddet.")
    _member(person, case)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.protected_identity == level:
        raise ProtectionError("Personen har redan den skyddsnivån.")
    change = ProtectionChange.objects.create(
        person=person,
        case=case,
        level_before=person.protected_identity,
        level_after=level,
        requested_by=staff,
        reason=reason,
        status=ProtectionStatus.APPLIED,
        decided_at=timezone.now(),
    )
    Person.objects.filter(pk=person.pk).update(protected_identity=level)
    audit.record(
        action=audit.AuditAction.PROTECT,
        what=f"Satte skydd ({_label(level)}) för person {person.pk}. Skäl: {reason}",
        user=staff.user,
        staff=staff,
        case=case,
    )
    return change


@transaction.atomic
def request_lift(person: Person, *, case: Case, staff: StaffMember, reason: str) -> ProtectionChange:
    """Ask for a person's protection to be lifted; nothing changes until another manager approves."""
    reason = _reason(reason)
    if not may_change_protection(staff, case):
        raise ProtectionError("Bara ärendets handläggare eller enhetschefen kan begära att skyddet hävs.")
    _member(person, case)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.protected_identity:
        raise ProtectionError("Personen har inget skydd att häva.")
    if ProtectionChange.objects.filter(person=person, status=ProtectionStatus.PENDING).exists():
        raise ProtectionError("Det finns redan en begäran om att häva skyddet som väntar på godkännande.")
    change = ProtectionChange.objects.create(
        person=person,
        case=case,
        level_before=person.protected_identity,
        level_after="",
        requested_by=staff,
        reason=reason,
        status=ProtectionStatus.PENDING,
    )
    audit.record(
        action=audit.AuditAction.PROTECT,
        what=f"Begärde att skyddet hävs för person {person.pk}. Skäl: {reason}",
        user=staff.user,
        staff=staff,
        case=case,
    )
    return change


def _pending_for_manager(change: ProtectionChange, staff: StaffMember) -> ProtectionChange:
    change = ProtectionChange.objects.select_for_update().select_related("case").get(pk=change.pk)
    if change.status != ProtectionStatus.PENDING:
        raise ProtectionError("Begäran är redan avgjord.")
    if not is_unit_manager_of(staff, change.case):
        raise ProtectionError("Bara en enhetschef för ärendets enhet kan avgöra begäran.")
    return change


@transaction.atomic
def approve_lift(change: ProtectionChange, *, staff: StaffMember, reason: str) -> ProtectionChange:
    """The second person: a unit manager of the case's unit, not the requester, lifts the protection."""
    reason = _reason(reason)
    change = _pending_for_manager(change, staff)
    if change.requested_by_id == staff.pk:
        raise ProtectionError("Du kan inte godkänna din egen begäran; en annan enhetschef måste göra det.")
    change.status = ProtectionStatus.APPLIED
    change.decided_by = staff
    change.decided_at = timezone.now()
    change.decision_reason = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    Person.objects.filter(pk=change.person_id).update(protected_identity="")
    audit.record(
        action=audit.AuditAction.PROTECT,
        what=f"Godkände att skyddet hävs för person {change.person_id}. Skäl: {reason}",
        user=staff.user,
        staff=staff,
        case=change.case,
    )
    return change


@transaction.atomic
def reject_lift(change: ProtectionChange, *, staff: StaffMember, reason: str) -> ProtectionChange:
    reason = _reason(reason)
    change = _pending_for_manager(change, staff)
    if change.requested_by_id == staff.pk:
        raise ProtectionError("Du kan inte avgöra din egen begäran; en annan enhetschef måste göra det.")
    change.status = ProtectionStatus.REJECTED
    change.decided_by = staff
    change.decided_at = timezone.now()
    change.decision_reason = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit.record(
        action=audit.AuditAction.PROTECT,
        what=f"Avslog begäran om att häva skyddet för person {change.person_id}. Skäl: {reason}",
        user=staff.user,
        staff=staff,
        case=change.case,
    )
    return change


def grantable_staff(case: Case, manager: StaffMember):
    """Staff of the case's unit who could be given access: case roles, not the manager, not the holder."""
    holders = access.active_grants().filter(case=case).values("staff_id")
    return (
        StaffMember.objects.filter(units=case.unit_id, role__in=access.CASE_ROLES)
        .exclude(pk=manager.pk)
        .exclude(pk=case.caseworker_id or 0)
        .exclude(pk__in=holders)
        .select_related("user")
        .distinct()
    )


@transaction.atomic
def grant_access(case: Case, grantee: StaffMember, *, staff: StaffMember, reason: str) -> CaseAccessGrant:
    reason = _reason(reason)[:200]
    if not is_unit_manager_of(staff, case):
        raise ProtectionError("Bara enhetschefen för ärendets enhet kan ge behörighet.")
    if grantee.pk == staff.pk:
        raise ProtectionError("Du kan inte ge dig själv behörighet; en annan enhetschef måste göra det.")
    if not is_protected_case(case):
        raise ProtectionError("Ärendet har ingen skyddad person; enhetens handläggare når det redan.")
    if not grantable_staff(case, staff).filter(pk=grantee.pk).exists():
        raise ProtectionError(
            "Medarbetaren kan inte få behörighet: hen har den redan, är ansvarig handläggare "
            "eller arbetar inte med ärenden i enheten."
        )
    grant = CaseAccessGrant.objects.create(case=case, staff=grantee, granted_by=staff, reason=reason)
    audit.record(
        action=audit.AuditAction.GRANT,
        what=f"Gav {grantee.full_name} behörighet till det skyddade ärendet. Skäl: {reason}",
        user=staff.user,
        staff=staff,
        case=case,
    )
    return grant


@transaction.atomic
def revoke_access(grant: CaseAccessGrant, *, staff: StaffMember, reason: str) -> CaseAccessGrant:
    reason = _reason(reason)[:200]
    grant = CaseAccessGrant.objects.select_for_update().select_related("case", "staff__user").get(pk=grant.pk)
    if not is_unit_manager_of(staff, grant.case):
        raise ProtectionError("Bara enhetschefen för ärendets enhet kan ta bort behörighet.")
    if grant.staff_id == staff.pk:
        raise ProtectionError("Du kan inte ändra din egen behörighet; en annan enhetschef måste göra det.")
    if grant.revoked_at is not None:
        raise ProtectionError("Behörigheten är redan borttagen.")
    grant.revoked_at = timezone.now()
    grant.revoked_by = staff
    grant.revoke_reason = reason
    grant.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(
        action=audit.AuditAction.REVOKE,
        what=f"Tog bort {grant.staff.full_name}s behörighet till det skyddade ärendet. Skäl: {reason}",
        user=staff.user,
        staff=staff,
        case=grant.case,
    )
    return grant
