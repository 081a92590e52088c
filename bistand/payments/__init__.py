"""Payments from decisions, payment batches and the bank file export (docs/payment-export.md).

The models (PaymentBatch, PaymentBatchLine, BatchConfirmation, ExportLock, PaymentReturn) are in
`models`; the Payment itself is a record of the case (bistand.cases). Entry points:
    creation.create_payments(decision, actor=None) -> list[Payment]   (PaymentRefused when the month and
        need are paid already)
    export.export_payments(pay_date, out_dir, staff=None) -> list[ExportResult]
    bankdays.pay_date_for(month, decided_on) -> date;  bankdays.is_bank_day(day) -> bool
    returns: a payment the bank returned
"""
