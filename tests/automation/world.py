"""A small Demostad for the automation and income-data tests, with the real calculation.

Unit "Norr 1" has the automated decision function switched on with no sample (0 %), unless a test
changes it. `household(...)` makes a single adult whose June 2026 application was decided by a person and
whose July 2026 recurring application repeats it. The agencies are a stub whose answers each test sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bistand.automation.models import AutomationSetting
from bistand.cases.services import calculate_application
from bistand.casework import decisions
from bistand.incomedata.provider import KIND_SOURCE, IncomeRecord, PersonReport
from bistand.organisation.models import Role
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
    personal_number,
    register_barriers,
)

JUNE, JULY = date(2026, 6, 1), date(2026, 7, 1)
TODAY = date(2026, 7, 3)
# Rent 5 000 + electricity 300; riksnorm 2026 for a single adult 3 940 + 1 280 = 5 220 (SoF 2025:468
# 12 kap. 2 §, SFS 2025:1046), so the need is 10 520 kr.
ITEMS = [("cost", "rent", 5_000), ("cost", "electricity", 300)]
NEED = 10_520


class StubProvider:
    """The agencies in the tests: REPORTS[(personnummer, period)] = [(kind, amount)]; missing = nothing."""

    name = "Testmyndigheter"
    REPORTS: dict[tuple[str, date], list[tuple[str, int]]] = {}

    def fetch(self, personal_numbers, period):
        return [
            PersonReport(
                pnr,
                period,
                tuple(IncomeRecord(KIND_SOURCE[k], k, a) for k, a in self.REPORTS.get((pnr, period), [])),
            )
            for pnr in personal_numbers
        ]


@dataclass
class World:
    unit: object
    caseworker: object
    manager: object
    setting: AutomationSetting


def build() -> World:
    StubProvider.REPORTS = {}
    municipality = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    unit = make_unit("Norr 1", "Norr", municipality)
    caseworker = make_staff(unit, Role.CASEWORKER, "Hanna", "Holm")
    manager = make_staff(unit, Role.UNIT_MANAGER, "Eva", "Chef")
    setting = AutomationSetting.objects.create(
        unit=unit, enabled=True, committee_decision="Socialnämnden 2026-01-20 § 12", sample_percent=0
    )
    return World(unit, caseworker, manager, setting)


def household(
    world: World, items=ITEMS, july_items=None, first_name="Anna", protected="", kind="recurring", serial=None
):
    """A single adult with June decided by a person and a July application; returns (case, person, july).

    `serial` fixes the personnummer (born 1990-04-01), for the demo agencies whose answer depends on it."""
    number = personal_number(date(1990, 4, 1), serial) if serial is not None else None
    person = make_person(
        date(1990, 4, 1), first_name, "Ek", protected_identity=protected, personal_number=number
    )
    home = make_household(world.unit.district, [(person, MemberRole.APPLICANT)], valid_from=date(2024, 1, 1))
    case = make_case(home, world.unit, caseworker=world.caseworker)
    register_barriers(case, JUNE)
    register_barriers(case, JULY)
    june = make_application(case, month=JUNE, items=items)
    decision = decisions.decide(june, calculate_application(june, world.caseworker), world.caseworker)
    create_payments(decision)
    july = make_application(case, month=JULY, items=items if july_items is None else july_items, kind=kind)
    return case, person, july


def agencies_report(person, kinds: list[tuple[str, int]], period=JULY) -> None:
    StubProvider.REPORTS[(person.personal_number, period)] = list(kinds)
