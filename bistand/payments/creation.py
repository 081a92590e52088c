"""Payments from decisions: one payment per decision, created at most once.

Idempotence: the payment's key is derived from the decision (f"D{decision.pk}-1") and Payment.key is
unique, so calling create_payments twice — or twice at the same time — gives the one existing payment.

Amount: decision.total_granted for an ordinary decision. A correction (a new decision that replaces an
earlier one) pays only the DIFFERENCE between its total and what the earlier decisions in the chain have
already been given as payments: paying the new total again would pay the month twice. A negative
difference is recorded as a negative payment (the Payment model's way to correct), which is never put
in a bank file — recovering money is an återkrav decision, handled outside the payment export. A
decision that has itself been replaced gets no new payment, and a migrated (historic) decision none at
all. Zero amounts create nothing.

Need: the payment carries its application's need (bistand.cases.needs; livelihood without application).
The database allows one payment per case, month and need that is not a correction, so even a second
decision for a month already paid cannot be paid: create_payments then raises PaymentRefused (a
DecisionRefused, so the decision is rolled back with it in the caller's transaction).

Recipient: the applicant's name and bank account (clearing number and account number). Nothing else
about the person is stored on the payment, so a protected person's address can never reach a bank file.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction

from bistand.audit.audit import Actor, AuditAction, record_by
from bistand.cases.models import Decision, Payment
from bistand.cases.needs import LIVELIHOOD
from bistand.casework.decisions.service import DecisionRefused
from bistand.payments.bankdays import pay_date_for
from bistand.rules.formatting import month_name


class PaymentRefused(DecisionRefused):
    """The month and need already have a payment from another decision: nothing is paid twice."""


def payment_key(decision: Decision) -> str:
    return f"D{decision.pk}-1"


def earlier_decisions(decision: Decision) -> list[Decision]:
    """The decisions this one replaces, nearest first."""
    chain = []
    current = decision.corrects
    while current is not None:
        chain.append(current)
        current = current.corrects
    return chain


def amount_to_pay(decision: Decision) -> int:
    earlier = earlier_decisions(decision)
    if not earlier:
        return decision.total_granted
    already = sum(Payment.objects.filter(decision__in=earlier).values_list("amount", flat=True))
    return decision.total_granted - already


def recipient_account(person) -> str:
    """ "CLEARING-ACCOUNT" with digits only (so the one dash separates the two), or "" without account.

    Clearing numbers are often written with a dash themselves (Swedbank "8327-9"); only digits are kept.
    """
    clearing = re.sub(r"\D", "", person.bank_clearing or "")
    account = re.sub(r"\D", "", person.bank_account or "")
    if not account:
        return ""
    return f"{clearing}-{account}" if clearing else account


def new_payment(decision: Decision, amount: int, applicant, corrects: Payment | None = None) -> Payment:
    """The (unsaved) payment of `decision`: what create_payments and the monthly run's bulk path store."""
    return Payment(
        key=payment_key(decision),
        case_id=decision.case_id,
        decision=decision,
        month=decision.month,
        need=decision.application.need if decision.application_id else LIVELIHOOD,
        amount=amount,
        pay_date=pay_date_for(decision.month, decision.decided_on),
        recipient_name=applicant.full_name if applicant else "",
        recipient_account=recipient_account(applicant) if applicant else "",
        corrects=corrects,
    )


def create_payments(decision: Decision, *, actor: Actor | None = None) -> list[Payment]:
    """The payments of `decision` (created now or earlier); [] when nothing is to be paid.

    A payment created now gets its audit row (PAY) in the same transaction, by `actor` (else by the
    decision's decider, or the automated decision function).
    """
    key = payment_key(decision)
    existing = Payment.objects.filter(key=key).first()
    if existing is not None:
        return [existing]
    if decision.migrated or decision.corrections.exists():
        return []
    amount = amount_to_pay(decision)
    if amount == 0:
        return []
    applicant = decision.case.applicant
    earlier_payment = (
        Payment.objects.filter(decision__in=earlier_decisions(decision))
        .order_by("-created_at", "-id")
        .first()
    )
    try:
        with transaction.atomic():
            payment = new_payment(decision, amount, applicant, corrects=earlier_payment)
            payment.save(force_insert=True)
            _audit(payment, decision, actor)
    except IntegrityError:
        # Created by a concurrent call between our look-up and insert: the unique key kept it single.
        existing = Payment.objects.filter(key=key).first()
        if existing is not None:
            return [existing]
        # Or another decision's payment already holds this case, month and need.
        raise PaymentRefused(
            [
                f"Det finns redan en utbetalning för {month_name(decision.month)} i ärendet från ett annat "
                "beslut. Samma månad och behov betalas inte ut två gånger; ändra det beslutet genom en "
                "rättelse."
            ]
        ) from None
    return [payment]


def _audit(payment: Payment, decision: Decision, actor: Actor | None) -> None:
    if actor is None:
        staff = decision.decided_by
        machine = "" if staff else ("Automatiserad beslutsfunktion" if decision.automated else "Bistånd")
        actor = Actor(user=getattr(staff, "user", None), staff=staff, client=machine)
    record_by(
        actor,
        action=AuditAction.PAY,
        what=f"Utbetalning {payment.month:%Y-%m}: {payment.amount} kr den {payment.pay_date:%Y-%m-%d}",
        case=decision.case,
    )
