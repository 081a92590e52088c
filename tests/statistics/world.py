"""A small deterministic city for the dashboard and export tests (no randomness, no demo builder).

Testby: district Alfa (units A1 with 8 households, A2 with 7) and Beta (unit B1 with 3 households).
Every household gets 1 000 kr + 100 × its number for each of the 14 months up to September 2026.
Staff: a caseworker in each unit, a unit manager in A1, a senior caseworker, an analyst, an administrator.
One applicant in A1 has protected identity. Each household has a barrier registered for September:
"unemployed_no_benefit" in Alfa, "sick_certified_no_benefit" in Beta.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bistand.cases.models import BarrierRegistration
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from bistand.rules.months import Month, months_back
from tests.casework.factories import (
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_staff,
    make_unit,
    personal_number,
)
from tests.statistics.report_fixtures import local, meeting, pay, plan

REPORT_MONTH = Month(2026, 9)
PASSWORD = "statistik-lösen-2026"


@dataclass
class StatsWorld:
    units: dict
    staff: dict  # role name -> StaffMember
    cases: list
    protected_case: object


def build(
    households=((("A1", "Alfa"), 8), (("A2", "Alfa"), 7), (("B1", "Beta"), 3)), municipality=None
) -> StatsWorld:
    municipality = municipality or make_municipality(name="Testby", code="9998", rules_code="testby")
    units = {}
    for (unit_name, district), _ in households:
        units[unit_name] = make_unit(f"Enhet {unit_name}", district, municipality)
    staff = {
        "caseworker": make_staff(units["A1"], role=Role.CASEWORKER, first_name="Cecilia", last_name="Arbete"),
        "caseworker_a2": make_staff(units["A2"], role=Role.CASEWORKER, first_name="Adam", last_name="Två"),
        "caseworker_b1": make_staff(units["B1"], role=Role.CASEWORKER, first_name="Bea", last_name="Beta"),
        "unit_manager": make_staff(units["A1"], role=Role.UNIT_MANAGER, first_name="Maja", last_name="Chef"),
        "senior_caseworker": make_staff(
            units["A2"], role=Role.SENIOR_CASEWORKER, first_name="Stina", last_name="Förste"
        ),
        "analyst": make_staff(units["A1"], role=Role.ANALYST, first_name="Ali", last_name="Analys"),
        "administrator": make_staff(
            units["A1"], role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin"
        ),
    }
    for member in staff.values():
        member.user.set_password(PASSWORD)
        member.user.save()
    holders = {"A1": staff["caseworker"], "A2": staff["caseworker_a2"], "B1": staff["caseworker_b1"]}
    months = months_back(REPORT_MONTH, 14)
    cases, protected_case, number = [], None, 0
    for (unit_name, _), count in households:
        unit = units[unit_name]
        for _ in range(count):
            number += 1
            protected = number == 2
            birth = date(1980 + number % 20, 1 + number % 12, 1 + number % 27)
            person = make_person(
                birth=birth,
                personal_number=personal_number(birth, 100 + number),
                first_name=f"Person{number}",
                last_name="Test",
                protected_identity="protected_registration" if protected else "",
            )
            household = make_household(
                unit.district, [(person, MemberRole.APPLICANT)], valid_from=date(2024, 1, 1)
            )
            case = make_case(household, unit, caseworker=holders[unit_name], opened_on=date(2025, 6, 1))
            for month in months:
                pay(case, month.first, 1000 + 100 * number)
            code = "unemployed_no_benefit" if unit.district.name == "Alfa" else "sick_certified_no_benefit"
            BarrierRegistration.objects.create(case=case, person=person, month=REPORT_MONTH.first, code=code)
            meeting(case, "follow_up_visit", local(2026, 9, 10), staff=[holders[unit_name]], minutes=60)
            plan(case, person, date(2025, 7, 1), follow_ups=[(date(2026, 8, 1), date(2026, 11, 1))])
            cases.append(case)
            if protected:
                protected_case = case
    return StatsWorld(units, staff, cases, protected_case)
