"""Decisions, corrections, payments, registrations and journal notes each write their own audit row,
in the same transaction as the change (the services in bistand.casework).

Demostad, July 2026, one adult born 1990 (as in test_decisions_end_to_end):
    need 5 220 (riksnorm and common costs) + 5 600 (rent approved of 9 000) + 300 (electricity)
    + 2 000 (dental care) = 13 120; salary 4 000; assistance 13 120 − 4 000 = 9 120
A correction to a salary of 3 000: 13 120 − 3 000 = 10 120; paid 10 120 − 9 120 = 1 000 more.
"""

from datetime import UTC, date, datetime

import pytest

from bistand.audit import audit
from bistand.audit.models import AuditEvent
from bistand.cases.models import Payment
from bistand.cases.services import calculate_application
from bistand.casework import applications, decision_services
from bistand.casework.decisions import DecisionRefused
from bistand.journal import services
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

JULY = date(2026, 7, 1)
ITEMS = [
    ("cost", "rent", 9_000),
    ("cost", "electricity", 300),
    ("extra_need", "dental_care", 2_000),
    ("income", "salary", 4_000),
]


@pytest.fixture
def world():
    unit = make_unit(municipality=make_municipality(name="Demostad", code="9999", rules_code="demostad"))
    staff = make_staff(unit)
    person = make_person(first_name="Åsa", last_name="Öberg", bank_clearing="8327", bank_account="1234567")
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)], valid_from=date(2025, 1, 1))
    case = make_case(household, unit, caseworker=staff)
    application = make_application(case, month=JULY, items=ITEMS)
    register_barriers(case, JULY)
    actor = audit.Actor(user=staff.user, staff=staff, path="/test/")
    return case, application, staff, actor


def rows(case) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(case=case).order_by("id").values_list("action", "what"))


def test_a_decision_and_its_payment_each_get_an_audit_row(world):
    case, application, staff, actor = world
    calculation = calculate_application(application, staff)
    decision = decision_services.decide_and_pay(
        application=application,
        calculation=calculation,
        version=application.version,
        overrides=None,
        actor=actor,
    )
    [payment] = Payment.objects.filter(decision=decision)
    assert payment.amount == 9_120
    assert rows(case) == [
        ("decide", "Beslut 2026-07: delvis bifall, 9120 kr beviljat"),
        ("pay", f"Utbetalning 2026-07: 9120 kr den {payment.pay_date:%Y-%m-%d}"),
    ]
    event = AuditEvent.objects.filter(case=case).first()
    assert (event.staff, event.user, event.path) == (staff, staff.user, "/test/")


def test_a_correction_gets_its_own_audit_row_and_pays_the_difference(world):
    case, application, staff, actor = world
    first = decision_services.decide_and_pay(
        application=application,
        calculation=calculate_application(application, staff),
        version=application.version,
        overrides=None,
        actor=actor,
    )
    application.refresh_from_db()
    items = [
        applications.Item(i.category, i.kind, 3_000 if i.kind == "salary" else i.amount)
        for i in applications.items_of(application)
    ]
    new = decision_services.correct_and_pay(
        decision=first,
        application=application,
        version=application.version,
        reason="Lönen var 3 000 kr, inte 4 000 kr.",
        items=items,
        actor=actor,
    )
    assert new.total_granted == 10_120
    assert Payment.objects.get(decision=new).amount == 1_000  # 10 120 − 9 120
    actions = [action for action, _ in rows(case)]
    assert actions[-2:] == ["correct", "pay"]
    correct_what = rows(case)[-2][1]
    assert correct_what.startswith(f"Rättelse av beslut {first.decided_on:%Y-%m-%d}.")


def test_a_refused_decision_leaves_no_audit_row_and_no_payment(world):
    case, application, staff, actor = world
    calculation = calculate_application(application, staff)
    with pytest.raises(applications.StaleVersion):
        decision_services.decide_and_pay(
            application=application,
            calculation=calculation,
            version=application.version + 1,  # someone changed it meanwhile
            overrides=None,
            actor=actor,
        )
    other = make_staff(case.unit, role="analyst", first_name="Ola", last_name="Berg")
    with pytest.raises(DecisionRefused):  # an analyst has no delegation to decide
        decision_services.decide_and_pay(
            application=application,
            calculation=calculation,
            version=application.version,
            overrides=None,
            actor=audit.Actor(user=other.user, staff=other, path="/test/"),
        )
    assert rows(case) == [] and not Payment.objects.filter(case=case).exists()


def test_a_registration_by_a_caseworker_gets_an_audit_row(world):
    case, _, staff, actor = world
    applications.register_application(
        case,
        month=date(2026, 8, 1),
        kind="recurring",
        channel="paper",
        received_at=datetime(2026, 7, 28, 12, tzinfo=UTC),
        items=[applications.Item("cost", "rent", 9_000)],
        actor=actor,
    )
    assert rows(case) == [("create", "Ny ansökan 2026-08")]


def test_a_journal_note_gets_an_audit_row_without_its_text(world):
    case, _, _, actor = world
    services.add_journal_note(
        case=case, occurred_on=date(2026, 7, 3), heading="Telefonsamtal", text="Hemligt innehåll", actor=actor
    )
    assert rows(case) == [("create", "Journalanteckning 2026-07-03")]
