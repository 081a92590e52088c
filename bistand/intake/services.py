"""Intake writes: a new person and household, a case opened for them, who holds the case, and dated
changes of the household. Every function is keyword-only, runs in one transaction and writes its audit
row (bistand.audit.audit) in it, so nothing is saved unlogged.

The household is dated (HouseholdMember.valid_from/valid_to), and the calculation for a month uses the
members on the month's last day (bistand.cases.services.build_request), so recording a change with its
date is enough for every later calculation to use the household as it was in the month applied for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bistand.audit.audit import Actor, AuditAction, record
from bistand.cases.models import Case, CaseAssignment
from bistand.casework.access import CASE_ROLES, visible_cases
from bistand.organisation.models import Role, StaffMember, Unit
from bistand.people.identity import parse_identity_number
from bistand.people.models import Household, HouseholdMember, MemberRole, Person

OLDEST_CHILD_AGE = 20  # a child is a household member until the day before turning 21 (SOSFS 2013:1)


class IntakeRefused(Exception):
    """A change that cannot be made; `message` says why in Swedish, `field` where (may be "")."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PersonInput:
    personal_number: str
    first_name: str
    last_name: str
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    protected_identity: str = ""


def _audit(actor: Actor, action: AuditAction, what: str, case: Case | None) -> None:
    record(action=action, what=what, user=actor.user, staff=actor.staff, case=case, path=actor.path)


def _known_or_new(data: PersonInput) -> tuple[Person, bool]:
    """The person with this number, or a new one made from `data`; and whether it is new."""
    identity = parse_identity_number(data.personal_number)
    existing = Person.objects.filter(personal_number=identity.canonical).first()
    if existing is not None:
        return existing, False
    person = Person.objects.create(
        personal_number=identity.canonical,
        birth_date=identity.birth_date,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        street_address=data.street_address.strip(),
        postal_code=data.postal_code.strip(),
        city=data.city.strip(),
        phone=data.phone.strip(),
        protected_identity=data.protected_identity,
    )
    return person, True


def person_for(data: PersonInput, *, staff, field: str) -> Person:
    """The person with this number: a new one, or one already known whom the staff member may see."""
    existing, new = _known_or_new(data)
    if new:
        return existing
    identity = parse_identity_number(data.personal_number)
    households = existing.memberships.values("household")
    seen = visible_cases(staff).filter(household__in=households).exists()
    if seen or not existing.memberships.exists():  # known to this staff member, or in no household yet
        return existing
    # The same answer whether the person is protected or belongs to another unit's case.
    raise IntakeRefused(
        f"Personnumret {identity.display} kan inte registreras här: det finns redan uppgifter om personen "
        "som du inte har behörighet till. Kontakta din enhetschef.",
        field,
    )


def _current_household(person: Person, on: date) -> HouseholdMember | None:
    return (
        person.memberships.filter(valid_from__lte=on, valid_to__isnull=True)
        .select_related("household")
        .first()
    )


def next_case_number(year: int) -> str:
    prefix = f"EB-{year}-"
    numbers = Case.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:05d}"


@transaction.atomic
def open_case(
    *,
    actor: Actor,
    unit: Unit,
    applicant: PersonInput,
    partner: PersonInput | None = None,
    children: list[PersonInput] | tuple = (),
    household_from: date,
    opened_on: date,
    take_case: bool = False,
) -> Case:
    """Register the household (applicant, partner, children from `household_from`) and open its case.

    The case has no caseworker unless `take_case` (the unit manager distributes new cases). A household
    with a protected person is always held by the one who registers it: an unassigned protected case
    would be reachable by nobody (bistand.casework.access).
    """
    staff = actor.staff
    if staff is None or staff.role not in CASE_ROLES or not staff.units.filter(pk=unit.pk).exists():
        raise IntakeRefused("Du kan bara öppna ärenden i din egen enhet.")
    household, protected = _register_household(
        _people(applicant, partner, children),
        unit,
        household_from,
        lambda data, field: person_for(data, staff=staff, field=field),
    )
    case = _create_case(household, unit, opened_on)
    _audit(actor, AuditAction.CREATE, f"Öppnade ärende {case.number} med hushåll", case)
    if take_case or protected:
        _assign(case, staff, opened_on)
        _audit(actor, AuditAction.ASSIGN, f"Tog ärende {case.number}", case)
    return case


def person_for_resident(data: PersonInput, field: str) -> Person:
    """The person with this number for a household a resident registers in the e-service: a new one, or
    one already known who is not protected and not in a household with an open case today. Anyone else
    is for staff to register, so the e-service refuses with words that reveal nothing."""
    existing, new = _known_or_new(data)
    if new:
        return existing
    today = timezone.localdate()
    in_open_case = (
        existing.memberships.filter(valid_from__lte=today, household__cases__status="open")
        .exclude(valid_to__lt=today)
        .exists()
    )
    if existing.is_protected or in_open_case:
        # The e-service answers every refusal with the same words (bistand.eservice.services), so that
        # nothing about the other person is revealed.
        raise IntakeRefused("Personen kan inte registreras från e-tjänsten.", field)
    return existing


