"""A payment the bank sent back (closed account, wrong account number): recorded, never edited.

The payment row stays as it was (payments are append-only); the return is its own row, one per payment,
with the date, the reason and who recorded it, and an audit row in the same transaction. Only a payment
that went out in a bank file can come back. Paying again is a new decision or a correction.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.utils import timezone

from bistand.audit import audit
from bistand.cases.models import Payment
from bistand.payments.models import PaymentReturn


class ReturnRefused(Exception):
    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


def status_of(payment: Payment) -> str:
    """planned, sent or returned (expects batch_line and returned to be loaded or loadable)."""
    if _related(payment, "returned") is not None:
        return "returned"
    if _related(payment, "batch_line") is not None:
        return "sent"
    return "planned"


STATUS_LABELS = {"planned": "Planerad", "sent": "Skickad i bankfil", "returned": "Returnerad"}


def _related(payment, name):
    try:
        return getattr(payment, name)
    except ObjectDoesNotExist:
        return None


@transaction.atomic
def record_return(
    payment: Payment, staff, returned_on: date | None, reason: str, path: str = ""
) -> PaymentReturn:
    reason = (reason or "").strip()
    problems = []
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if _related(locked, "batch_line") is None:
        problems.append("Utbetalningen har inte skickats i någon bankfil och kan inte ha returnerats.")
    if PaymentReturn.objects.filter(payment=locked).exists():
        problems.append("Utbetalningen är redan registrerad som returnerad.")
    if returned_on is None:
        problems.append("Ange vilket datum banken returnerade utbetalningen.")
    elif returned_on > timezone.localdate():
        problems.append("Datumet för returen kan inte ligga i framtiden.")
    elif returned_on < locked.pay_date:
        problems.append("Utbetalningen kan inte ha returnerats före utbetalningsdagen.")
    if not reason:
        problems.append("Ange orsaken som banken uppgav.")
    if problems:
        raise ReturnRefused(problems)
    try:
        with transaction.atomic():
            returned = PaymentReturn.objects.create(
                payment=locked, returned_on=returned_on, reason=reason[:300], recorded_by=staff
            )
    except IntegrityError:  # recorded at the same moment by someone else
        raise ReturnRefused(["Utbetalningen är redan registrerad som returnerad."]) from None
    audit.record(
        action=audit.AuditAction.PAYMENT_RETURN,
        what=f"Returnerad utbetalning {locked.amount} kr för {locked.month:%Y-%m}",
        user=staff.user,
        staff=staff,
        case=locked.case,
        path=path,
    )
    return returned
