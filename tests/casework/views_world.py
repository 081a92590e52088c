"""A small world for the casework view tests, built with the real calculation (Demostad's parameters).

Two units in Demostad: "Norr 1" with caseworker Hanna (owner of the cases), her colleague Kim and the
unit manager Eva; "Söder 1" with caseworker Olle. Hanna's cases:
- `case`: Anna Ek, single adult, rent 5 000, electricity 300. June 2026 was decided; July 2026 is a
  recurring application with exactly the same amounts (so it is "unchanged").
- `protected_case`: Sara Dold, protected registration, address "Hemligvägen 7" which must never be shown
  to anyone but Hanna.
"""

from dataclasses import dataclass
from datetime import date

from bistand.cases.models import Application, BarrierRegistration, Decision
from bistand.cases.services import calculate_application
from bistand.casework import decisions
from bistand.journal.models import JournalNote
from bistand.organisation.models import Role, StaffMember
from bistand.payments.creation import create_payments
from bistand.people.models import MemberRole
from tests.casework.factories import (
    make_application,
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_staff,
    make_unit,
)

JUNE, JULY = date(2026, 6, 1), date(2026, 7, 1)
ITEMS = [("cost", "rent", 5_000), ("cost", "electricity", 300)]
SECRET_ADDRESS = "Hemligvägen 7"
PASSWORD = "hemligt-lösen-2026"


def register_barriers(case, person, staff, months=(JUNE, JULY, date(2026, 8, 1))) -> None:
    """Barriers to self-support for the months decided in the tests (a decision needs them)."""
    for month in months:
        BarrierRegistration.objects.create(
            case=case, person=person, month=month, code="unemployed_no_benefit", registered_by=staff
        )


@dataclass
class World:
    owner: StaffMember
    colleague: StaffMember
    manager: StaffMember
    other: StaffMember
    analyst: StaffMember
    case: object
    protected_case: object
    decided: Application
    decision: Decision
    application: Application


def build_world() -> World:
    municipality = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    north = make_unit("Norr 1", "Norr", municipality)
    south = make_unit("Söder 1", "Söder", municipality)
    owner = make_staff(north, Role.CASEWORKER, "Hanna", "Holm")
    colleague = make_staff(north, Role.CASEWORKER, "Kim", "Berg")
    manager = make_staff(north, Role.UNIT_MANAGER, "Eva", "Chef")
    other = make_staff(south, Role.CASEWORKER, "Olle", "Syd")
    analyst = make_staff(north, Role.ANALYST, "Alva", "Analys")
    for staff in (owner, other):  # the two who sign in with a password in the tests
        staff.user.set_password(PASSWORD)
        staff.user.save()

    anna = make_person(
        date(1990, 4, 1), "Anna", "Ek", street_address="Storgatan 1", postal_code="11122", city="Demostad"
    )
    household = make_household(north.district, [(anna, MemberRole.APPLICANT)], valid_from=date(2024, 1, 1))
    case = make_case(household, north, caseworker=owner, number="EB-00001")
    register_barriers(case, anna, owner)
    decided = make_application(case, month=JUNE, items=ITEMS)
    decision = decisions.decide(decided, calculate_application(decided, owner), owner)
    create_payments(decision)
    application = make_application(case, month=JULY, items=ITEMS)
    JournalNote.objects.create(
        case=case, author=owner, occurred_on=date(2026, 6, 28), heading="Telefonsamtal", text="Anna ringde."
    )

    sara = make_person(
        date(1985, 2, 3),
        "Sara",
        "Dold",
        protected_identity="protected_registration",
        street_address=SECRET_ADDRESS,
        postal_code="99999",
        city="Hemligstad",
    )
    hidden = make_household(north.district, [(sara, MemberRole.APPLICANT)], valid_from=date(2024, 1, 1))
    protected_case = make_case(hidden, north, caseworker=owner, number="EB-00002")
    register_barriers(protected_case, sara, owner)
    protected_decided = make_application(protected_case, month=JUNE, items=ITEMS)
    protected_decision = decisions.decide(
        protected_decided, calculate_application(protected_decided, owner), owner
    )
    create_payments(protected_decision)
    make_application(protected_case, month=JULY, items=ITEMS)
    return World(
        owner, colleague, manager, other, analyst, case, protected_case, decided, decision, application
    )
