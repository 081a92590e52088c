"""Action plans (genomförandeplaner): goals in the client's words, steps, agreement and follow-ups.

Why `next_follow_up_due` is stored on the plan: the start page and the case list ask "which plans are
overdue?" for hundreds of cases at once, which needs a plain indexed date, not a computation per plan.
It is set when the plan is written and moved forward by each follow-up (plans.py), never beyond three
months after the plan date or the last follow-up (schedule.py).
"""

from django.db import models


class Responsible(models.TextChoices):
    CLIENT = "client", "Klienten"
    SOCIAL_SERVICES = "social_services", "Socialtjänsten"
    AF = "af", "Arbetsförmedlingen"
    FK = "fk", "Försäkringskassan"
    MUNICIPAL_LABOUR = "municipal_labour", "Kommunens arbetsmarknadsenhet"
    HEALTHCARE = "healthcare", "Vården"
    OTHER = "other", "Annan"


class InterventionKind(models.TextChoices):
    AF_PROGRAMME = "af_programme", "Program hos Arbetsförmedlingen"
    SFI = "sfi", "SFI (svenska för invandrare)"
    WORK_TRAINING = "work_training", "Arbetsträning"
    IPS = "ips", "IPS (individuellt stöd till arbete)"
    REHABILITATION = "rehabilitation", "Rehabilitering"
    STUDIES = "studies", "Studier"
    JOB_SEARCH = "job_search", "Arbetssökande"
    HEALTHCARE = "healthcare", "Vård eller behandling"
    DEBT_COUNSELLING = "debt_counselling", "Budget- och skuldrådgivning"
    OTHER = "other", "Annan insats"


class AgreementMethod(models.TextChoices):
    SIGNED = "signed", "Undertecknad på papper"
    SIGNED_DIGITALLY = "signed_digitally", "Signerad digitalt"
    ORALLY_IN_MEETING = "orally_in_meeting", "Muntligt vid möte"
    ORALLY_BY_PHONE = "orally_by_phone", "Muntligt per telefon"


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Aktuell"
    ENDED = "ended", "Avslutad"


class ActionPlan(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="action_plans")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="action_plans")
    established_on = models.DateField("planen upprättad")
    status = models.CharField("status", max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    ended_on = models.DateField("avslutad", null=True, blank=True)
    client_participated = models.BooleanField("klienten har deltagit i planeringen", default=False)
    agreed_on = models.DateField("klienten godkände planen", null=True, blank=True)
    agreement_method = models.CharField(
        "hur planen godkändes", max_length=30, choices=AgreementMethod.choices, blank=True
    )
    client_view = models.TextField("klientens synpunkter", blank=True)
    next_follow_up_due = models.DateField("nästa uppföljning senast", db_index=True)
    meeting = models.ForeignKey(
        "selfsupport.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "genomförandeplan"
        verbose_name_plural = "genomförandeplaner"
        ordering = ["-established_on", "-id"]
        indexes = [models.Index(fields=["case", "status"])]

    def __str__(self) -> str:
        return f"Genomförandeplan {self.established_on}"

    @property
    def is_active(self) -> bool:
        return self.status == PlanStatus.ACTIVE

    @property
    def last_follow_up_or_start(self):
        last = self.follow_ups.order_by("-held_on").values_list("held_on", flat=True).first()
        return last or self.established_on


class Goal(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField("mål med klientens egna ord")
    target_date = models.DateField("önskat datum", null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class PlanStep(models.Model):
    """A step or intervention towards a goal, with who is responsible and when."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="steps")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="steps")
    intervention = models.CharField("insats", max_length=30, choices=InterventionKind.choices)
    description = models.CharField("vad ska göras", max_length=300, blank=True)
    responsible = models.CharField("ansvarig", max_length=30, choices=Responsible.choices)
    start_on = models.DateField("från", null=True, blank=True)
    end_on = models.DateField("till", null=True, blank=True)

    class Meta:
        verbose_name = "insats i plan"
        verbose_name_plural = "insatser i plan"
        ordering = ["plan", "goal", "start_on", "id"]


class GoalProgress(models.TextChoices):
    ACHIEVED = "achieved", "Uppnått"
    PROGRESSING = "progressing", "På väg"
    NOT_PROGRESSING = "not_progressing", "Ingen förändring"
    CHANGED = "changed", "Ändrat mål"


class FollowUp(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="follow_ups")
    held_on = models.DateField("uppföljningen gjordes")
    meeting = models.ForeignKey(
        "selfsupport.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField("sammanfattning", blank=True)
    next_due = models.DateField("nästa uppföljning senast")
    created_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "uppföljning"
        verbose_name_plural = "uppföljningar"
        ordering = ["plan", "-held_on", "-id"]


class GoalReview(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="reviews")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    progress = models.CharField("hur det har gått", max_length=20, choices=GoalProgress.choices)
    comment = models.TextField("kommentar", blank=True)

    class Meta:
        verbose_name = "uppföljning av mål"
        verbose_name_plural = "uppföljningar av mål"
        ordering = ["follow_up", "goal__order", "goal_id"]
        constraints = [models.UniqueConstraint(fields=["follow_up", "goal"], name="one_review_per_goal")]
