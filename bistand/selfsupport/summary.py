"""One case's path-to-self-support status as plain data, shared by the overview page and the case file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from bistand.cases.models import CaseStatus
from bistand.rules.formatting import month_name
from bistand.rules.months import first_of_month
from bistand.selfsupport import continuity
from bistand.selfsupport.barriers import missing_barriers
from bistand.selfsupport.models import ActionPlan, Assessment, Meeting, MeetingStatus, PlanStatus
from bistand.selfsupport.schedule import is_overdue


@dataclass
class PlanLine:
    plan: ActionPlan
    overdue: bool


@dataclass
class CaseSummary:
    not_met: bool
    assignment_start: date | None
    last_met: date | None
    next_meeting: Meeting | None
    last_meeting: Meeting | None
    plans: list[PlanLine] = field(default_factory=list)
    latest_assessments: list[Assessment] = field(default_factory=list)
    barrier_month: date | None = None
    barrier_month_label: str = ""
    missing_barriers: list = field(default_factory=list)
    open_reminders: int = 0
    overdue_reminders: int = 0

    @property
    def any_overdue(self) -> bool:
        return any(line.overdue for line in self.plans)


def case_summary(case, today: date) -> CaseSummary:
    is_open = case.status == CaseStatus.OPEN
    starts = continuity.assignment_starts([case])
    met = continuity.last_met([case])
    meetings = Meeting.objects.filter(case=case)
    plans = [
        PlanLine(p, is_open and is_overdue(p.next_follow_up_due, today))
        for p in ActionPlan.objects.filter(case=case, status=PlanStatus.ACTIVE).select_related("person")
    ]
    latest: dict[int, Assessment] = {}
    for a in Assessment.objects.filter(case=case).select_related("person").order_by("-assessed_on", "-id"):
        latest.setdefault(a.person_id, a)
    month = case.applications.order_by("-month").values_list("month", flat=True).first()
    month = first_of_month(month or today)
    reminders = case.reminders.filter(done_at__isnull=True).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    return CaseSummary(
        not_met=is_open and case.pk in continuity.not_met_case_ids([case], starts, met),
        assignment_start=starts.get(case.pk),
        last_met=met.get(case.pk),
        next_meeting=meetings.filter(status=MeetingStatus.BOOKED, starts_at__date__gte=today)
        .order_by("starts_at")
        .first(),
        last_meeting=meetings.filter(status=MeetingStatus.HELD).order_by("-starts_at").first(),
        plans=plans,
        latest_assessments=list(latest.values()),
        barrier_month=month,
        barrier_month_label=month_name(month),
        missing_barriers=missing_barriers(case, month) if is_open else [],
        open_reminders=reminders["open"],
        overdue_reminders=reminders["overdue"],
    )
