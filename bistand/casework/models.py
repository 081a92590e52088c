"""Audit log and explicit access grants for cases (OSL 26 kap., GDPR).

Every opening of a case page writes an AuditEvent; unit managers search them. A case where a household
member has protected identity is visible only to its responsible caseworker and to staff given a grant.
"""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class AuditEvent(AppendOnlyModel):
    at = models.DateTimeField("tidpunkt", auto_now_add=True, db_index=True)
    user = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    staff = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField("händelse", max_length=40)  # view, denied, export, print, ...
    what = models.CharField("vad som visades", max_length=200)
    path = models.CharField("adress", max_length=300)

    class Meta:
        verbose_name = "loggpost"
        verbose_name_plural = "loggposter"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "at"]), models.Index(fields=["staff", "at"])]


class CaseAccessGrant(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="access_grants")
    staff = models.ForeignKey("organisation.StaffMember", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField("skäl", max_length=200)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "behörighet till ärende"
        verbose_name_plural = "behörigheter till ärenden"
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="one_grant_per_case_staff")]


# Answers of API calls sent with an Idempotency-Key (bistand.casework.idempotency).
from bistand.casework.idempotency import IdempotentRequest  # noqa: E402
from bistand.casework.journal import JournalNote  # noqa: E402  (lives in its own module; imported for Django)

# Payment batches live in their own module (owned by the payment export); imported so Django finds them.
from bistand.casework.payment_models import (  # noqa: E402
    BatchConfirmation,
    ExportLock,
    PaymentBatch,
    PaymentBatchLine,
)

__all__ = [
    "AuditEvent",
    "BatchConfirmation",
    "CaseAccessGrant",
    "ExportLock",
    "IdempotentRequest",
    "JournalNote",
    "PaymentBatch",
    "PaymentBatchLine",
]
