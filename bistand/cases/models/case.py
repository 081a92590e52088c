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
        """The household's applicant (the first applicant membership). A list page prefetches them for all its
        cases with `with_applicants`, so the property reads no more rows then."""
        prefetched = getattr(self.household, "applicant_memberships", None)
        if prefetched is not None:
            return prefetched[0].person if prefetched else None
        membership = self.household.memberships.filter(role="applicant").select_related("person").first()
        return membership.person if membership else None


def with_applicants(cases):
    """The cases' queryset with each household's applicant read in one query (for `Case.applicant`)."""
    from django.db.models import Prefetch

    from bistand.people.models import HouseholdMember

    applicants = HouseholdMember.objects.filter(role="applicant").select_related("person").order_by("pk")
    return cases.select_related("household").prefetch_related(
        Prefetch("household__memberships", queryset=applicants, to_attr="applicant_memberships")
    )


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
