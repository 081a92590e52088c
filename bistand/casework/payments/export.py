"""The payment batch export: a CSV file for the bank, safe to run again (docs/payment-export.md).

Never twice, even after a crash:
1. The batch and one line per payment are written in ONE transaction before any file exists.
   PaymentBatchLine.payment is unique, so a payment can belong to one batch only; a second run (or a
   concurrent one) can never pick it up again.
2. The file is rendered only from those rows (the payments are append-only), written to a hidden
   temporary name, flushed to disk and atomically renamed, so the bank never sees half a file.
3. Only then is a BatchConfirmation added. A batch without one is unfinished: the next run for the same
   pay date writes the same file again from the same rows (same name, same content) and confirms it,
   instead of making a new batch.
If the process dies after step 1, the payments wait in the unfinished batch; if it dies between the
rename and step 3, the rerun rewrites an identical file. In no case does a payment get a second line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction

from bistand.cases.models import Payment
from bistand.casework import audit
from bistand.casework.payment_models import BatchConfirmation, PaymentBatch, PaymentBatchLine

COLUMNS = [
    "rad",
    "betalningsnyckel",
    "utbetalningsdag",
    "mottagare",
    "clearingnummer",
    "kontonummer",
    "belopp",
    "avser_manad",
    "meddelande",
]
SEPARATOR = ";"


class ExportError(Exception):
    """A Swedish message for the operator running the export."""


@dataclass(frozen=True)
class ExportResult:
    batch: PaymentBatch
    path: Path
    line_count: int
    total_amount: int
    rewritten: bool  # True when an unfinished batch from an earlier, interrupted run was completed


def payments_due(pay_date: date):
    """Payments that belong in a file for `pay_date`: due on or before it, positive, with an account,
    and not yet on any batch line (also catches payments whose own day was missed)."""
    return Payment.objects.filter(pay_date__lte=pay_date, amount__gt=0, batch_line__isnull=True).exclude(
        recipient_account=""
    )


def payments_without_account(pay_date: date):
    """Due payments that cannot go into a bank file because the applicant has no account registered."""
    return Payment.objects.filter(
        pay_date__lte=pay_date, amount__gt=0, batch_line__isnull=True, recipient_account=""
    ).order_by("pay_date", "id")


def unfinished_batches(pay_date: date | None = None):
    qs = PaymentBatch.objects.filter(confirmation__isnull=True)
    if pay_date is not None:
        qs = qs.filter(pay_date=pay_date)
    return qs.order_by("id")


def export_payments(pay_date: date, out_dir: Path | str, staff=None) -> list[ExportResult]:
    """Finish any unfinished batch for `pay_date`, then export the payments still due in a new batch.

    Returns one result per file written; [] when there was nothing to export.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = [_finish(batch, out_dir, rewritten=True) for batch in unfinished_batches(pay_date)]
    batch = _new_batch(pay_date, staff)
    if batch is not None:
        results.append(_finish(batch, out_dir, rewritten=False))
    return results


def _new_batch(pay_date: date, staff) -> PaymentBatch | None:
    try:
        with transaction.atomic():
            payments = list(payments_due(pay_date).select_for_update(of=("self",)).order_by("pay_date", "id"))
            if not payments:
                return None
            batch = PaymentBatch.objects.create(pay_date=pay_date, created_by=staff)
            batch.file_name = f"utbetalningar-{pay_date.isoformat()}-{batch.pk:05d}.csv"
            batch.save(update_fields=["file_name"])
            PaymentBatchLine.objects.bulk_create(
                PaymentBatchLine(batch=batch, payment=payment, line_number=number)
                for number, payment in enumerate(payments, start=1)
            )
            audit.record(
                action=audit.AuditAction.EXPORT,
                user=staff.user if staff else None,
                staff=staff,
                what=f"Utbetalningsfil {batch.file_name} ({len(payments)} utbetalningar)",
                cases=[payment.case_id for payment in payments],
            )
    except IntegrityError as exc:
        raise ExportError(
            "En annan export tog samma utbetalningar samtidigt. Ingenting exporterades två gånger; "
            "kör exporten igen."
        ) from exc
    return batch


def render_batch(batch: PaymentBatch) -> tuple[str, int, int]:
    """The file content of a batch (deterministic: only stored, immutable rows), line count, total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    count = total = 0
    for line in batch.lines.select_related("payment").order_by("line_number"):
        payment = line.payment
        clearing, _, account = payment.recipient_account.rpartition("-")  # see creation.recipient_account
        writer.writerow(
            [
                line.line_number,
                payment.key,
                batch.pay_date.isoformat(),
                payment.recipient_name,
                clearing,
                account,
                payment.amount,
                f"{payment.month:%Y-%m}",
                f"Ekonomiskt bistånd {payment.month:%Y-%m}",
            ]
        )
        count += 1
        total += payment.amount
    return buffer.getvalue(), count, total


def _finish(batch: PaymentBatch, out_dir: Path, rewritten: bool) -> ExportResult:
    content, count, total = render_batch(batch)
    path = out_dir / batch.file_name
    write_atomically(path, content)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    try:
        with transaction.atomic():
            BatchConfirmation.objects.create(batch=batch, line_count=count, total_amount=total, sha256=digest)
    except IntegrityError:
        pass  # confirmed by a concurrent run that wrote the identical file
    return ExportResult(batch=batch, path=path, line_count=count, total_amount=total, rewritten=rewritten)


def write_atomically(path: Path, content: str) -> None:
    """Write to a hidden temporary file in the same folder, fsync, then rename over `path`."""
    temp = path.with_name(f".{path.name}.tmp")
    try:
        _write_temp(temp, content)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    os.replace(temp, path)
    _fsync_dir(path.parent)


def _write_temp(temp: Path, content: str) -> None:
    with open(temp, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
