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
    """An explicit grant to one protected case, given and revoked by the unit manager (never edited).

    A revoked grant stays as the record of who could read the case and when; only an active grant
    (revoked_at empty) opens the case, and a staff member has at most one active grant per case.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="access_grants")
    staff = models.ForeignKey("organisation.StaffMember", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField("skäl", max_length=200)
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    revoked_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField("skäl för återkallelse", max_length=200, blank=True)

    class Meta:
        verbose_name = "behörighet till ärende"
        verbose_name_plural = "behörigheter till ärenden"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "staff"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_grant_per_case_staff",
            )
        ]

    @property
    def active(self) -> bool:
        return self.revoked_at is None


from bistand.casework.journal import JournalNote  # noqa: E402  (lives in its own module; imported for Django)

# Payment batches live in their own module (owned by the payment export); imported so Django finds them.
from bistand.casework.payment_models import BatchConfirmation, PaymentBatch, PaymentBatchLine  # noqa: E402
from bistand.casework.protection_models import ProtectionChange  # noqa: E402

__all__ = [
    "AuditEvent",
    "BatchConfirmation",
    "CaseAccessGrant",
    "JournalNote",
    "PaymentBatch",
    "PaymentBatchLine",
    "ProtectionChange",
]
