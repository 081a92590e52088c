"""A record of every monthly run: which month, when, what each step did, and how it ended."""

from django.db import models


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Väntar på att starta"
    RUNNING = "running", "Pågår"
    FINISHED = "finished", "Klar"
    FAILED = "failed", "Misslyckades"
    INTERRUPTED = "interrupted", "Avbröts"


class RunStep(models.TextChoices):
    WAITING = "waiting", "Väntar"
    CALCULATE = "calculate", "Beräknar ansökningar"
    DECIDE = "decide", "Automatiska beslut"
    PAY = "pay", "Skapar utbetalningar"
    EXPORT = "export", "Skriver bankfilen"
    DONE = "done", "Klar"


class MonthlyRun(models.Model):
    """One run (or rerun) of the month for one municipality. A rerun is a new row; its counts say what
    that run added, so a rerun after a complete run shows zeros."""

    municipality = models.ForeignKey("organisation.Municipality", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("avser månad")
    pay_date = models.DateField("utbetalningsdag")
    status = models.CharField("status", max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    step = models.CharField("steg", max_length=20, choices=RunStep.choices, default=RunStep.WAITING)
    created_at = models.DateTimeField("beställd", auto_now_add=True)
    started_at = models.DateTimeField("startad", null=True, blank=True)
    finished_at = models.DateTimeField("avslutad", null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True, default="")  # host:pid of the running process
    started_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Counts per step.
    received = models.PositiveIntegerField("inkomna ansökningar", default=0)
    to_calculate = models.PositiveIntegerField("saknade aktuell beräkning", default=0)
    calculated = models.PositiveIntegerField("beräknade", default=0)
    calculation_errors = models.PositiveIntegerField("kunde inte beräknas", default=0)
    decided = models.PositiveIntegerField("beslutade automatiskt", default=0)
    left_for_people = models.PositiveIntegerField("kvar för handläggare", default=0)
    to_pay = models.PositiveIntegerField("beslut utan utbetalning", default=0)
    paid = models.PositiveIntegerField("utbetalningar skapade", default=0)
    payments_refused = models.PositiveIntegerField("utbetalningar som inte fick skapas", default=0)
    exported = models.PositiveIntegerField("utbetalningar i bankfil", default=0)
    exported_total = models.BigIntegerField("summa i bankfil (kr)", default=0)
    files = models.TextField("filer", blank=True, default="")
    problems = models.TextField("problem", blank=True, default="")

    class Meta:
        verbose_name = "månadskörning"
        verbose_name_plural = "månadskörningar"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "month"])]

    def __str__(self) -> str:
        return f"Månadskörning {self.month:%Y-%m} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
