"""Per-person records for the reforms. Periods are dated (from, to inclusive; to empty = until further notice)."""

from django.db import models

from bistand.rules import reforms as rules


class ExemptionKind(models.TextChoices):
    SCHOOL = "school", rules.EXEMPTION_KINDS["school"]
    FULL_TIME = "full_time_occupation", rules.EXEMPTION_KINDS["full_time_occupation"]
    SICKNESS = "sickness_benefit", rules.EXEMPTION_KINDS["sickness_benefit"]


class Period(models.Model):
    start = models.DateField("från och med")
    end = models.DateField("till och med", null=True, blank=True, help_text="Tomt = tills vidare.")
    note = models.CharField("anteckning", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "Slutdatum kan inte ligga före startdatum."})


class ActivityExemption(Period):
    """An exemption from the aktivitetskrav (under 18 and pension age follow from the birth date)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="activity_exemptions")
    kind = models.CharField("undantag", max_length=30, choices=ExemptionKind.choices)

    class Meta:
        verbose_name = "undantag från aktivitetskrav"
        verbose_name_plural = "undantag från aktivitetskrav"
        ordering = ["person", "start"]


class ActivityKind(models.TextChoices):
    WORK_PRACTICE = "work_practice", "Arbetsträning/praktik"
    LABOUR_MARKET = "labour_market", "Arbetsmarknadsinsats"
    STUDIES = "studies", "Studier (t.ex. sfi, komvux)"
    MUNICIPAL_JOB = "municipal_job", "Kommunal anställning"
    OTHER = "other", "Annan aktivitet"


class Activity(Period):
    """The activity assigned to an adult under the aktivitetskrav, linked to the action plan."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="activities")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="activities")
    plan = models.ForeignKey(
        "selfsupport.ActionPlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="genomförandeplan",
    )
    kind = models.CharField("slag av aktivitet", max_length=20, choices=ActivityKind.choices)
    provider = models.CharField("anordnare", max_length=200)
    hours_per_week = models.PositiveSmallIntegerField("timmar per vecka")

    class Meta:
        verbose_name = "anvisad aktivitet"
        verbose_name_plural = "anvisade aktiviteter"
        ordering = ["person", "start"]


class Participation(models.Model):
    """One month's participation in an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="participation")
    month = models.DateField("månad")
    attended_hours = models.PositiveSmallIntegerField("närvaro (timmar)")
    excused_absence_hours = models.PositiveSmallIntegerField(
        "frånvaro med godtagbart skäl (timmar)", default=0
    )
    unexcused_absence_hours = models.PositiveSmallIntegerField(
        "frånvaro utan godtagbart skäl (timmar)", default=0
    )
    note = models.CharField("anteckning", max_length=300, blank=True)

    class Meta:
        verbose_name = "deltagande"
        verbose_name_plural = "deltagande"
        ordering = ["activity", "month"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "month"], name="reforms_participation_month")
        ]


class MedicalCertificate(Period):
    """A läkarintyg: issued on, and the period it covers (start/end)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="medical_certificates")
    issued_on = models.DateField("intygets datum")

    class Meta:
        verbose_name = "läkarintyg"
        verbose_name_plural = "läkarintyg"
        ordering = ["person", "start"]


class ResidenceStatusKind(models.TextChoices):
    CITIZEN = "citizen", rules.RESIDENCE_STATUSES["citizen"]
    PERMIT = "permit", rules.RESIDENCE_STATUSES["permit"]
    EU_RIGHT = "eu_right", rules.RESIDENCE_STATUSES["eu_right"]
    PENDING = "pending", rules.RESIDENCE_STATUSES["pending"]
    NONE = "none", rules.RESIDENCE_STATUSES["none"]


class ResidenceStatus(Period):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="residence_statuses")
    status = models.CharField("rätt att vistas", max_length=10, choices=ResidenceStatusKind.choices)
    basis = models.CharField("grund", max_length=200, help_text="T.ex. tillståndstyp eller beslut.")

    class Meta:
        verbose_name = "rätt att vistas i Sverige"
        verbose_name_plural = "rätt att vistas i Sverige"
        ordering = ["person", "start"]


class ConsentKind(models.TextChoices):
    NONE = "", "Inget dokumenterat"
    LANDLORD = "landlord", "Hyresvärdens samtycke"
    RENT_TRIBUNAL = "rent_tribunal", "Hyresnämndens tillstånd"


class Lease(Period):
    """How the household's rent is held: first-hand, or a second-hand lease with its consent/permit."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="leases")
    second_hand = models.BooleanField("andrahandsupplåtelse", default=True)
    consent = models.CharField("samtycke/tillstånd", max_length=20, choices=ConsentKind.choices, blank=True)
    consent_documented_on = models.DateField("dokumenterat den", null=True, blank=True)

    class Meta:
        verbose_name = "hyresförhållande"
        verbose_name_plural = "hyresförhållanden"
        ordering = ["case", "start"]

    @property
    def consent_documented(self) -> bool:
        return bool(self.consent)


class SanctionKind(models.TextChoices):
    REFUSE = "refuse", "Vägra försörjningsstöd"
    REDUCE = "reduce", "Sätta ned försörjningsstöd"


class ActivitySanction(models.Model):
    """A caseworker's explicit decision to refuse or reduce assistance under the aktivitetskrav."""

    decision = models.OneToOneField(
        "cases.Decision", on_delete=models.PROTECT, related_name="activity_sanction"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("beslut", max_length=10, choices=SanctionKind.choices)
    reasons = models.TextField("skäl")
    legal_basis = models.CharField("lagrum", max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vägran/nedsättning enligt aktivitetskrav"
        verbose_name_plural = "vägran/nedsättning enligt aktivitetskrav"


class ReformRuleSetting(models.Model):
    """An administrator's change to a reform rule: its status and the legal basis letters quote."""

    rule_id = models.CharField("regel", max_length=40, unique=True, choices=[(r, r) for r in rules.RULE_IDS])
    status = models.CharField(
        "status", max_length=10, choices=[(k, v) for k, v in rules.STATUS_LABELS.items()]
    )
    legal_basis = models.CharField("lagrum i beslutsbrev", max_length=300, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "reformregel"
        verbose_name_plural = "reformregler"

    def __str__(self):
        return self.rule_id
