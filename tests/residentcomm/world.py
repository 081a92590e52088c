"""A small world for the attachment, message and survey tests.

Unit "Norr 1" with caseworker Hanna (owns both cases) and colleague Kim; unit "Söder 1" with caseworker
Olle, who may open neither case. Household A: Anna Ek (applicant, e-mail anna@example.se) and Bo Ek
(co-applicant, phone 0701234567) with case A and an application for November 2026. Household B: Cilla
Berg alone with case B and an application for November 2026.
"""

from dataclasses import dataclass
from datetime import date

from bistand.organisation.models import Role
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

NOVEMBER = date(2026, 11, 1)
PASSWORD = "hemligt-lösen-2026"


@dataclass
class World:
    north: object
    south: object
    hanna: object
    kim: object
    olle: object
    anna: object
    bo: object
    cilla: object
    case_a: object
    case_b: object
    application_a: object
    application_b: object


def build_world() -> World:
    municipality = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    north = make_unit("Norr 1", "Norr", municipality)
    south = make_unit("Söder 1", "Söder", municipality)
    hanna = make_staff(north, Role.CASEWORKER, "Hanna", "Holm")
    kim = make_staff(north, Role.CASEWORKER, "Kim", "Kvist")
    olle = make_staff(south, Role.CASEWORKER, "Olle", "Ström")
    for staff in (hanna, kim, olle):
        staff.user.set_password(PASSWORD)
        staff.user.save()
    anna = make_person(date(1988, 3, 4), "Anna", "Ek", email="anna@example.se")
    bo = make_person(date(1986, 5, 6), "Bo", "Ek", phone="0701234567")
    cilla = make_person(date(1992, 7, 8), "Cilla", "Berg", email="cilla@example.se")
    household_a = make_household(
        north.district,
        [(anna, MemberRole.APPLICANT), (bo, MemberRole.CO_APPLICANT)],
        valid_from=date(2025, 1, 1),
    )
    household_b = make_household(north.district, [(cilla, MemberRole.APPLICANT)], valid_from=date(2025, 1, 1))
    case_a = make_case(household_a, north, caseworker=hanna)
    case_b = make_case(household_b, north, caseworker=hanna)
    application_a = make_application(case_a, month=NOVEMBER, items=[("cost", "rent", 6_500)])
    application_b = make_application(case_b, month=NOVEMBER, items=[("cost", "rent", 5_200)])
    return World(
        north, south, hanna, kim, olle, anna, bo, cilla, case_a, case_b, application_a, application_b
    )
