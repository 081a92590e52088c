"""A prepared decision handed to someone with the right delegation.

An append-only record. A referral is never edited: sending the decision on again is a new row, and the
newest row of an application names who holds it now.
"""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class DecisionReferral(AppendOnlyModel):
    """The caseworker prepared the decision (calculation and any changed amounts) and handed it over."""

    application = models.ForeignKey("cases.Application", on_delete=models.PROTECT, related_name="referrals")
    calculation = models.ForeignKey("cases.Calculation", on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey("organisation.StaffMember", on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="beslutas av"
    )
    note = models.TextField("meddelande", blank=True)
    # kind -> [granted kr, reason] for the items the preparer changed (as DecisionForm.overrides()).
    overrides = models.JSONField("ändrade belopp", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "överlämnat beslut"
        verbose_name_plural = "överlämnade beslut"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["holder", "created_at"])]
