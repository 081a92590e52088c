"""A hand-written calculation for the decision and letter tests (independent of bistand.rules).

Household: one adult, July 2026, in Testby. Declared: rent 8 000, household electricity 300, home
insurance 120, dental care 2 000; salary 4 000 (net).
Riksnorm 2026 single adult: personal 3 940 + common household costs (1 person) 1 280 = 5 220 (the official
2026 total for a single person, reference §0.1 / riksnorm 2026).
Testby's rent cap for one person is 6 500 (example), so rent is approved at 6 500.
    norm 5 220; costs 6 500 + 300 + 120 = 6 920; extra needs 2 000 → need 14 140
    income 4 000 (no jobbstimulans) → assistance 14 140 − 4 000 = 10 140
"""

from datetime import date

from bistand.people.models import MemberRole
from tests.casework.factories import (
    make_application,
    make_calculation,
    make_case,
    make_household,
    make_person,
    make_staff,
    make_unit,
    register_barriers,
)

MONTH = date(2026, 7, 1)

ITEMS = [
    ("cost", "rent", 8_000),
    ("cost", "electricity", 300),
    ("cost", "home_insurance", 120),
    ("extra_need", "dental_care", 2_000),
    ("income", "salary", 4_000),
]

RENT_TEXT = (
    "Boendekostnaden 8 000 kr är högre än kommunens skäliga boendekostnad för 1 person, 6 500 kr. "
    "6 500 kr godkänns."
)


def line(rule, amount, text, kind=None, counted=True, member=None):
    return {
        "rule": rule,
        "amount": amount,
        "counted": counted,
        "text": text,
        "parameter": None,
        "value": None,
        "source": "SoL 2025:400 12 kap. 1 §",
        "confidence": "example",
        "member": member,
        "kind": kind,
    }


def example_result(income=4_000) -> dict:
    need = 5_220 + 6_920 + 2_000  # 14 140
    return {
        "month": "2026-07",
        "norm_total": 5_220,
        "costs_total": 6_920,
        "extra_needs_total": 2_000,
        "need_total": need,
        "income_total": income,
        "assistance": max(0, need - income),
        "surplus": max(0, income - need),
        "lines": [
            line("norm.personal.adult", 3_940, "Personliga kostnader, ensamstående vuxen: 3 940 kr."),
            line("norm.common", 1_280, "Gemensamma hushållskostnader, 1 person: 1 280 kr."),
            line("cost.rent", 6_500, RENT_TEXT, kind="rent"),
            line("cost.electricity", 300, "Hushållsel: 300 kr.", kind="electricity"),
            line("cost.home_insurance", 120, "Hemförsäkring: 120 kr.", kind="home_insurance"),
            line("extra_need.dental_care", 2_000, "Tandvård: 2 000 kr.", kind="dental_care"),
            line(
                "income.salary", -income, f"Lön: {income} kr räknas som inkomst.", kind="salary", member="1"
            ),
        ],
        "parameters": {"version": "test"},
    }


def example_setup(protected="", role="caseworker", address=True, items=ITEMS, month=MONTH, result=None):
    """unit, staff, person, case, application, calculation for the example above."""
    unit = make_unit()
    staff = make_staff(unit, role=role, first_name="Sara", last_name="Lind", title="Socialsekreterare")
    fields = {"street_address": "Storgatan 1", "postal_code": "11122", "city": "Testby"} if address else {}
    person = make_person(
        birth=date(1990, 4, 1), first_name="Åsa", last_name="Öberg", protected_identity=protected, **fields
    )
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)], valid_from=date(2025, 1, 1))
    case = make_case(household, unit, caseworker=staff, number="EB-2026-001")
    application = make_application(case, month=month, items=items)
    register_barriers(case, month, staff=staff)
    calculation = make_calculation(application, result or example_result())
    return unit, staff, person, case, application, calculation
