"""Payments from decisions: one per decision, the right day, the right recipient; corrections pay the difference."""

from datetime import date

import pytest

from bistand.cases.models import Decision, Payment
from bistand.payments.creation import create_payments
from tests.casework.factories import make_person, make_unit, single_household

pytestmark = pytest.mark.django_db


def make_decision(case, total, month=date(2026, 7, 1), decided_on=date(2026, 6, 10), corrects=None, **fields):
    outcome = "granted" if total > 0 else "rejected"
    return Decision.objects.create(
        case=case,
        month=month,
        outcome=outcome,
        total_granted=total,
        decided_on=decided_on,
        legal_basis="12 kap. 1 § socialtjänstlagen (2025:400)",
        corrects=corrects,
        **fields,
    )


@pytest.fixture
def case():
    person = make_person(
        first_name="Åsa", last_name="Öberg", bank_clearing="83279", bank_account="912 345 678-0"
    )
    case, _ = single_household(make_unit(), person=person)
    return case


def test_a_decision_gets_one_payment_even_when_asked_twice(case):
    decision = make_decision(case, 11_600)
    first = create_payments(decision)
    second = create_payments(decision)
    assert [p.pk for p in first] == [p.pk for p in second]
    assert Payment.objects.filter(decision=decision).count() == 1
    payment = first[0]
    assert payment.key == f"D{decision.pk}-1"
    assert payment.amount == 11_600
    # Decided 10 June for July 2026: paid on the regular pay day, Thursday 25 June 2026.
    assert payment.pay_date == date(2026, 6, 25)
    assert payment.month == date(2026, 7, 1)


def test_recipient_is_the_applicant_with_a_digits_only_account(case):
    payment = create_payments(make_decision(case, 500))[0]
    assert payment.recipient_name == "Åsa Öberg"
    # Clearing "83279" (Swedbank's 8327-9); account "912 345 678-0" -> "9123456780"; one dash between them.
    assert payment.recipient_account == "83279-9123456780"


def test_a_late_decision_is_paid_the_next_bank_day(case):
    # Decided Thursday 18 June 2026 for June: 19 midsommarafton, 20–21 weekend -> Monday 22 June.
    decision = make_decision(case, 3_000, month=date(2026, 6, 1), decided_on=date(2026, 6, 18))
    assert create_payments(decision)[0].pay_date == date(2026, 6, 22)


def test_nothing_is_paid_for_a_rejection_or_a_migrated_decision(case):
    assert create_payments(make_decision(case, 0)) == []
    assert create_payments(make_decision(case, 4_000, migrated=True)) == []
    assert Payment.objects.count() == 0


def test_a_correction_pays_only_the_difference_and_the_replaced_decision_gets_nothing_more(case):
    original = make_decision(case, 11_600)
    paid = create_payments(original)[0]
    correction = make_decision(case, 12_100, decided_on=date(2026, 6, 29), corrects=original)
    extra = create_payments(correction)[0]
    # 12 100 − 11 600 already paid = 500, decided Mon 29 June -> next bank day Tue 30 June.
    assert extra.amount == 500
    assert extra.pay_date == date(2026, 6, 30)
    assert extra.corrects_id == paid.pk
    # Asking again for the replaced decision must not create anything.
    assert create_payments(original)[0].pk == paid.pk
    assert sum(Payment.objects.filter(case=case).values_list("amount", flat=True)) == 12_100


def test_a_lowering_correction_records_a_negative_payment(case):
    original = make_decision(case, 11_600)
    create_payments(original)
    correction = make_decision(case, 11_000, decided_on=date(2026, 6, 29), corrects=original)
    # 11 000 − 11 600 = −600: recorded (for the ledger), never put in a bank file.
    assert create_payments(correction)[0].amount == -600


def test_a_correction_of_a_decision_that_was_never_paid_pays_the_new_total(case):
    original = make_decision(case, 0)
    correction = make_decision(case, 2_000, decided_on=date(2026, 6, 29), corrects=original)
    assert create_payments(original) == []
    assert create_payments(correction)[0].amount == 2_000
