"""Fetched income data (immutable snapshots beside the application) and the warnings they raise."""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class IncomeFetch(AppendOnlyModel):
    """What the agencies reported for one person and month, as fetched for one application. Never changed:
    a new fetch is a new row, so the basis of any decision can be shown again exactly as it was."""

    application = models.ForeignKey(
        "cases.Application", on_delete=models.PROTECT, related_name="income_fetches"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    period = models.DateField("avser månad")
    provider = models.CharField("källa", max_length=60)
    records = models.JSONField("uppgifter", default=list)  # [{"source", "kind", "amount"}]
    registered_af = models.BooleanField("inskriven på Arbetsförmedlingen", null=True)
    purpose = models.CharField("ändamål", max_length=200)
    fetched_at = models.DateTimeField("hämtad", auto_now_add=True)
    fetched_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fetched_by_system = models.CharField("hämtad av system", max_length=100, blank=True, default="")

    class Meta:
        verbose_name = "hämtning av inkomstuppgifter"
        verbose_name_plural = "hämtningar av inkomstuppgifter"
        ordering = ["-fetched_at", "-id"]
        indexes = [models.Index(fields=["application", "fetched_at"])]


class WarningStatus(models.TextChoices):
    OPEN = "open", "Öppen"
    ACKNOWLEDGED = "acknowledged", "Kvitterad"
    CLOSED = "closed", "Avslutad"


class IncomeWarning(models.Model):
    """A difference between declared and fetched income of one kind: open → acknowledged → closed."""

    application = models.ForeignKey(
        "cases.Application", on_delete=models.PROTECT, related_name="income_warnings"
    )
    kind = models.CharField("inkomstslag", max_length=40)
    declared = models.IntegerField("angett (kr)")
    fetched = models.IntegerField("enligt myndigheterna (kr)")
    status = models.CharField("status", max_length=20, choices=WarningStatus.choices, default="open")
    note = models.CharField("anteckning", max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "inkomstvarning"
        verbose_name_plural = "inkomstvarningar"
        ordering = ["application", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "declared", "fetched"], name="one_warning_per_difference"
            )
        ]

    @property
    def label(self) -> str:
        from bistand.casework.decisions.labels import kind_label

        return kind_label("income", self.kind)
