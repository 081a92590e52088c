"""Payment batches: which payments went into which bank file, so none is ever exported twice.

The export writes the batch and its lines in one transaction BEFORE the file exists. A payment can be on
one batch line only (unique), so a second export cannot pick it up again. The file is written under a
temporary name and renamed; only then is a BatchConfirmation row added. A batch without a confirmation
is unfinished: the next run writes the same file again from the same rows instead of making a new batch.
See docs/payment-export.md.
"""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class PaymentBatch(models.Model):
    pay_date = models.DateField("utbetalningsdag")
    file_name = models.CharField("filnamn", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
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
        verbose_name = "rad i utbetalningsfil"
        verbose_name_plural = "rader i utbetalningsfiler"
        ordering = ["batch", "line_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "line_number"], name="one_payment_per_batch_line"),
        ]


class BatchConfirmation(AppendOnlyModel):
    """The file of a batch was written completely (renamed into place); facts about that file."""

    batch = models.OneToOneField(PaymentBatch, on_delete=models.PROTECT, related_name="confirmation")
    confirmed_at = models.DateTimeField(auto_now_add=True)
    line_count = models.PositiveIntegerField("antal rader")
    total_amount = models.BigIntegerField("summa (kr)")
    sha256 = models.CharField("kontrollsumma (SHA-256)", max_length=64)

    class Meta:
        verbose_name = "bekräftad utbetalningsfil"
        verbose_name_plural = "bekräftade utbetalningsfiler"
