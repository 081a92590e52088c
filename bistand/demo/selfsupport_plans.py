"""Demo assessments, action plans with follow-ups, and reminders (called from bistand.demo.selfsupport.populate)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from bistand.demo.selfsupport_text import CLIENT_WORDS, FOLLOW_UP_NOTES, GOALS, REMINDERS, STEP_TEXTS
from bistand.rules.months import add_months
from bistand.selfsupport.models import (
    ActionPlan,
    Assessment,
    AssessmentRating,
    FollowUp,
    Goal,
    GoalReview,
    LifeArea,
    PlanStep,
    Reminder,
)
from bistand.selfsupport.schedule import latest_allowed_follow_up

PLAN_SHARE = 0.7
NEGLECTED_SHARE = 0.15
ASSESSED_SHARE = 0.55
RESPONSIBLE = {
    "af_programme": "af",
    "sfi": "client",
    "work_training": "municipal_labour",
    "ips": "municipal_labour",
    "rehabilitation": "fk",
    "studies": "client",
    "job_search": "client",
    "healthcare": "healthcare",
    "debt_counselling": "social_services",
}
# The demo user's cases, in case-number order: which situation each of the first ones shows.
FORCED = ["not_met"] * 4 + ["overdue"] * 3 + ["due_soon"] * 3 + ["reminder"] * 3


def forced_roles(cases: list[tuple], ref: date) -> dict[int, str]:
    """case id -> situation for the demo user's cases; a plan needs a case open long enough for it."""
    roles: dict[int, str] = {}
    wanted = list(FORCED)
    for case_id, _household, opened_on, _worker in sorted(cases):
        for role in dict.fromkeys(wanted):
            old_enough = {"overdue": 200, "due_soon": 100}.get(role, 0)
            if (ref - opened_on).days >= old_enough:
                roles[case_id] = role
                wanted.remove(role)
                break
    return roles


