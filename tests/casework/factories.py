"""Tiny helpers that create the smallest valid casework fixtures (shared by the casework tests).

Every helper takes keyword arguments with sensible defaults and returns the created object; nothing is
random, so tests stay repeatable. Typical use:

    unit = make_unit()                                   # municipality + district + unit
    worker = make_staff(unit, role=Role.CASEWORKER)      # user + staff member in that unit
    anna = make_person(birth=date(1990, 4, 1), first_name="Anna")
    household = make_household(unit.district, [(anna, MemberRole.APPLICANT)], valid_from=date(2026, 1, 1))
    case = make_case(household, unit, caseworker=worker)
    application = make_application(case, month=date(2026, 7, 1), items=[("cost", "rent", 6000)])

Personal numbers are generated from the birth date and a serial with a correct Luhn check digit; they are
test values, not real people.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from bistand.cases.models import Application, BarrierRegistration, Calculation, Case, DeclaredItem
from bistand.cases.needs import need_of
from bistand.organisation.models import District, Municipality, Role, StaffMember, Unit
from bistand.people.models import Household, HouseholdMember, MemberRole, Person

_serials = itertools.count(800)


def luhn_check_digit(digits: str) -> int:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def personal_number(birth: date, serial: int | None = None) -> str:
    """A valid 12-digit personnummer for `birth`; serial 0–999 (a fresh one per call if omitted)."""
    # 001–999: the serial 000 is not a valid personnummer, and the counter runs on across the whole session.
    serial = next(_serials) % 999 + 1 if serial is None else serial
    short = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}{serial:03d}{luhn_check_digit(short)}"


def make_municipality(name="Testby", code="9998", rules_code="testby") -> Municipality:
    municipality, _ = Municipality.objects.get_or_create(
        rules_code=rules_code, defaults={"name": name, "municipality_code": code}
    )
    return municipality


def make_unit(name="Ekonomiskt bistånd Centrum", district_name="Centrum", municipality=None) -> Unit:
    municipality = municipality or make_municipality()
    district, _ = District.objects.get_or_create(
        municipality=municipality, code=district_name[:20], defaults={"name": district_name}
    )
    return Unit.objects.create(district=district, name=name)


def make_staff(
    unit: Unit, role=Role.CASEWORKER, first_name="Sara", last_name="Lind", title=""
) -> StaffMember:
    username = f"{first_name}.{last_name}.{User.objects.count() + 1}".lower()
    user = User.objects.create_user(username=username, first_name=first_name, last_name=last_name)
    staff = StaffMember.objects.create(user=user, role=role, title=title)
    staff.units.add(unit)
    return staff


def make_person(birth=date(1990, 4, 1), first_name="Anna", last_name="Ek", **fields) -> Person:
    """fields: protected_identity, street_address, postal_code, city, bank_clearing, bank_account …"""
    return Person.objects.create(
        personal_number=fields.pop("personal_number", None) or personal_number(birth),
        first_name=first_name,
        last_name=last_name,
        birth_date=birth,
        **fields,
    )


def make_household(district, members, valid_from=date(2020, 1, 1), dwelling_size=None) -> Household:
    """members: [(person, MemberRole), …] or [(person, role, valid_from, valid_to), …]."""
    household = Household.objects.create(district=district, dwelling_size=dwelling_size)
    for entry in members:
        person, role, start, end = entry if len(entry) == 4 else (*entry, valid_from, None)
        HouseholdMember.objects.create(
            household=household, person=person, role=role, valid_from=start, valid_to=end
        )
    return household


def make_case(household, unit, caseworker=None, number=None, opened_on=date(2025, 1, 2)) -> Case:
    number = number or f"EB-{Case.objects.count() + 1:05d}"
    return Case.objects.create(
        number=number, household=household, unit=unit, caseworker=caseworker, opened_on=opened_on
    )


def make_application(
    case, month=date(2026, 7, 1), kind="recurring", items=(), received_at=None
) -> Application:
    """items: [(category, kind, amount), …] or [(category, kind, amount, member_person), …]."""
    application = Application.objects.create(
        case=case,
        month=month,
        kind=kind,
        need=need_of(kind, [entry[1] for entry in items if entry[0] == "extra_need"]),
        channel="e_service",
        received_at=received_at
        or timezone.make_aware(datetime(month.year, month.month, 1) - timedelta(days=7)),
    )
    for entry in items:
        category, item_kind, amount = entry[:3]
        member = entry[3] if len(entry) > 3 else None
        DeclaredItem.objects.create(
            application=application, category=category, kind=item_kind, amount=amount, member=member
        )
    return application


def make_calculation(application, result: dict, request: dict | None = None, staff=None) -> Calculation:
    """A snapshot with a hand-written result (for tests that must not depend on bistand.rules).

    The request defaults to what bistand.cases.services.build_request makes of the application, so the
    decision service's check that the calculation still matches the application passes.
    """
    from bistand.cases.services import build_request

    return Calculation.objects.create(
        case=application.case,
        application=application,
        month=application.month,
        request=request if request is not None else build_request(application),
        result=result,
        parameter_version="test",
        assistance=result.get("assistance", 0),
        created_by=staff,
    )


def register_barriers(case, month, code="unemployed_no_benefit", staff=None) -> None:
    """A barrier to self-support for every adult of the case for the month (a decision requires them)."""
    for membership in case.household.members_on(month):
        if membership.role in (MemberRole.APPLICANT, MemberRole.CO_APPLICANT):
            BarrierRegistration.objects.update_or_create(
                person=membership.person,
                month=month.replace(day=1),
                defaults={"case": case, "code": code, "registered_by": staff},
            )


def single_household(unit, caseworker=None, person=None, valid_from=date(2020, 1, 1)):
    """Shortcut: one adult applicant in a case; returns (case, person)."""
    person = person or make_person()
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)], valid_from=valid_from)
    return make_case(household, unit, caseworker=caseworker), person
