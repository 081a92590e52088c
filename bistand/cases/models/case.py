from django.db import models

from bistand.cases.codes import EXIT_REASON_CHOICES


class CaseStatus(models.TextChoices):
    OPEN = "open", "Aktuellt"
    CLOSED = "closed", "Avslutat"


class Case(models.Model):
    """An ärende/akt for one household, held by one responsible caseworker at a time."""

    number = models.CharField("ärendenummer", max_length=20, unique=True)
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="cases")
    caseworker = models.ForeignKey(
        "organisation.StaffMember",
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        verbose_name="ansvarig handläggare",
    )
    status = models.CharField("status", max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField("aktualiserat")
    closed_on = models.DateField("avslutat", null=True, blank=True)
    exit_reason = models.CharField(
        "avslutsorsak", max_length=30, choices=EXIT_REASON_CHOICES, blank=True, default=""
    )

    class Meta:
        verbose_name = "ärende"
        verbose_name_plural = "ärenden"
        ordering = ["number"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["caseworker", "status"])]

    def __str__(self) -> str:
        return self.number

    @property
    def applicant(self):
        membership = self.household.memberships.filter(role="applicant").select_related("person").first()
        return membership.person if membership else None


class CaseAssignment(models.Model):
    """The history of who held the case: one row per period with a responsible caseworker."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    caseworker = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, related_name="assignments"
    )
    start_date = models.DateField("från och med")
    end_date = models.DateField("till och med", null=True, blank=True)

    class Meta:
        verbose_name = "handläggarperiod"
        verbose_name_plural = "handläggarperioder"
        ordering = ["case", "start_date"]
