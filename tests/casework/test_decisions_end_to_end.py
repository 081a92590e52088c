"""End to end through the real rules: application -> calculate_application -> propose -> decide ->
payment -> letter -> bank file, and next month's unchanged application.

Demostad (example municipality, bistand/rules/parameters/municipalities/demostad.toml), version from
2024-01-01: highest reasonable rent for 1 person 5 600 kr.
July 2026, one adult born 1990, no assistance history (so no jobbstimulans):
    riksnorm 2026 single adult 3 940 + common costs 1 person 1 280 = 5 220 (official total 5 220)
    rent 9 000 declared -> 5 600 approved (9 000 − 5 600 = 3 400 not approved); electricity 300
    costs 5 600 + 300 = 5 900; dental care 2 000
    need 5 220 + 5 900 + 2 000 = 13 120; salary 4 000 counted in full
    assistance 13 120 − 4 000 = 9 120
Delegation: försörjningsstöd 5 220 + 5 900 − 4 000 = 7 120 ≤ 20 000 and extra needs 2 000 ≤ 5 000, so a
caseworker may decide.
"""

import csv
from datetime import date

import pytest

from bistand.cases.services import calculate_application
from bistand.casework.decisions import changes_since_last_month, decide, propose
from bistand.casework.letters import decision_letter_html
from bistand.payments.creation import create_payments
from bistand.payments.export import export_payments
from bistand.people.models import MemberRole
from tests.casework.factories import (
    make_application,
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_staff,
    make_unit,
    register_barriers,
)

pytestmark = pytest.mark.django_db

JULY, AUGUST = date(2026, 7, 1), date(2026, 8, 1)
ITEMS = [
    ("cost", "rent", 9_000),
    ("cost", "electricity", 300),
    ("extra_need", "dental_care", 2_000),
    ("income", "salary", 4_000),
]


def test_from_application_to_bank_file(tmp_path):
    unit = make_unit(municipality=make_municipality(name="Demostad", code="9999", rules_code="demostad"))
    staff = make_staff(unit, title="Socialsekreterare")
    person = make_person(first_name="Åsa", last_name="Öberg", bank_clearing="8327", bank_account="1234567")
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)], valid_from=date(2025, 1, 1))
    case = make_case(household, unit, caseworker=staff)
    application = make_application(case, month=JULY, items=ITEMS)
    register_barriers(case, JULY)

    calculation = calculate_application(application, staff)
    assert calculation.assistance == 9_120

    proposals = {p.kind: p for p in propose(calculation)}
    assert [(p.kind, p.requested, p.granted, p.outcome) for p in proposals.values()] == [
        ("norm", 5_220, 5_220, "granted"),
        ("rent", 9_000, 5_600, "partly_granted"),
        ("electricity", 300, 300, "granted"),
        ("dental_care", 2_000, 2_000, "granted"),
    ]
    # The reason is the rules' why-not line (9 000 − 5 600 = 3 400 not approved); amounts are written
    # with no-break spaces, read here as plain ones.
    assert proposals["rent"].reason.replace("\u00a0", " ") == (
        "Boendekostnad (hyra): 3 400 kr godkänns inte. Kostnaden är högre än vad som bedöms skäligt i "
        "Demostad för ett hushåll med 1 person (5 600 kr i månaden)."
    )

    decision = decide(application, calculation, staff, decided_on=date(2026, 6, 20))
    assert (decision.total_granted, decision.outcome) == (9_120, "partly_granted")
    # The rules' text already names the item; it is not repeated.
    assert decision.reasons.startswith("Boendekostnad (hyra): 3")
    assert "Boendekostnad (hyra): Boendekostnad" not in decision.reasons

    [payment] = create_payments(decision)
    assert (payment.amount, payment.pay_date) == (9_120, date(2026, 6, 25))

    html = decision_letter_html(decision)
    for expected in ("Summa behov", "13\u00a0120\u00a0kr", "\u22124\u00a0000\u00a0kr", "9\u00a0120\u00a0kr"):
        assert expected in html

    [result] = export_payments(date(2026, 6, 25), tmp_path)
    with open(result.path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[1][3:7] == ["Åsa Öberg", "8327", "1234567", "9120"]

    # August: the same declaration -> nothing changed, so one confirmation is enough.
    august = make_application(case, month=AUGUST, items=list(reversed(ITEMS)))
    assert changes_since_last_month(august) == []
    register_barriers(case, AUGUST)
    # July (paid) is now in the assistance history; one month is far from jobbstimulans (six in a row).
    august_calculation = calculate_application(august, staff)
    assert august_calculation.request["assistance_history"] == ["2026-07"]
    assert decide(august, august_calculation, staff, decided_on=date(2026, 7, 10)).total_granted == 9_120
