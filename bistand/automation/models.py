"""Where the committee switches the automated decision function on, and what it did with each application."""

from django.db import models

DEFAULT_SAMPLE_PERCENT = 10


class AutomationSetting(models.Model):
    """The committee's decision to let the automated decision function decide in one unit."""

    unit = models.OneToOneField("organisation.Unit", on_delete=models.PROTECT, related_name="automation")
    enabled = models.BooleanField("automatiserade beslut påslagna", default=False)
    committee_decision = models.CharField(
        "nämndens beslut", max_length=200, help_text="Till exempel: Socialnämnden 2026-01-20 § 12."
    )
    sample_percent = models.PositiveSmallIntegerField(
        "andel stickprov (%)",
        default=DEFAULT_SAMPLE_PERCENT,
        help_text="Andel av de ansökningar som kunde beslutas automatiskt som ändå går till en handläggare.",
    )
    seed = models.CharField("frö för stickprovet", max_length=60, default="bistand")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "automatiserade beslut för enhet"
        verbose_name_plural = "automatiserade beslut för enheter"

    def __str__(self) -> str:
        return f"{self.unit}: {'på' if self.enabled else 'av'}"


class Result(models.TextChoices):
    DECIDED = "decided", "Beslutad automatiskt"
    TO_PERSON = "to_person", "Till handläggare"
    SAMPLED = "sampled", "Stickprov till handläggare"


class Assessment(models.Model):
    """The function's assessment of one application: decided, sent to a person with reasons, or sampled.

    One per application (a rerun of the month adds nothing). For a sampled one, the person's agreement
    or disagreement with "could have been decided automatically" is recorded, to measure quality.
    """

    application = models.OneToOneField(
        "cases.Application", on_delete=models.PROTECT, related_name="automation_assessment"
    )
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("avser månad")
    result = models.CharField("resultat", max_length=20, choices=Result.choices)
    reasons = models.JSONField("skäl", default=list)  # [{"code", "message"}] of the failed criteria
    criteria_version = models.CharField("kriterieversion", max_length=40)
    decision = models.ForeignKey(
        "cases.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now_add=True)
    agrees = models.BooleanField("handläggaren håller med", null=True, blank=True)
    review_note = models.CharField("kommentar", max_length=500, blank=True, default="")
    reviewed_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "automatisk prövning"
        verbose_name_plural = "automatiska prövningar"
        indexes = [models.Index(fields=["unit", "month"])]