def _day_between(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _assessments(rng, case_id, person, opened_on, ref, worker, areas, out_a, out_r):
    if opened_on > ref - timedelta(days=150) or rng.random() > ASSESSED_SHARE:
        return
    first = _day_between(
        rng, max(opened_on + timedelta(days=60), ref - timedelta(days=400)), ref - timedelta(days=30)
    )
    profile = {a: rng.choices((0, 1, 2, 3, None), weights=(35, 30, 20, 10, 5))[0] for a in areas}
    dates = [first]
    if (ref - first).days > 100 and rng.random() < 0.4:
        dates.append(_day_between(rng, first + timedelta(days=90), ref))
    for n, day in enumerate(dates):
        assessment = Assessment(case_id=case_id, person_id=person, assessed_on=day, assessed_by_id=worker)
        out_a.append(assessment)
        for area in areas:
            value = profile[area]
            if n and value is not None:
                value = max(0, min(3, value + rng.choices((-1, 0, 1), weights=(40, 50, 10))[0]))
            words = (
                rng.choice(CLIENT_WORDS[value])
                if value is not None and (value > 0 or rng.random() < 0.3)
                else ""
            )
            out_r.append(
                AssessmentRating(assessment=assessment, life_area_id=area, rating=value, client_words=words)
            )
        profile = {a: r.rating for a, r in zip(areas, out_r[-len(areas) :], strict=True)}


def _established(rng, role, opened_on, ref) -> date | None:
    if role == "overdue":  # the case is at least 200 days old (forced_roles)
        return ref - timedelta(days=rng.randint(100, 170))
    if role == "due_soon":
        return add_months(ref + timedelta(days=rng.randint(2, 12)), -3)
    if opened_on > ref - timedelta(days=45) or rng.random() > PLAN_SHARE:
        return None
    return _day_between(
        rng, max(opened_on + timedelta(days=20), ref - timedelta(days=300)), ref - timedelta(days=10)
    )


def _follow_up_dates(rng, established, ref, role) -> list[date]:
    if role in ("overdue", "due_soon"):
        return []
    dates, last = [], established
    while True:
        held = latest_allowed_follow_up(last) - timedelta(days=rng.randint(0, 20))
        if held > ref:
            break
        dates.append(held)
        last = held
    if rng.random() < NEGLECTED_SHARE:
        while dates and latest_allowed_follow_up(dates[-1]) >= ref:
            dates.pop()
    return dates


def populate_plans(rng: random.Random, data, ref: date, forced: dict[int, str]) -> dict:
    areas = list(LifeArea.objects.filter(active=True).order_by("order", "pk").values_list("pk", flat=True))
    assessments, ratings, plans, goals, steps, follow_ups, reviews, reminders = [], [], [], [], [], [], [], []
    for case_id, household, opened_on, current in data.cases:
        adults = data.adults.get(household, [])
        if not adults:
            continue
        person, role = adults[0], forced.get(case_id)
        _assessments(rng, case_id, person, opened_on, ref, current, areas, assessments, ratings)
        established = _established(rng, role, opened_on, ref)
        if established is not None:
            dates = _follow_up_dates(rng, established, ref, role)
            agreed = rng.random() < 0.85
            plan = ActionPlan(
                case_id=case_id,
                person_id=person,
                established_on=established,
                client_participated=agreed or rng.random() < 0.5,
                agreed_on=established if agreed else None,
                agreement_method=rng.choice(("signed", "orally_in_meeting", "signed_digitally"))
                if agreed
                else "",
                next_follow_up_due=latest_allowed_follow_up(dates[-1] if dates else established),
                created_by_id=data.holder_on(case_id, established, current),
            )
            plans.append(plan)
            plan_goals = []
            for order, text in enumerate(rng.sample(GOALS, rng.choice((1, 2, 2, 3))), start=1):
                goal = Goal(plan=plan, text=text, order=order)
                goals.append(goal)
                plan_goals.append(goal)
                for intervention in rng.sample(sorted(STEP_TEXTS), rng.choice((1, 2))):
                    steps.append(
                        PlanStep(
                            plan=plan,
                            goal=goal,
                            intervention=intervention,
                            description=STEP_TEXTS[intervention],
                            responsible=RESPONSIBLE[intervention],
                            start_on=established + timedelta(days=rng.randint(7, 30)),
                        )
                    )
            for held in dates:
                follow_up = FollowUp(
                    plan=plan,
                    held_on=held,
                    note=rng.choice(FOLLOW_UP_NOTES),
                    next_due=latest_allowed_follow_up(held),
                    created_by_id=data.holder_on(case_id, held, current),
                )
                follow_ups.append(follow_up)
                for goal in plan_goals:
                    progress = rng.choices(
                        ("achieved", "progressing", "not_progressing", "changed"), weights=(15, 45, 30, 10)
                    )[0]
                    reviews.append(GoalReview(follow_up=follow_up, goal=goal, progress=progress))
        if role == "reminder" or rng.random() < 0.3:
            due = ref + timedelta(days=rng.randint(0, 10) if role == "reminder" else rng.randint(-7, 25))
            reminders.append(
                Reminder(
                    case_id=case_id,
                    staff_id=current,
                    due_on=due,
                    text=rng.choice(REMINDERS),
                    created_by_id=current,
                )
            )
        if rng.random() < 0.15:
            due = ref - timedelta(days=rng.randint(10, 90))
            reminders.append(
                Reminder(
                    case_id=case_id,
                    staff_id=current,
                    due_on=due,
                    text=rng.choice(REMINDERS),
                    created_by_id=current,
                    done_at=_aware_noon(due),
                    done_by_id=current,
                )
            )
    for model, rows in (
        (Assessment, assessments),
        (AssessmentRating, ratings),
        (ActionPlan, plans),
        (Goal, goals),
        (PlanStep, steps),
        (FollowUp, follow_ups),
        (GoalReview, reviews),
        (Reminder, reminders),
    ):
        model.objects.bulk_create(rows, batch_size=1000)
    return {
        "assessments": len(assessments),
        "plans": len(plans),
        "follow_ups": len(follow_ups),
        "reminders": len(reminders),
    }


def _aware_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))