@transaction.atomic
def open_case_from_eservice(
    *,
    client: str,
    unit: Unit,
    applicant: PersonInput,
    partner: PersonInput | None = None,
    children: list[PersonInput] | tuple = (),
    household_from: date,
    opened_on: date,
    path: str = "",
) -> Case:
    """A household registered by the resident in the e-service, its case opened in `unit` without a
    caseworker: it is on the unit's list of new cases for the unit manager to distribute (intake page).

    `client` names the e-service and the person in the audit log (no staff member did it)."""
    household, _protected = _register_household(
        _people(applicant, partner, children), unit, household_from, person_for_resident
    )
    case = _create_case(household, unit, opened_on)
    record(
        action=AuditAction.CREATE,
        what=f"Ärende {case.number} öppnat med hushåll från en första ansökan i e-tjänsten",
        case=case,
        path=path,
        client=client,
    )
    return case


def _people(applicant: PersonInput, partner: PersonInput | None, children) -> list[tuple]:
    people = [(applicant, MemberRole.APPLICANT, "applicant")]
    if partner is not None:
        people.append((partner, MemberRole.CO_APPLICANT, "partner"))
    people += [(child, MemberRole.CHILD, f"child{i}") for i, child in enumerate(children)]
    return people


def _register_household(people, unit: Unit, household_from: date, lookup) -> tuple[Household, bool]:
    """The household of `people` [(PersonInput, role, field)] from `household_from`, in the unit's
    district; `lookup(data, field)` answers the Person (new or known). Also: whether anyone is protected."""
    numbers = [parse_identity_number(p.personal_number).canonical for p, _, _ in people]
    if len(set(numbers)) != len(numbers):
        raise IntakeRefused("Samma personnummer står två gånger. Varje person kan bara ingå en gång.")
    household = Household.objects.create(district=unit.district)
    protected = False
    for data, role, field in people:
        person = lookup(data, field)
        protected = protected or person.is_protected
        if role == MemberRole.CHILD and _age(person.birth_date, household_from) > OLDEST_CHILD_AGE:
            raise IntakeRefused(
                f"{person.full_name} har fyllt 21 år och kan inte ingå som barn i hushållet. "
                "En vuxen som bor kvar hemma söker i ett eget ärende.",
                field,
            )
        valid_from = max(household_from, person.birth_date)
        HouseholdMember.objects.create(household=household, person=person, role=role, valid_from=valid_from)
    return household, protected


def _create_case(household: Household, unit: Unit, opened_on: date) -> Case:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Case.objects.create(
                    number=next_case_number(opened_on.year),
                    household=household,
                    unit=unit,
                    opened_on=opened_on,
                )
        except IntegrityError:  # a colleague took the same number at the same moment: take the next
            continue
    raise IntakeRefused("Ärendet kunde inte få ett nummer. Försök igen.")


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _assign(case: Case, caseworker: StaffMember, on: date) -> None:
    CaseAssignment.objects.filter(case=case, end_date__isnull=True).update(end_date=on - timedelta(days=1))
    CaseAssignment.objects.create(case=case, caseworker=caseworker, start_date=on)
    Case.objects.filter(pk=case.pk).update(caseworker=caseworker)
    case.caseworker = caseworker


def assignable_staff(case: Case):
    """Who can hold the case: caseworkers and senior caseworkers of its unit."""
    return (
        StaffMember.objects.filter(units=case.unit, role__in=[Role.CASEWORKER, Role.SENIOR_CASEWORKER])
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


def assignable_staff_by_unit(unit_ids) -> dict[int, list[StaffMember]]:
    """unit id -> who can hold its cases (as `assignable_staff`), for a whole list of cases in one query."""
    found: dict[int, list[StaffMember]] = {}
    if not unit_ids:
        return found
    staff = (
        StaffMember.objects.filter(units__in=unit_ids, role__in=[Role.CASEWORKER, Role.SENIOR_CASEWORKER])
        .select_related("user")
        .annotate(for_unit=F("units"))
        .order_by("user__first_name", "user__last_name")
    )
    for member in staff:
        found.setdefault(member.for_unit, []).append(member)
    return found


@transaction.atomic
def assign_case(*, actor: Actor, case: Case, caseworker: StaffMember, on: date) -> Case:
    """Give the case to `caseworker` from `on`: the unit manager distributes any case of the unit; a
    caseworker may take an unassigned case for themselves. The earlier holder's period ends the day before."""
    staff = actor.staff
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not assignable_staff(case).filter(pk=caseworker.pk).exists():
        raise IntakeRefused(f"{caseworker.full_name} handlägger inte ärenden i enheten.", "caseworker")
    manager = staff.role == Role.UNIT_MANAGER and staff.units.filter(pk=case.unit_id).exists()
    taking = caseworker.pk == staff.pk and case.caseworker_id is None
    if not (manager or taking):
        raise IntakeRefused("Bara enhetschefen fördelar ärenden. Du kan själv ta ett ärende som ingen har.")
    if case.caseworker_id == caseworker.pk:
        raise IntakeRefused(f"{caseworker.full_name} har redan ärendet.", "caseworker")
    _assign(case, caseworker, on)
    what = (
        f"Tog ärende {case.number}"
        if taking
        else f"Fördelade ärende {case.number} till {caseworker.full_name}"
    )
    _audit(actor, AuditAction.ASSIGN, what, case)
    return case
