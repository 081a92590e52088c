"""Reminders (bevakningar): a dated note to oneself about a case, shown on the start page until done."""

from django.db import models


class Reminder(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reminders")
    staff = models.ForeignKey(
        "organisation.StaffMember",
        on_delete=models.PROTECT,
        related_name="reminders",
        verbose_name="bevakas av",
    )
    due_on = models.DateField("datum")
    text = models.CharField("vad ska bevakas", max_length=300)
    created_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField("klar", null=True, blank=True)
    done_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "bevakning"
        verbose_name_plural = "bevakningar"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["staff", "done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.text[:40]}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
