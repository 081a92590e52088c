"""Action plans: list, write a new plan, view a plan, and record a follow-up."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bistand.audit.audit import Actor
from bistand.casework.access import staff_required
from bistand.selfsupport import services
from bistand.selfsupport.forms.plans import (
    GOAL_SLOTS,
    MAX_GOALS,
    FollowUpForm,
    PlanForm,
    initial_from_goals,
    responsible_choices,
)
from bistand.selfsupport.models import ActionPlan
from bistand.selfsupport.plans import (
    ActivePlanExists,
    active_plan,
    goals_of,
    plan_is_overdue,
)
from bistand.selfsupport.schedule import latest_allowed_follow_up
from bistand.selfsupport.views.common import adults_qs, case_context, labour_unit_name, open_case


@staff_required
def plans(request, case_id: int):
    case = open_case(request, case_id, "genomförandeplaner")
    all_plans = (
        ActionPlan.objects.filter(case=case)
        .select_related("person")
        .prefetch_related("goals")
        .order_by("-established_on", "-id")
    )
    today = timezone.localdate()
    rows = [(p, plan_is_overdue(p, today)) for p in all_plans]
    return render(request, "selfsupport/plans.html", case_context(case, "plans", rows=rows))


def _slots(request, at_least: int = GOAL_SLOTS) -> int:
    try:
        asked = int(request.GET.get("mal") or request.POST.get("goal_slots") or GOAL_SLOTS)
    except ValueError:
        asked = GOAL_SLOTS
    return max(at_least, GOAL_SLOTS, min(MAX_GOALS, asked))


@staff_required
def new(request, case_id: int):
    """A new plan; ?fran=<plan> starts a follow-up plan from a current one (goals and steps copied).

    An active plan of the same person is ended only when the caseworker ticks the confirmation.
    "Visa fler mål" posts the form and shows it again with more goal slots, keeping what was typed.
    """
    case = open_case(request, case_id, "ny genomförandeplan")
    persons = adults_qs(case)
    source = None
    source_id = request.GET.get("fran") or request.POST.get("fran")
    if source_id and source_id.isdigit() and len(source_id) <= 18:  # a database id, not any number
        source = get_object_or_404(ActionPlan.objects.select_related("person"), pk=source_id, case=case)
    copied = goals_of(source) if source else []
    slots = _slots(request, at_least=len(copied))
    unit_name = labour_unit_name(case)
    kwargs = {"persons_qs": persons, "goal_slots": slots, "labour_unit_name": unit_name, "case": case}
    today = timezone.localdate()
    # Consent and participation are asked anew for every plan: never ticked beforehand.
    initial = {"person": source.person if source else persons.first(), "established_on": today}
    initial.update(initial_from_goals(copied))
    form = PlanForm(initial=initial, **kwargs)
    if request.method == "POST" and request.POST.get("more_goals"):
        slots = min(MAX_GOALS, slots + 2)
        kwargs["goal_slots"] = slots
        form = PlanForm(initial=_typed(request.POST), **kwargs)
    elif request.method == "POST":
        form = PlanForm(request.POST, **kwargs)
        if form.is_valid():
            plan = _save(request, case, form)
            if plan is not None:
                return redirect("selfsupport:plan_detail", case_id=case.pk, plan_id=plan.pk)
    context = case_context(
        case,
        "plans",
        form=form,
        slots=slots,
        more_slots=slots < MAX_GOALS,
        default_due=latest_allowed_follow_up(today),
        labour_unit=unit_name,
        source=source,
        current_plans=ActionPlan.objects.filter(case=case, status="active").select_related("person"),
    )
    return render(request, "selfsupport/plan_form.html", context)


def _typed(post) -> dict:
    """What was typed, as initial values (re-showing the form must not validate it or lose anything)."""
    typed = {key: value for key, value in post.items() if key not in ("csrfmiddlewaretoken", "more_goals")}
    for flag in ("client_participated", "end_current"):
        typed[flag] = bool(post.get(flag))
    return typed


def _save(request, case, form):
    data = form.cleaned_data
    current = active_plan(case, data["person"])
    if current is not None and not data["end_current"]:
        form.add_error("end_current", str(ActivePlanExists(current)))
        return None
    try:
        plan = services.establish_plan(
            case=case,
            person=data["person"],
            established_on=data["established_on"],
            goals=form.goals(),
            client_participated=data["client_participated"],
            agreed_on=data["agreed_on"],
            agreement_method=data["agreement_method"],
            client_view=data["client_view"],
            next_follow_up_due=data["next_follow_up_due"],
            replaces=current,
            actor=Actor.from_request(request),
        )
    except ActivePlanExists as exc:  # another plan became active meanwhile
        form.add_error("end_current", str(exc))
        return None
    messages.success(
        request,
        f"Genomförandeplanen är sparad. Första uppföljning senast {plan.next_follow_up_due:%Y-%m-%d}.",
    )
    return plan


@staff_required
def detail(request, case_id: int, plan_id: int):
    case = open_case(request, case_id, "genomförandeplan")
    plan = get_object_or_404(
        ActionPlan.objects.select_related("person", "created_by__user"), pk=plan_id, case=case
    )
    responsible = dict(responsible_choices(labour_unit_name(case)))
    goals = [
        (
            goal,
            [
                (step, responsible.get(step.responsible, step.get_responsible_display()))
                for step in goal.steps.all()
            ],
        )
        for goal in plan.goals.prefetch_related("steps")
    ]
    follow_ups = (
        plan.follow_ups.prefetch_related("reviews__goal")
        .select_related("created_by__user")
        .order_by("-held_on", "-id")
    )
    context = case_context(
        case,
        "plans",
        plan=plan,
        goals=goals,
        follow_ups=follow_ups,
        overdue=plan_is_overdue(plan, timezone.localdate()),
    )
    return render(request, "selfsupport/plan_detail.html", context)


@staff_required
def follow_up(request, case_id: int, plan_id: int):
    case = open_case(request, case_id, "uppföljning av genomförandeplan")
    plan = get_object_or_404(ActionPlan.objects.select_related("person"), pk=plan_id, case=case)
    goals = list(plan.goals.all())
    form = FollowUpForm(initial={"held_on": timezone.localdate()}, goals=goals, case=case)
    if request.method == "POST" and plan.is_active:
        form = FollowUpForm(request.POST, goals=goals, case=case)
        if form.is_valid():
            data = form.cleaned_data
            done = services.follow_up_plan(
                plan=plan,
                held_on=data["held_on"],
                reviews=form.reviews(),
                note=data["note"],
                next_due=data["next_due"],
                actor=Actor.from_request(request),
            )
            messages.success(
                request, f"Uppföljningen är sparad. Nästa uppföljning senast {done.next_due:%Y-%m-%d}."
            )
            return redirect("selfsupport:plan_detail", case_id=case.pk, plan_id=plan.pk)
    context = case_context(case, "plans", plan=plan, form=form, rows=form.goal_rows())
    return render(request, "selfsupport/follow_up_form.html", context)
