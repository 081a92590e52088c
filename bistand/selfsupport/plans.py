"""Writing action plans and recording follow-ups; keeps each plan's next follow-up date.

The next follow-up is due three months after the plan date or the latest follow-up (schedule.py); the
caseworker may choose an earlier date, never a later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from bistand.cases.models import CaseStatus
from bistand.selfsupport.models import ActionPlan, FollowUp, Goal, GoalReview, PlanStatus, PlanStep
from bistand.selfsupport.schedule import is_overdue, latest_allowed_follow_up

OVERDUE_FLAG = "Uppföljning försenad"


@dataclass
class GoalInput:
    text: str
    target_date: date | None = None
    steps: list[dict] | None = None  # each: intervention, description, responsible, start_on, end_on


class ActivePlanExists(Exception):
    """The person already has an active plan that the new one was not said to replace."""

    def __init__(self, plan: ActionPlan):
        self.plan = plan
        super().__init__(
            f"{plan.person.full_name} har redan en aktuell plan från {plan.established_on:%Y-%m-%d}. "
            "Bekräfta att den avslutas när den nya planen sparas."
        )


def active_plan(case, person) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(case=case, person=person, status=PlanStatus.ACTIVE)
        .select_related("person")
        .order_by("-established_on", "-id")
        .first()
    )


def goals_of(plan: ActionPlan) -> list[GoalInput]:
    """The plan's goals and steps, to start a follow-up plan from (the caseworker edits them)."""
    result = []
    for goal in plan.goals.prefetch_related("steps").order_by("order", "id"):
        steps = [
            {
                "intervention": step.intervention,
                "description": step.description,
                "responsible": step.responsible,
                "start_on": step.start_on,
                "end_on": step.end_on,
            }
            for step in goal.steps.all()
        ]
        result.append(GoalInput(goal.text, goal.target_date, steps))
    return result


@transaction.atomic
def create_plan(
    case,
    person,
    staff,
    *,
    established_on: date,
    goals: list[GoalInput],
    client_participated: bool,
    agreed_on: date | None,
    agreement_method: str,
    client_view: str = "",
    next_follow_up_due: date | None = None,
    meeting=None,
    replaces: ActionPlan | None = None,
) -> ActionPlan:
    """Write a new plan for one adult. A person has one active plan: the one it replaces is ended the
    same day, and only when the caller says so (`replaces`); another active plan refuses the new one
    (ActivePlanExists), so a plan is never closed without the caseworker confirming it."""
    latest = latest_allowed_follow_up(established_on)
    due = min(next_follow_up_due, latest) if next_follow_up_due else latest
    current = active_plan(case, person)
    if current is not None and (replaces is None or replaces.pk != current.pk):
        raise ActivePlanExists(current)
    if current is not None:
        ActionPlan.objects.filter(pk=current.pk).update(status=PlanStatus.ENDED, ended_on=established_on)
    plan = ActionPlan.objects.create(
        case=case,
        person=person,
        established_on=established_on,
        client_participated=client_participated,
        agreed_on=agreed_on,
        agreement_method=agreement_method,
        client_view=client_view,
        next_follow_up_due=due,
        meeting=meeting,
        created_by=staff,
    )
    for order, goal_input in enumerate(goals, start=1):
        goal = Goal.objects.create(
            plan=plan, text=goal_input.text, target_date=goal_input.target_date, order=order
        )
        for step in goal_input.steps or []:
            PlanStep.objects.create(plan=plan, goal=goal, **step)
    return plan


@transaction.atomic
def record_follow_up(
    plan: ActionPlan,
    staff,
    *,
    held_on: date,
    reviews: list[tuple[Goal, str, str]],
    note: str = "",
    next_due: date | None = None,
    meeting=None,
) -> FollowUp:
    """Record a follow-up: how each goal went, and when the next follow-up is due at the latest."""
    latest = latest_allowed_follow_up(held_on)
    due = min(next_due, latest) if next_due else latest
    follow_up = FollowUp.objects.create(
        plan=plan, held_on=held_on, note=note, next_due=due, meeting=meeting, created_by=staff
    )
    GoalReview.objects.bulk_create(
        GoalReview(follow_up=follow_up, goal=goal, progress=progress, comment=comment)
        for goal, progress, comment in reviews
    )
    if held_on >= plan.last_follow_up_or_start:  # a back-dated entry does not move the schedule
        plan.next_follow_up_due = due
        plan.save(update_fields=["next_follow_up_due"])
    return follow_up


def end_active_plans(case, on: date) -> int:
    return ActionPlan.objects.filter(case=case, status=PlanStatus.ACTIVE).update(
        status=PlanStatus.ENDED, ended_on=on
    )


def active_plans_due(cases_qs, until: date | None = None):
    """Active plans on open cases of the given queryset, soonest due first."""
    plans = ActionPlan.objects.filter(
        case__in=cases_qs, case__status=CaseStatus.OPEN, status=PlanStatus.ACTIVE
    ).select_related("case", "person")
    if until is not None:
        plans = plans.filter(next_follow_up_due__lte=until)
    return plans.order_by("next_follow_up_due", "id")


def overdue_case_ids(case_ids, today: date) -> set[int]:
    return set(
        ActionPlan.objects.filter(
            case_id__in=list(case_ids), status=PlanStatus.ACTIVE, next_follow_up_due__lt=today
        ).values_list("case_id", flat=True)
    )


def plan_is_overdue(plan: ActionPlan, today: date) -> bool:
    return plan.is_active and is_overdue(plan.next_follow_up_due, today)
