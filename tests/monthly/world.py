"""A small world for the monthly run: Demostad's rules, July 2026, four households.

Riksnorm 2026 (SoF 2025:468 12 kap. 2 § as amended by SFS 2025:1046): a single adult 3 940 kr, common
costs for one person 1 280 kr, so the norm of a one-person household is 3 940 + 1 280 = 5 220 kr.
Rents are below Demostad's lowest rent cap (4 400 kr for one person), so they count in full.

- Anna: rent 4 000, no income        -> 5 220 + 4 000 = 9 220 kr; the test decider decides it
- Bo: rent 3 500, unemployment 1 000 -> 5 220 + 3 500 − 1 000 = 7 720 kr; declares income: left for a person
- Cecilia: rent 3 000, no income     -> 5 220 + 3 000 = 8 220 kr; the test decider decides it
- Dina: decided by a caseworker before the run (6 000 kr), not yet paid: the run pays it
"""

from datetime import date

from bistand.cases.models import Decision
from bistand.cases.models.application import ApplicationStatus
from tests.casework.factories import (
    make_application,
    make_municipality,
    make_person,
    make_unit,
    single_household,
)

MONTH = date(2026, 7, 1)
PAY_DAY = date(2026, 6, 25)  # Thursday: the regular pay day of July 2026 (the 25th of the month before)
EXPECTED_PAYMENTS = {"Anna": 9_220, "Cecilia": 8_220, "Dina": 6_000}  # 9 220 + 8 220 + 6 000 = 23 440
EXPECTED_TOTAL = 23_440


def build_world():
    municipality = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    municipality.payer_iban, municipality.payer_bic = "SE0000000000000000009999", "DEMOSEXX"
    municipality.save()
    unit = make_unit(municipality=municipality)
    applications = {}
    for name, rent, income in (
        ("Anna", 4_000, 0),
        ("Bo", 3_500, 1_000),
        ("Cecilia", 3_000, 0),
        ("Dina", 3_000, 0),
    ):
        person = make_person(
            birth=date(1990, 4, 1),
            first_name=name,
            last_name="Test",
            bank_clearing="8327",
            bank_account="1234567",
        )
        case, _ = single_household(unit, person=person)
        items = [("cost", "rent", rent)]
        if income:
            items.append(("income", "unemployment_benefit", income))
        applications[name] = make_application(case, month=MONTH, items=items)
    dina = applications["Dina"]
    Decision.objects.create(
        case=dina.case,
        application=dina,
        month=MONTH,
        outcome="granted",
        total_granted=6_000,
        decided_on=date(2026, 6, 12),
        legal_basis="12 kap. 1 § socialtjänstlagen (2025:400)",
    )
    dina.status = ApplicationStatus.DECIDED
    dina.save(update_fields=["status"])
    return municipality, applications
