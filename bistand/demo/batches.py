"""Past payments were exported: one confirmed payment batch (bistand.payments) per pay day.

Without them the payment export would see every historical payment as never sent to
the bank. The demo writes no files, so a batch's checksum is taken over its lines (key;amount;account)
instead of over a file.
"""

import hashlib
from datetime import date, timedelta

from bistand.demo.dates import at
from bistand.demo.fastinsert import next_id


def batch_models():
    """The payment batch models (bistand.payments)."""
    from bistand.payments.models import BatchConfirmation, PaymentBatch, PaymentBatchLine

    return PaymentBatch, PaymentBatchLine, BatchConfirmation


def write_batches(models, paid, put) -> None:
    """One confirmed batch per pay day: the history was paid out before the demo begins."""
    from bistand.payments.models import message_id_for

    batch_model, line_model, confirmation_model = models
    by_day: dict[date, list] = {}
    for a in paid:
        if a.decision.payment.recipient_account:
            by_day.setdefault(a.decision.payment.pay_date, []).append(a.decision.payment)
    base = next_id(batch_model)
    batches, lines, confirmations = [], [], []
    line_id, confirmation_id = next_id(line_model), next_id(confirmation_model)
    for n, day in enumerate(sorted(by_day)):
        batch_id = base + n
        name = f"utbetalningar-{day.isoformat()}-{batch_id:05d}.csv"
        made = at(day - timedelta(days=1), 15)
        message_id = message_id_for(batch_id, day)
        batches.append((batch_id, day, name, message_id, made))
        payments = sorted(by_day[day], key=lambda p: p.id)
        # The demo writes no file; the checksum is taken over the batch's lines instead.
        digest = hashlib.sha256(
            "".join(f"{p.key};{p.amount};{p.recipient_account}\n" for p in payments).encode()
        )
        for number, p in enumerate(payments, start=1):
            lines.append((line_id, batch_id, p.id, number))
            line_id += 1
        confirmations.append(
            (
                confirmation_id,
                batch_id,
                made + timedelta(minutes=1),
                name,
                message_id,
                len(payments),
                sum(p.amount for p in payments),
                digest.hexdigest(),
            )
        )
        confirmation_id += 1
    put(
        "utbetalningsfiler", batch_model, ["id", "pay_date", "file_name", "message_id", "created_at"], batches
    )
    put("rader i utbetalningsfiler", line_model, ["id", "batch", "payment", "line_number"], lines)
    put(
        "bekräftade utbetalningsfiler",
        confirmation_model,
        ["id", "batch", "confirmed_at", "file_name", "message_id", "line_count", "total_amount", "sha256"],
        confirmations,
    )
