"""What the e-service keeps of its own: applications being written and signed, signatures, the resident's
answers to booked meetings and comments on their own goals, and the attempts counted by the rate limits.

A `ResidentApplication` is the resident's application while it is written and signed. When every adult of
the household has signed it, it is registered as an ordinary `cases.Application` (channel e-tjänst) and
calculated at once (services.submit), and keeps a link to it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bistand.cases.models.application import ApplicationKind


class ResidentApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    AWAITING_SIGNATURE = "awaiting_signature", _("Väntar på underskrift")
    SUBMITTED = "submitted", _("Inskickad")


class ResidentApplication(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="resident_applications")
    kind = models.CharField("typ", max_length=20, choices=ApplicationKind.choices)
    month = models.DateField("avser månad")
    status = models.CharField(
        "status",
        max_length=20,
        choices=ResidentApplicationStatus.choices,
        default=ResidentApplicationStatus.DRAFT,
    )
    # The declared amounts as {"items": [{category, kind, amount, member_id, description}], "reason": "",
    # "assets": "", "unchanged": bool}: the shape of casework.applications.Item, stored before signing.
    data = models.JSONField("uppgifter", default=dict)
    # What differs from last month's application, [{"category", "kind", "member_id", "before", "after"}].
    changes = models.JSONField("ändringar", default=list)
    started_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("inskickad", null=True, blank=True)
    application = models.OneToOneField(
        "cases.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resident_origin",
    )

    class Meta:
        verbose_name = "ansökan i e-tjänsten"
        verbose_name_plural = "ansökningar i e-tjänsten"
        ordering = ["-month", "-created_at"]
        indexes = [models.Index(fields=["case", "status"])]


class ResidentSignature(models.Model):
    """One adult's signature with their own login. Never changed; a voided signature keeps its row."""

    resident_application = models.ForeignKey(
        ResidentApplication, on_delete=models.CASCADE, related_name="signatures"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField("inloggning", max_length=20)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "underskrift"
        verbose_name_plural = "underskrifter"
        ordering = ["signed_at", "id"]


class MeetingAnswer(models.TextChoices):
    ACCEPT = "accept", _("Jag kommer")
    OTHER_TIME = "other_time", _("Jag vill ha en annan tid")


class MeetingReply(models.Model):
    """The resident's answer to a booked meeting (append-only: a new answer is a new row)."""

    meeting = models.ForeignKey(
        "selfsupport.Meeting", on_delete=models.PROTECT, related_name="resident_replies"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField("svar", max_length=20, choices=MeetingAnswer.choices)
    message = models.CharField("meddelande", max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "svar på möte"
        verbose_name_plural = "svar på möten"
        ordering = ["-at", "-id"]


class GoalComment(models.Model):
    """The resident's own comment on a goal of their own action plan (append-only)."""

    goal = models.ForeignKey("selfsupport.Goal", on_delete=models.PROTECT, related_name="resident_comments")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("kommentar", max_length=1000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kommentar till mål"
        verbose_name_plural = "kommentarer till mål"
        ordering = ["at", "id"]


class RateEvent(models.Model):
    """One attempt counted by a rate limit (ratelimit.py); old rows are removed as new ones come."""

    key = models.CharField(max_length=120)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"])]
