"""Staff absence (semester, sjukdom, utbildning …), the data behind working time in time_share.py."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class AbsenceKind(models.TextChoices):
    VACATION = "vacation", "Semester"
    SICK = "sick", "Sjukdom"
    TRAINING = "training", "Utbildning"
    PARENTAL_LEAVE = "parental_leave", "Föräldraledighet"
    CARE_OF_CHILD = "care_of_child", "Vård av barn"
    LEAVE = "leave", "Tjänstledighet"
    OTHER = "other", "Annan frånvaro"


class Absence(models.Model):
    staff = models.ForeignKey("organisation.StaffMember", on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField("slag", max_length=20, choices=AbsenceKind.choices)
    start_date = models.DateField("från och med")
    end_date = models.DateField("till och med")
    extent = models.DecimalField(
        "omfattning (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
        help_text="Andel av arbetsdagen, t.ex. 50 för halvtid.",
    )
    note = models.CharField("kommentar", max_length=200, blank=True)

    class Meta:
        verbose_name = "frånvaro"
        verbose_name_plural = "frånvaro"
        ordering = ["staff", "start_date"]
        indexes = [models.Index(fields=["staff", "start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="absence_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date}–{self.end_date}"
