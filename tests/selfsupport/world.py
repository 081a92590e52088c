"""A small world for the self-support tests: one unit, two caseworkers, a two-adult household with a child.

Everything is created explicitly (no randomness); dates are chosen around November 2026.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from bistand.cases.models import Case, CaseAssignment
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import MemberRole, Person
from tests.casework.factories import make_case, make_household, make_person, make_staff, make_unit


@dataclass
class World:
    unit: object
    sara: StaffMember  # the case's caseworker since 2026-09-01
    olle: StaffMember  # held the case before Sara
    outsider: StaffMember  # caseworker in another unit
    manager: StaffMember
    amira: Person  # applicant
    karim: Person  # co-applicant
    child: Person
    case: Case


def aware(year, month, day, hour=10, minute=0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def build_world() -> World:
    unit = make_unit()
    other_unit = make_unit(name="Ekonomiskt bistånd Norr", district_name="Norr")
    sara = make_staff(unit, first_name="Sara", last_name="Lind")
    olle = make_staff(unit, first_name="Olle", last_name="Berg")
    manager = make_staff(unit, role=Role.UNIT_MANAGER, first_name="Maja", last_name="Chef")
    outsider = make_staff(other_unit, first_name="Nils", last_name="Norr")
    amira = make_person(birth=date(1988, 3, 14), first_name="Amira", last_name="Hassan")
    karim = make_person(birth=date(1985, 7, 2), first_name="Karim", last_name="Hassan")
    child = make_person(birth=date(2015, 5, 5), first_name="Lina", last_name="Hassan")
    household = make_household(
        unit.district,
        [(amira, MemberRole.APPLICANT), (karim, MemberRole.CO_APPLICANT), (child, MemberRole.CHILD)],
        valid_from=date(2025, 1, 1),
    )
    case = make_case(household, unit, caseworker=sara, opened_on=date(2025, 1, 2))
    CaseAssignment.objects.create(
        case=case, caseworker=olle, start_date=date(2025, 1, 2), end_date=date(2026, 8, 31)
    )
    CaseAssignment.objects.create(case=case, caseworker=sara, start_date=date(2026, 9, 1))
    return World(unit, sara, olle, outsider, manager, amira, karim, child, case)
