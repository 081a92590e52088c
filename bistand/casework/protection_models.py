"""The record of every change of a person's protected identity, and of requests to lift it.

Setting protection takes effect at once (it only hides data). Lifting it makes a hidden address
readable to the whole unit, so it is a request by one staff member that a unit manager other than the
requester approves or rejects; both give a reason, and both steps are kept here and in the audit log.
"""

from django.db import models


class ProtectionStatus(models.TextChoices):
    PENDING = "pending", "Väntar på godkännande"
    APPLIED = "applied", "Genomförd"
    REJECTED = "rejected", "Avslagen"


class ProtectionChange(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="protection_changes")
    level_before = models.CharField("skydd före", max_length=30, blank=True)
    level_after = models.CharField("skydd efter", max_length=30, blank=True)
    requested_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="begärd av"
    )
    requested_at = models.DateTimeField("begärd", auto_now_add=True)
    reason = models.CharField("skäl", max_length=500)
    status = models.CharField("status", max_length=10, choices=ProtectionStatus.choices)
    decided_by = models.ForeignKey(
        "organisation.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="godkänd eller avslagen av",
    )
    decided_at = models.DateTimeField("avgjord", null=True, blank=True)
    decision_reason = models.CharField("skäl för avgörandet", max_length=500, blank=True)

    class Meta:
        verbose_name = "ändring av skyddad identitet"
        verbose_name_plural = "ändringar av skyddad identitet"
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Two people: whoever approves a lift is never the one who asked for it.
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="protection_change_four_eyes",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="pending"),
                name="one_pending_protection_change_per_person",
            ),
        ]
