"""What gallring leaves behind: a log of what was deleted and the aggregated statistics of the deleted cases.

Neither table holds personal data of the deleted case: no name, personnummer, case number or address,
only the internal case id, the unit, dates and counts (see docs/gallring.md).
"""

from django.conf import settings
from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class PurgeLog(AppendOnlyModel):
    """One deleted case: when, by whom, under which rule version, and how many rows per table."""

    case_id = models.BigIntegerField("ärende-id", db_index=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_entry_on = models.DateField("sista anteckning")
    due_on = models.DateField("gallringsskyldighet från")
    as_of = models.DateField("gallring per dag")
    counts = models.JSONField("antal borttagna rader per tabell")
    detached_audit_ids = models.JSONField(
        "loggposter som behölls utan koppling till ärendet", default=list, blank=True
    )
    rule_version = models.CharField("regelversion", max_length=200)
    purged_at = models.DateTimeField("gallrad", auto_now_add=True)
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    purged_by_name = models.CharField("utförd av", max_length=150)

    class Meta:
        verbose_name = "gallrat ärende"
        verbose_name_plural = "gallrade ärenden"
        ordering = ["-purged_at", "-id"]


class PurgedMonthTotals(models.Model):
    """The payments of deleted cases for one unit and month, added to the monthly statistics.

    Households and persons are kept as the internal ids their deleted rows had (ids are never reused),
    not as counts: a household with cases in two units then still counts once in its district and in
    the city, exactly as before the gallring. The ids point at nothing any more.
    """

    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("månad")
    households_paid = models.JSONField("hushåll med utbetalning (tidigare id)", default=list)
    persons_paid = models.JSONField("personer i dessa hushåll (tidigare id)", default=list)
    payments = models.PositiveIntegerField("antal utbetalningar", default=0)
    cost = models.BigIntegerField("utbetalt (kr)", default=0)

    class Meta:
        verbose_name = "gallrade ärendens utbetalningar per månad"
        verbose_name_plural = "gallrade ärendens utbetalningar per månad"
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="purged_totals_unit_month")]
