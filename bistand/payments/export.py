"""The payment batch export: a CSV file for the bank, delivered once (docs/payment-export.md, docs/payments.md).

Never twice, even after a crash at any point or with several runs at once:
1. Every transaction of an export first takes the export lock (ExportLock), so runs take turns.
2. The batch, its message identifier and one line per payment are written in ONE transaction before any
   file exists. PaymentBatchLine.payment is unique, so a payment can belong to one batch only; the
   message identifier is derived from the batch row, so every rerun writes the same one.
3. The file is rendered only from those rows (the payments are append-only), written under a temporary
   name unique to this run (in the target folder), flushed to disk and atomically renamed (os.replace),
   so the bank never sees half a file and two runs never share a temporary file.
4. In the same transaction as the rename, a BatchConfirmation records what was handed over: file name,
   message identifier, number of lines, total and SHA-256.
A batch without a confirmation is unfinished. The next run completes it: when the file is already in
place with exactly the expected content it is confirmed without being written again; when it is missing
it is written again with the same message identifier (the bank refuses a repeated identifier); a
different file under that name is never overwritten.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from bistand.audit import audit
from bistand.cases.models import Payment
from bistand.payments import pain001
from bistand.payments.crashpoints import crash_point
from bistand.payments.models import (
    BatchConfirmation,
    ExportLock,
    PaymentBatch,
    PaymentBatchLine,
    message_id_for,
)

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
    "meddelande_id",
]
SEPARATOR = ";"
LOCK_NAME = "payment-export"
CSV = "csv"
PAIN_001 = "pain.001"
FORMATS = {CSV: "csv", PAIN_001: "xml"}  # format -> file name extension
FILE_MODE = 0o640  # the exporting account writes, the transport's group reads, nobody else


class ExportError(Exception):
    """A Swedish message for the operator running the export."""


@dataclass(frozen=True)
class ExportResult:
    batch: PaymentBatch
    path: Path
    line_count: int
    total_amount: int
    rewritten: bool  # True when an unfinished batch from an earlier, interrupted run was completed
    message_id: str = ""
    already_in_place: bool = False  # the interrupted run had put the identical file in place already


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


def export_payments(
    pay_date: date, out_dir: Path | str, staff=None, file_format: str = CSV
) -> list[ExportResult]:
    """Finish any unfinished batch for `pay_date`, then export the payments still due in a new batch.

    `file_format`: "csv" (the default) or "pain.001" (ISO 20022 pain.001.001.03) for the new batch; an
    unfinished batch is always completed in the format it was made in.

    Returns one result per file handed over by this run; [] when there was nothing to do (also when a
    concurrent run handed the same batch over first).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for batch_id in list(unfinished_batches(pay_date).values_list("pk", flat=True)):
        result = _finish(batch_id, out_dir, rewritten=True)
        if result is not None:
            results.append(result)
    if file_format not in FORMATS:
        raise ExportError(f"Okänt filformat ”{file_format}”. Välj csv eller pain.001.")
    batch = _new_batch(pay_date, staff, file_format)
    if batch is not None:
        crash_point("after_batch")
        result = _finish(batch.pk, out_dir, rewritten=False)
        if result is not None:
            results.append(result)
    return results


def take_export_lock() -> None:
    """Inside a transaction: wait until no other export holds the lock, then hold it until commit."""
    if ExportLock.objects.filter(name=LOCK_NAME).update(taken_at=timezone.now()):
        return
    ExportLock.objects.get_or_create(name=LOCK_NAME)
    ExportLock.objects.filter(name=LOCK_NAME).update(taken_at=timezone.now())


def _check_payers(payments: list[Payment]) -> None:
    """A pain.001 file needs the account each municipality pays from; refuse before anything is stored."""
    from bistand.organisation.models import Municipality

    municipalities = Municipality.objects.filter(
        pk__in={p.case.unit.district.municipality_id for p in payments}
    )
    try:
        pain001.check_payers(municipalities)
    except pain001.MissingPayerAccount as exc:
        raise ExportError(
            f"Kommunens konto (IBAN och BIC) saknas för {', '.join(exc.names)}. Fyll i det under Kommuner "
            "i administrationen innan en pain.001-fil skrivs. Ingenting exporterades."
        ) from None


