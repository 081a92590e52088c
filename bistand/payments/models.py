"""Payment batches: which payments went into which bank file, so none is ever exported twice.

The export writes the batch and its lines in one transaction BEFORE the file exists. A payment can be on
one batch line only (unique), so a second export cannot pick it up again. The file is written under a
temporary name and renamed; only then is a BatchConfirmation row added. A batch without a confirmation
is unfinished: the next run writes the same file again from the same rows instead of making a new batch.
Only one export works at a time (ExportLock), and the batch's message identifier is stable across
reruns. See docs/payment-export.md and docs/payments.md.

A payment the bank returned is recorded once per payment (PaymentReturn); the payment itself stays as
it was. The tables kept their names from when these models lived in casework (db_table).
"""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


def message_id_for(batch_id: int, pay_date) -> str:
    """The batch's message identifier (at most 35 characters, the ISO 20022 MsgId length).

    Derived from the batch row, so every rerun of an interrupted export writes the same identifier,
    and unique because the batch id is. The bank refuses a message identifier it has already received
    (docs/payments.md), which is the last guard against a file being paid twice.
    """
    return f"{MESSAGE_ID_PREFIX}-{pay_date:%Y%m%d}-{batch_id:06d}"


MESSAGE_ID_PREFIX = "BISTAND"


class PaymentBatch(models.Model):
    pay_date = models.DateField("utbetalningsdag")
    file_name = models.CharField("filnamn", max_length=200)
    # NULL only inside the transaction that creates the batch (the identifier needs the row's id).
    message_id = models.CharField(  # noqa: DJ001
        "meddelande-id", max_length=35, unique=True, null=True, help_text="Filens unika identitet hos banken."
    )
    # "csv" or "pain.001" (bistand.payments.formats); fixed when the batch is made, so a rerun
    # of an interrupted export writes the same format and the same bytes.
    file_format = models.CharField("format", max_length=20, default="csv", db_default="csv")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "casework_paymentbatch"
        verbose_name = "utbetalningsfil"
        verbose_name_plural = "utbetalningsfiler"
        ordering = ["-pay_date", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_confirmed(self) -> bool:
        return BatchConfirmation.objects.filter(batch=self).exists()


class PaymentBatchLine(AppendOnlyModel):
    batch = models.ForeignKey(PaymentBatch, on_delete=models.PROTECT, related_name="lines")
    payment = models.OneToOneField(
        "cases.Payment", on_delete=models.PROTECT, related_name="batch_line", verbose_name="utbetalning"
    )
    line_number = models.PositiveIntegerField("radnummer")

    class Meta:
        db_table = "casework_paymentbatchline"
        verbose_name = "rad i utbetalningsfil"
        verbose_name_plural = "rader i utbetalningsfiler"
        ordering = ["batch", "line_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "line_number"], name="one_payment_per_batch_line"),
        ]


class BatchConfirmation(AppendOnlyModel):
    """The file of a batch was handed over (complete, under its final name); what exactly was handed over.

    File name, message identifier, number of lines, total and SHA-256 of the bytes, so the delivery can
    be matched against the bank's receipt and any copy of the file checked afterwards.
    """

    batch = models.OneToOneField(PaymentBatch, on_delete=models.PROTECT, related_name="confirmation")
    confirmed_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField("filnamn", max_length=200, default="")
    message_id = models.CharField("meddelande-id", max_length=35, default="")
    line_count = models.PositiveIntegerField("antal rader")
    total_amount = models.BigIntegerField("summa (kr)")
    sha256 = models.CharField("kontrollsumma (SHA-256)", max_length=64)

    class Meta:
        db_table = "casework_batchconfirmation"
        verbose_name = "bekräftad utbetalningsfil"
        verbose_name_plural = "bekräftade utbetalningsfiler"


class ExportLock(models.Model):
    """A row an export updates first in each of its transactions, so that concurrent runs take turns.

    Updating a row takes PostgreSQL's row lock and SQLite's write lock alike (select_for_update is a
    no-op on SQLite), so the second run waits, then sees what the first one committed.
    """

    name = models.CharField(max_length=50, unique=True)
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "casework_exportlock"
        verbose_name = "exportlås"
        verbose_name_plural = "exportlås"

    def __str__(self) -> str:
        return self.name


class PaymentReturn(AppendOnlyModel):
    """The bank returned a payment (e.g. closed account); recorded by a person, with the reason."""

    payment = models.OneToOneField(
        "cases.Payment", on_delete=models.PROTECT, related_name="returned", verbose_name="utbetalning"
    )
    returned_on = models.DateField("returnerad den")
    reason = models.CharField("orsak", max_length=300)
    recorded_by = models.ForeignKey("organisation.StaffMember", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "casework_paymentreturn"
        verbose_name = "returnerad utbetalning"
        verbose_name_plural = "returnerade utbetalningar"
