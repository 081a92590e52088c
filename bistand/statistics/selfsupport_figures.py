"""Fill the monthly tallies from bistand.selfsupport: meetings, action plans, interventions, time.

Definitions (DECIDED here unless a source is named):

* Meetings count when *held* (status "Genomfört") and their start falls in the month (local time),
  attributed to the unit of the case. Multi-party meetings count once for each party of interest that
  took part: with Arbetsförmedlingen, with the municipal labour-market unit (Malmö stad 2014: "flerpartssamtal
  där Arbetsförmedlingen respektive Jobb Malmö har ingått").
* Current action plans: established on or before the month's last day and not ended by then.
* Plan within three months (Kolada U31512): among cases open at month end that were opened at least
  three months before it, those with an action plan established no later than three months after the
  case was opened.
* Followed up every three months (Kolada U31514; Malmö stad 2014: "följas upp minst en gång var tredje
  månad"): among current plans at least three months old, those with a follow-up held during the three
  months ending with the month's last day.
* Overdue follow-up: a current plan whose due date at month end — the `next_due` of its latest follow-up
  held by then, else three months after it was established (selfsupport.schedule) — is before the last
  day of the month.
* Not met by current caseworker: selfsupport.continuity's rule ("Ej träffad" on the start page) evaluated
  at month end — the responsible caseworker at month end (queries.holders_at) has not, between the start
  of their assignment and the month's last day, taken part in a held meeting in the case, in person or
  by video (continuity.MET_MODES), with a household member present. Evaluating it at month end, not
  today, keeps a past month's report from changing when clients are met later.
* Goals reviewed / achieved: goal reviews (GoalReview) at follow-ups held in the month; achieved = the
  review says "Uppnått".
* Enrolled per intervention: distinct persons with a plan step of that kind running some day in the month
  in a plan current in the month.
* Time with clients (Göteborgs stad's goal: 25 %): selfsupport.time_report.staff_time_rows for each caseworker
  of the unit — minutes of held meetings with a client present over working minutes (contracted hours
  minus holidays and recorded absence). A unit's share is all meeting minutes over all working minutes
  (as time_share.combine), each caseworker counted once when units merge.
"""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from bistand.cases.models import CaseAssignment
from bistand.organisation.models import StaffMember
from bistand.rules.months import Month, add_months
from bistand.selfsupport import continuity, schedule, time_report
from bistand.selfsupport.models import (
    ActionPlan,
    FollowUp,
    GoalProgress,
    GoalReview,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PartyKind,
    PlanStep,
)
from bistand.statistics.queries import holders_at, open_cases_query

KIND_FIELDS = {
    MeetingKind.FIRST_VISIT: "first_visits",
    MeetingKind.PLANNING_VISIT: "planning_visits",
    MeetingKind.FOLLOW_UP_VISIT: "follow_up_visits",
    MeetingKind.HOME_VISIT: "home_visits",
}
PARTY_FIELDS = {PartyKind.AF: "multi_party_af", PartyKind.MUNICIPAL_LABOUR: "multi_party_labour_unit"}


