from django.db import models
from django.db.models import Q

from bistand.cases.needs import LIVELIHOOD, MAX_LENGTH


class ApplicationKind(models.TextChoices):
    FIRST = "first", "Nyansökan"
    RECURRING = "recurring", "Återansökan"
    EXTRA_NEED = "extra_need", "Ansökan om extra behov"


class ApplicationChannel(models.TextChoices):
    E_SERVICE = "e_service", "E-tjänst"
    PAPER = "paper", "Pappersblankett"
    VISIT = "visit", "Besök"


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", "Inkommen"
    DECIDED = "decided", "Beslutad"
    WITHDRAWN = "withdrawn", "Återkallad"


class Application(models.Model):
    """An application for one month, with the costs, incomes and needs the household declared."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="applications")
    month = models.DateField("avser månad", help_text="Första dagen i den månad ansökan gäller.")
    kind = models.CharField("typ", max_length=20, choices=ApplicationKind.choices)
    channel = models.CharField("kanal", max_length=20, choices=ApplicationChannel.choices)
    status = models.CharField(
        "status", max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.RECEIVED
    )
    need = models.CharField(
        "behov",
        max_length=MAX_LENGTH,
        default=LIVELIHOOD,
        db_default=LIVELIHOOD,
        help_text="Vad ansökan gäller: försörjning för månaden, eller vilka extra behov (bistand.cases.needs).",
    )
    received_at = models.DateTimeField("inkom")
    # The caseworker's decision to count last month's normöverskott as income this month (off by default).
    carry_surplus = models.BooleanField(
        "för över normöverskott från föregående månad", default=False, db_default=False
    )
    # A withdrawn application keeps its reason (the household's own words or the caseworker's) and when.
    withdrawn_at = models.DateTimeField("återkallad", null=True, blank=True)
    withdrawal_reason = models.CharField("skäl för återkallelsen", max_length=500, blank=True, db_default="")
    # Optimistic locking: every edit bumps the version; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ansökan"
        verbose_name_plural = "ansökningar"
        ordering = ["-month", "-received_at"]
        indexes = [
            models.Index(fields=["case", "month"]),
            models.Index(fields=["status"]),
            # The work queues ask for the waiting applications of hundreds of cases at a time.
            models.Index(
                fields=["case", "month"], condition=models.Q(status="received"), name="cases_app_waiting"
            ),
        ]
        constraints = [
            # One application per case, month and need; a withdrawn one no longer holds its month.
            models.UniqueConstraint(
                fields=["case", "month", "need"],
                condition=~Q(status="withdrawn"),
                name="one_application_per_case_month_need",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        if self.kind != ApplicationKind.EXTRA_NEED:
            self.need = LIVELIHOOD  # first and recurring applications share the month's livelihood
        super().save(*args, **kwargs)


class DeclaredCategory(models.TextChoices):
    COST = "cost", "Kostnad"
    INCOME = "income", "Inkomst"
    EXTRA_NEED = "extra_need", "Behov utöver försörjningsstöd"


class DeclaredItem(models.Model):
    """One declared amount; `kind` uses the calculation contract's kinds (bistand.rules)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="items")
    category = models.CharField("kategori", max_length=20, choices=DeclaredCategory.choices)
    kind = models.CharField("slag", max_length=40)
    member = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, verbose_name="gäller person"
    )
    amount = models.PositiveIntegerField("belopp (kr)")
    year_to_date = models.PositiveIntegerField(
        "tidigare arbetsinkomst i år (kr)", default=0, help_text="För barns och skolungdomars egna inkomster."
    )
    description = models.CharField("beskrivning", max_length=200, blank=True)
    # A cost the caseworker accepts in full although it is above the municipality's cap (SOSFS 2013:1).
    accepted_in_full = models.BooleanField("godkänns i sin helhet", default=False, db_default=False)
    judgement_reason = models.CharField("skäl för bedömningen", max_length=500, blank=True, db_default="")

    class Meta:
        verbose_name = "uppgift i ansökan"
        verbose_name_plural = "uppgifter i ansökan"
        ordering = ["category", "kind", "id"]
