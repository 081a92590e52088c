from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class Calculation(AppendOnlyModel):
    """An immutable snapshot of one calculation: the request, the result and the parameter version.

    Any past calculation can be shown again exactly as it was, even after the rules or the data change,
    because the whole input and output are stored, not recomputed.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="calculations")
    application = models.ForeignKey(
        "cases.Application", on_delete=models.PROTECT, related_name="calculations", null=True, blank=True
    )
    month = models.DateField("avser månad")
    request = models.JSONField("indata")
    result = models.JSONField("resultat")
    parameter_version = models.CharField("parameterversion", max_length=100)
    assistance = models.IntegerField("försörjningsstöd (kr)")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "beräkning"
        verbose_name_plural = "beräkningar"
        ordering = ["-created_at", "-id"]


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", "Bifall"
    PARTLY_GRANTED = "partly_granted", "Delvis bifall"
    REJECTED = "rejected", "Avslag"


class Decision(AppendOnlyModel):
    """A decision on an application. Never edited; a correction is a new decision referring to this one."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="decisions")
    application = models.ForeignKey(
        "cases.Application", on_delete=models.PROTECT, related_name="decisions", null=True, blank=True
    )
    calculation = models.ForeignKey(
        Calculation, on_delete=models.PROTECT, related_name="decisions", null=True, blank=True
    )
    month = models.DateField("avser månad")
    outcome = models.CharField("utfall", max_length=20, choices=DecisionOutcome.choices)
    total_granted = models.IntegerField("beviljat belopp (kr)")
    decided_on = models.DateField("beslutsdatum")
    decided_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the municipality's automated decision function decided (decided_by is then empty): the
    # version of the criteria it applied, e.g. "kriterier 2026.2" (bistand/automation/criteria.py).
    automated = models.CharField(
        "beslutat av automatiserad beslutsfunktion", max_length=40, blank=True, default="", db_default=""
    )
    legal_basis = models.CharField("lagrum", max_length=200)
    reasons = models.TextField("motivering", blank=True)
    appeal_instruction = models.TextField("hur man överklagar", blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="ersätter beslut",
    )
    migrated = models.BooleanField(
        "överfört från tidigare system",
        default=False,
        help_text="Historik som fördes över utan beräkningsunderlag.",
    )

    class Meta:
        verbose_name = "beslut"
        verbose_name_plural = "beslut"
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["case", "month"]), models.Index(fields=["month"])]
        constraints = [
            # An application is decided once; every later decision on it is a correction in the chain.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(corrects__isnull=True),
                name="one_original_decision_per_application",
            ),
            # A chain of corrections has no branches: a decision is replaced at most once.
            models.UniqueConstraint(
                fields=["corrects"],
                condition=models.Q(corrects__isnull=False),
                name="one_correction_per_decision",
            ),
        ]


class DecisionItem(AppendOnlyModel):
    """One need item of a decision (granted / partly granted / rejected), with its reason."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField("behovspost", max_length=40)
    label = models.CharField("benämning", max_length=200)
    requested = models.IntegerField("ansökt (kr)")
    granted = models.IntegerField("beviljat (kr)")
    outcome = models.CharField("utfall", max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField("skäl", blank=True)

    class Meta:
        verbose_name = "beslutspost"
        verbose_name_plural = "beslutsposter"
        ordering = ["decision", "id"]
