"""Versions of a year's riksnorm table or prisbasbelopp entered in the running system.

A version is never changed or deleted: a correction is a new version of the same year, and the newest
version of a year is the one the calculations use (from 1 January of that year). The files in
bistand/rules/parameters are "version 0" of every year they hold.
"""

from django.conf import settings
from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class TableKind(models.TextChoices):
    RIKSNORM = "norm", "Riksnorm"
    PRICE_BASE_AMOUNT = "price_base_amount", "Prisbasbelopp"


class TableStatus(models.TextChoices):
    OFFICIAL = "official", "Officiell"
    PRELIMINARY = "preliminary", "Preliminär"


class TableVersion(AppendOnlyModel):
    kind = models.CharField("slag", max_length=20, choices=TableKind.choices)
    year = models.PositiveSmallIntegerField("år")
    version = models.PositiveIntegerField("version")
    status = models.CharField("status", max_length=20, choices=TableStatus.choices)
    data = models.JSONField("tabell", help_text="I samma form som filerna i bistand/rules/parameters.")
    source = models.CharField("källa", max_length=300)
    note = models.TextField("anteckning", blank=True)
    origin = models.CharField("införd från", max_length=200, blank=True)
    created_at = models.DateTimeField("införd", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "tabellversion"
        verbose_name_plural = "tabellversioner"
        ordering = ["kind", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "version"], name="normtables_one_number_per_version"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} version {self.version} ({self.get_status_display().lower()})"

    @property
    def version_id(self) -> str:
        """The id the calculation snapshots store (result.parameters.norm.version), e.g. "norm-2027-v2"."""
        return f"{self.kind}-{self.year}-v{self.version}"


class DecisionToReview(AppendOnlyModel):
    """A decision calculated with a preliminary table whose amount changes with the official one.

    Listed for the caseworkers so that they correct the decision (a new decision); nothing is changed
    automatically.
    """

    kind = models.CharField("slag", max_length=20, choices=TableKind.choices)
    year = models.PositiveSmallIntegerField("år")
    table = models.ForeignKey(
        TableVersion,
        on_delete=models.PROTECT,
        related_name="reviews",
        null=True,
        blank=True,
        help_text="Den införda versionen; tom när den officiella tabellen kom med programmets filer.",
    )
    new_version = models.CharField("ny tabellversion", max_length=60)
    decision = models.ForeignKey("cases.Decision", on_delete=models.PROTECT, related_name="+")
    calculation = models.ForeignKey("cases.Calculation", on_delete=models.PROTECT, related_name="+")
    previous_version = models.CharField("tidigare tabellversion", max_length=60)
    old_assistance = models.IntegerField("beräknat försörjningsstöd (kr)")
    new_assistance = models.IntegerField("med den nya tabellen (kr)", null=True, blank=True)
    problem = models.CharField("kunde inte räknas om", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "beslut att se över"
        verbose_name_plural = "beslut att se över"
        ordering = ["-created_at", "decision__month", "decision_id"]

    @property
    def table_label(self) -> str:
        if self.table is not None:
            return str(self.table)
        return f"{self.get_kind_display()} {self.year} (programmets fil)"

    @property
    def difference(self) -> int | None:
        return None if self.new_assistance is None else self.new_assistance - self.old_assistance
