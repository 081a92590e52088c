from django.db import models

from bistand.cases.codes import BARRIER_CHOICES


class BarrierRegistration(models.Model):
    """The barrier to self-support (försörjningshinder) of one adult for one month (Socialstyrelsen, Instruktion för registrering av ekonomiskt bistånd; docs/sources.md).

    One row per adult and month; registering again for the same month replaces the code, since the
    registration describes the month, not an event.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="barriers")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="barriers")
    month = models.DateField("månad")
    code = models.CharField("försörjningshinder", max_length=50, choices=BARRIER_CHOICES)
    registered_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "försörjningshinder"
        verbose_name_plural = "försörjningshinder"
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="one_barrier_per_person_month"),
        ]
        indexes = [models.Index(fields=["month", "code"])]