def month_bounds(month: Month) -> tuple[datetime, datetime]:
    """[start, end) of the month as aware datetimes in the local time zone."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(month.first, time.min), tz)
    end = timezone.make_aware(datetime.combine(month.shift(1).first, time.min), tz)
    return start, end


def fill_tallies(month: Month, tallies: dict, shared: dict | None = None) -> None:
    """`shared`: open cases and their holders as returned by queries.fill_tallies (computed if absent)."""
    unit_ids = list(tallies)
    if shared is None:
        rows = open_cases_query(month.last, unit_ids).values_list("pk", "unit_id", "opened_on")
        shared = {
            "open_cases": {pk: (unit_id, opened_on) for pk, unit_id, opened_on in rows},
            "holders": holders_at(month.last, open_cases_query(month.last, unit_ids)),
        }
    _meetings(month, unit_ids, tallies)
    _plans(month, unit_ids, tallies, shared)
    _not_met(month, unit_ids, tallies, shared)
    _time_with_clients(month, tallies)


def _meetings(month: Month, unit_ids, tallies) -> None:
    start, end = month_bounds(month)
    held = Meeting.objects.filter(
        case__unit_id__in=unit_ids, status=MeetingStatus.HELD, starts_at__gte=start, starts_at__lt=end
    ).order_by()
    for unit_id, kind in held.values_list("case__unit_id", "kind"):
        name = KIND_FIELDS.get(kind)
        if name:
            setattr(tallies[unit_id], name, getattr(tallies[unit_id], name) + 1)
    multi = (
        held.filter(kind=MeetingKind.MULTI_PARTY, parties__party__in=PARTY_FIELDS)
        .values_list("pk", "case__unit_id", "parties__party")
        .distinct()
    )
    for _pk, unit_id, party in set(multi):
        name = PARTY_FIELDS[party]
        setattr(tallies[unit_id], name, getattr(tallies[unit_id], name) + 1)


def _plans(month: Month, unit_ids, tallies, shared) -> None:
    last = month.last
    current = (
        ActionPlan.objects.filter(case__unit_id__in=unit_ids, established_on__lte=last)
        .filter(Q(ended_on__isnull=True, status="active") | Q(ended_on__gt=last))
        .order_by()
    )
    current_rows = list(current.values_list("pk", "case__unit_id", "established_on"))
    follow_ups = FollowUp.objects.filter(plan__in=current.values("pk"), held_on__lte=last)
    latest_follow_up = dict(
        follow_ups.order_by()
        .values("plan_id")
        .annotate(latest=Max("held_on"))
        .values_list("plan_id", "latest")
    )
    due_after = dict(
        follow_ups.order_by("plan_id", "held_on", "pk").values_list("plan_id", "next_due")
    )  # the latest follow-up's next_due wins (ordered by held_on)
    three_months_ago = add_months(last, -3)
    for plan_id, unit_id, established_on in current_rows:
        tally = tallies[unit_id]
        tally.current_plans.add(plan_id)
        if add_months(established_on, 3) <= last:
            tally.follow_up_due.add(plan_id)
            latest = latest_follow_up.get(plan_id)
            if latest is not None and latest > three_months_ago:
                tally.followed_up.add(plan_id)
        due = due_after.get(plan_id) or schedule.latest_allowed_follow_up(established_on)
        if schedule.is_overdue(due, last):
            tally.overdue_follow_ups.add(plan_id)

    # U31512: open cases at least three months old, and whether a plan came within three months.
    open_cases = open_cases_query(last, unit_ids)
    first_plan = dict(
        ActionPlan.objects.filter(case__in=open_cases.values("pk"))
        .order_by()
        .values("case_id")
        .annotate(first=Min("established_on"))
        .values_list("case_id", "first")
    )
    for case_id, (unit_id, opened_on) in shared["open_cases"].items():
        deadline = add_months(opened_on, 3)
        if deadline <= last:
            tallies[unit_id].plan_due.add(case_id)
            first = first_plan.get(case_id)
            if first is not None and first <= deadline:
                tallies[unit_id].plan_in_time.add(case_id)

    reviews = (
        GoalReview.objects.filter(
            follow_up__plan__case__unit_id__in=unit_ids,
            follow_up__held_on__gte=month.first,
            follow_up__held_on__lte=last,
        )
        .order_by()
        .values_list("follow_up__plan__case__unit_id", "goal_id", "progress")
    )
    for unit_id, goal_id, progress in reviews:
        tallies[unit_id].goals_reviewed.add(goal_id)
        if progress == GoalProgress.ACHIEVED:
            tallies[unit_id].goals_achieved.add(goal_id)

    # Enrolled per intervention: steps running in the month, in plans current in the month.
    labels = dict(PlanStep._meta.get_field("intervention").choices)
    steps = (
        PlanStep.objects.filter(plan__case__unit_id__in=unit_ids, plan__established_on__lte=last)
        .filter(Q(plan__ended_on__isnull=True) | Q(plan__ended_on__gte=month.first))
        .filter(Q(start_on__isnull=True) | Q(start_on__lte=last))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=month.first))
        .order_by()
        .values_list("plan__case__unit_id", "intervention", "plan__person_id")
        .distinct()
    )
    for unit_id, intervention, person_id in steps:
        tallies[unit_id].enrolled.setdefault(labels.get(intervention, intervention), set()).add(person_id)


def _not_met(month: Month, unit_ids, tallies, shared) -> None:
    last = month.last
    open_cases, holders = shared["open_cases"], shared["holders"]
    open_qs = open_cases_query(last, unit_ids).values("pk")
    starts = {case_id: opened_on for case_id, (_unit, opened_on) in open_cases.items()}
    assignments = (
        CaseAssignment.objects.filter(case__in=open_qs, start_date__lte=last)
        .order_by()
        .values_list("case_id", "caseworker_id", "start_date")
    )
    for case_id, worker_id, start in assignments:
        if holders.get(case_id) == worker_id and start > starts[case_id]:
            starts[case_id] = start  # the latest assignment of the holder began later than the case
    _, end = month_bounds(month)
    client_present = Meeting.persons.through.objects.filter(meeting_id=OuterRef("meeting_id"))
    # The latest qualifying meeting per case and staff member is enough: met = latest >= start.
    rows = (
        Meeting.staff.through.objects.filter(
            meeting__case__in=open_qs,
            meeting__status=MeetingStatus.HELD,
            meeting__mode__in=continuity.MET_MODES,
            meeting__starts_at__lt=end,
        )
        .filter(Exists(client_present))
        .order_by()
        .values("meeting__case_id", "staffmember_id")
        .annotate(latest=Max("meeting__starts_at"))
        .values_list("meeting__case_id", "staffmember_id", "latest")
    )
    met = set()
    for case_id, staff_id, latest in rows:
        if holders.get(case_id) == staff_id and timezone.localtime(latest).date() >= starts[case_id]:
            met.add(case_id)
    for case_id, (unit_id, _opened) in open_cases.items():
        if holders.get(case_id) is not None and case_id not in met:
            tallies[unit_id].not_met.add(case_id)


def _time_with_clients(month: Month, tallies) -> None:
    staff_ids = {s for t in tallies.values() for s in t.staff}
    if not staff_ids:
        return
    staff = StaffMember.objects.filter(pk__in=staff_ids).order_by("pk")
    results = {
        row.staff.pk: row.result for row in time_report.staff_time_rows(staff, month.first, month.last)
    }
    for tally in tallies.values():
        for staff_id in tally.staff:
            tally.working_minutes[staff_id] = results[staff_id].working_minutes
            tally.meeting_minutes[staff_id] = results[staff_id].meeting_minutes