def _new_batch(pay_date: date, staff, file_format: str = CSV) -> PaymentBatch | None:
    try:
        with transaction.atomic():
            take_export_lock()
            payments = list(
                payments_due(pay_date).select_related("case__unit__district").order_by("pay_date", "id")
            )
            if not payments:
                return None
            if file_format == PAIN_001:
                _check_payers(payments)
            batch = PaymentBatch.objects.create(pay_date=pay_date, created_by=staff, file_format=file_format)
            batch.file_name = f"utbetalningar-{pay_date.isoformat()}-{batch.pk:05d}.{FORMATS[file_format]}"
            batch.message_id = message_id_for(batch.pk, pay_date)
            batch.save(update_fields=["file_name", "message_id"])
            PaymentBatchLine.objects.bulk_create(
                PaymentBatchLine(batch=batch, payment=payment, line_number=number)
                for number, payment in enumerate(payments, start=1)
            )
            audit.record(
                action=audit.AuditAction.EXPORT,
                user=staff.user if staff else None,
                staff=staff,
                what=(
                    f"Utbetalningsfil {batch.file_name}, meddelande-id {batch.message_id} "
                    f"({len(payments)} utbetalningar)"
                ),
                cases=[payment.case_id for payment in payments],
            )
    except IntegrityError as exc:  # cannot happen under the lock; kept as the last guard
        raise ExportError(
            "En annan export tog samma utbetalningar samtidigt. Ingenting exporterades två gånger; "
            "kör exporten igen."
        ) from exc
    return batch


def render_batch(batch: PaymentBatch) -> tuple[str, int, int]:
    """The file content of a batch (deterministic: only stored, immutable rows), line count, total."""
    if batch.file_format == PAIN_001:
        lines = list(
            batch.lines.select_related("payment__case__unit__district__municipality").order_by("line_number")
        )
        try:
            return pain001.render(batch, lines)
        except pain001.MissingPayerAccount as exc:
            raise ExportError(
                f"Kommunens konto (IBAN och BIC) saknas för {', '.join(exc.names)}; filen "
                f"{batch.file_name} kan inte skrivas. Fyll i kontot och kör exporten igen."
            ) from None
    return _render_csv(batch)


def _render_csv(batch: PaymentBatch) -> tuple[str, int, int]:
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
                batch.message_id,
            ]
        )
        count += 1
        total += payment.amount
    return buffer.getvalue(), count, total


def _finish(batch_id: int, out_dir: Path, rewritten: bool) -> ExportResult | None:
    """Hand the batch's file over and confirm it, unless another run already did (then None)."""
    with transaction.atomic():
        take_export_lock()
        batch = PaymentBatch.objects.get(pk=batch_id)
        if BatchConfirmation.objects.filter(batch=batch).exists():
            return None
        content, count, total = render_batch(batch)
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        path = out_dir / batch.file_name
        remove_stale_temporaries(path)  # we hold the lock: no other run is writing one now
        in_place = sha256_of(path)
        if in_place is None:
            write_atomically(path, content)
        elif in_place != digest:
            raise ExportError(
                f"Filen {path} finns redan men har ett annat innehåll än utbetalningsfilen "
                f"{batch.message_id}. Ingenting skrevs över. Ta reda på var filen kommer ifrån innan "
                "exporten körs igen."
            )
        crash_point("after_replace")
        BatchConfirmation.objects.create(
            batch=batch,
            file_name=batch.file_name,
            message_id=batch.message_id,
            line_count=count,
            total_amount=total,
            sha256=digest,
        )
    crash_point("after_confirm")
    return ExportResult(
        batch=batch,
        path=path,
        line_count=count,
        total_amount=total,
        rewritten=rewritten,
        message_id=batch.message_id,
        already_in_place=in_place is not None,
    )


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files of `path` left by a run that died before its rename (hidden, never delivered)."""
    for leftover in path.parent.glob(f"{temporary_prefix(path)}*.tmp"):
        leftover.unlink(missing_ok=True)


def write_atomically(path: Path, content: str) -> None:
    """Write to a temporary file unique to this run in the same folder, fsync, then rename over `path`.

    The temporary name is hidden (starts with a dot) and made by mkstemp, so two runs can never write
    the same temporary file; os.replace is atomic within one file system.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path), suffix=".tmp")
    os.close(fd)
    temp = Path(name)
    try:
        os.chmod(temp, FILE_MODE)
        _write_temp(temp, content)
        crash_point("after_temp")
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
