"""Payments from decisions and the bank file export (docs/payment-export.md).

Public API:
    create_payments(decision) -> list[Payment]   (PaymentRefused when the month and need are paid already)
    export_payments(pay_date, out_dir, staff=None) -> list[ExportResult]
    pay_date_for(month, decided_on) -> date;  is_bank_day(day) -> bool
"""

from bistand.casework.payments.bankdays import (
    is_bank_day,
    municipal_pay_day,
    next_bank_day_after,
    pay_date_for,
)
from bistand.casework.payments.creation import PaymentRefused, create_payments, payment_key
from bistand.casework.payments.export import ExportError, ExportResult, export_payments

__all__ = [
    "ExportError",
    "ExportResult",
    "PaymentRefused",
    "create_payments",
    "export_payments",
    "is_bank_day",
    "municipal_pay_day",
    "next_bank_day_after",
    "pay_date_for",
    "payment_key",
]
