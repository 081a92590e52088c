from django.db import models

from bistand.cases.immutable import AppendOnlyModel
from bistand.cases.needs import LIVELIHOOD, MAX_LENGTH


class Payment(AppendOnlyModel):
    """A payment created from a decision. Append-only; a correction is a new (possibly negative) payment.

    `key` is unique and derived from the decision, so creating the payments for a decision twice cannot
    create a second payment: the database refuses the duplicate. And whatever the decisions, a case gets
    at most one payment per month and need that is not a correction (bistand.cases.needs): a second
    decided application for a month already paid cannot be paid as well.
    """

    key = models.CharField("betalningsnyckel", max_length=80, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="payments")
    decision = models.ForeignKey("cases.Decision", on_delete=models.PROTECT, related_name="payments")
    month = models.DateField("avser månad")
    need = models.CharField("behov", max_length=MAX_LENGTH, default=LIVELIHOOD, db_default=LIVELIHOOD)
    amount = models.IntegerField("belopp (kr)")
    pay_date = models.DateField("utbetalningsdag")
    recipient_name = models.CharField("mottagare", max_length=200)
    recipient_account = models.CharField("konto", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )

    class Meta:
        verbose_name = "utbetalning"
        verbose_name_plural = "utbetalningar"
        ordering = ["-pay_date", "-id"]
        indexes = [models.Index(fields=["month"]), models.Index(fields=["case", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "month", "need"],
                condition=models.Q(corrects__isnull=True),
                name="one_payment_per_case_month_need",
            ),
        ]
