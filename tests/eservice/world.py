"""A small hand-built world for the e-service tests: a couple with a child, and another household.

couple: Anna (applicant, b. 1988) and Bo (co-applicant, b. 1986) with Cleo (child, b. 2018), in Demostad
other:  Dora (applicant, b. 1975), alone, another household and case in the same unit
"""

from dataclasses import dataclass
from datetime import date

from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from tests.casework.factories import (
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_staff,
    make_unit,
)


@dataclass
class World:
    unit: object
    worker: object
    anna: object
    bo: object
    cleo: object
    case: object
    dora: object
    other_case: object


def build_world() -> World:
    municipality = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    unit = make_unit(name="Ekonomiskt bistånd Norr 1", district_name="Norr", municipality=municipality)
    worker = make_staff(unit, role=Role.CASEWORKER)
    anna = make_person(
        birth=date(1988, 3, 14),
        first_name="Anna",
        last_name="Berg",
        street_address="Storgatan 1",
        postal_code="99999",
        city="Demostad",
    )
    bo = make_person(
        birth=date(1986, 7, 2),
        first_name="Bo",
        last_name="Berg",
        street_address="Storgatan 1",
        postal_code="99999",
        city="Demostad",
    )
    cleo = make_person(birth=date(2018, 5, 5), first_name="Cleo", last_name="Berg")
    household = make_household(
        unit.district,
        [(anna, MemberRole.APPLICANT), (bo, MemberRole.CO_APPLICANT), (cleo, MemberRole.CHILD)],
        valid_from=date(2024, 1, 1),
    )
    case = make_case(household, unit, caseworker=worker, number="EB-00001")
    dora = make_person(
        birth=date(1975, 1, 20),
        first_name="Dora",
        last_name="Dahl",
        street_address="Lillgatan 9",
        postal_code="99998",
        city="Demostad",
    )
    other = make_household(unit.district, [(dora, MemberRole.APPLICANT)], valid_from=date(2024, 1, 1))
    other_case = make_case(other, unit, caseworker=worker, number="EB-00002")
    return World(unit, worker, anna, bo, cleo, case, dora, other_case)
