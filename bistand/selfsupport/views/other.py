"""Barriers for a month, reminders, and closing a case."""

from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from bistand.audit.audit import Actor
from bistand.cases.codes import BARRIER_BY_CODE, EXIT_REASON_BY_CODE
from bistand.cases.models import CaseStatus
from bistand.casework.access import staff_required
from bistand.rules.formatting import month_name
from bistand.rules.months import first_of_month
from bistand.selfsupport import services
from bistand.selfsupport.barriers import adults_for_month, registrations_for_month
from bistand.selfsupport.forms.other import EXIT_HELP, BarrierForm, CloseCaseForm, ReminderForm
from bistand.selfsupport.models import Reminder
from bistand.selfsupport.views.common import case_context, open_case

YEARS = range(2000, 2100)  # months outside are typing errors; the pages step a month back and forth


def parse_month(value: str | None, default: date) -> date:
    """?manad=ÅÅÅÅ-MM, or the default month for anything else (empty, junk, year 0000 or 9999)."""
    try:
        year, month = (int(x) for x in (value or "").split("-")[:2])
        if year in YEARS:
            return date(year, month, 1)
    except ValueError:
        pass
    return first_of_month(default)


def default_barrier_month(case) -> date:
    """The month of the latest application, else the current month."""
    latest = case.applications.order_by("-month").values_list("month", flat=True).first()
    return first_of_month(latest or timezone.localdate())


@staff_required
def barriers(request, case_id: int):
    case = open_case(request, case_id, "försörjningshinder")
    month = parse_month(request.GET.get("manad") or request.POST.get("manad"), default_barrier_month(case))
    adults = adults_for_month(case, month)
    existing = registrations_for_month(case, month, adults)
    back = safe_back(request)
    # A barrier usually stays from one month to the next: start from last month's, to be confirmed.
    earlier = {} if existing else registrations_for_month(case, first_of_month(month - timedelta(days=1)))
    initial = {f"barrier_{p}": r.code for p, r in (existing or earlier).items()}
    form = BarrierForm(initial=initial, adults=adults)
    if request.method == "POST":
        form = BarrierForm(request.POST, adults=adults)
        if form.is_valid():
            services.register_barriers(
                case=case,
                month=month,
                codes={person: form.cleaned_data[f"barrier_{person.pk}"] for person in adults},
                actor=Actor.from_request(request),
            )
            messages.success(request, f"Försörjningshinder för {month_name(month)} är sparade.")
            return redirect(back or f"{request.path}?manad={month:%Y-%m}")
    history = case.barriers.select_related("person").order_by("-month", "person__birth_date")[:48]
    context = case_context(
        case,
        "barriers",
        form=form,
        month=month,
        month_label=month_name(month),
        previous_month=(previous := first_of_month(month - timedelta(days=1))),
        next_month=(following := date(month.year + (month.month == 12), month.month % 12 + 1, 1)),
        previous_label=month_name(previous),
        next_label=month_name(following),
        history=[(r, BARRIER_BY_CODE.get(r.code)) for r in history],
        back=back,
        prefilled_from=month_name(first_of_month(month - timedelta(days=1))) if earlier else "",
    )
    return render(request, "selfsupport/barriers.html", context)


def safe_back(request) -> str:
    """The page to return to after saving (?tillbaka=), only when it is a path on this site."""
    back = request.GET.get("tillbaka") or request.POST.get("tillbaka") or ""
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return ""


@staff_required
def reminders(request, case_id: int):
    case = open_case(request, case_id, "bevakningar")
    form = ReminderForm(case=case, initial={"staff": request.staff, "due_on": timezone.localdate()})
    if request.method == "POST":
        form = ReminderForm(request.POST, case=case)
        if form.is_valid():
            services.add_reminder(
                case=case,
                staff=form.cleaned_data["staff"],
                due_on=form.cleaned_data["due_on"],
                text=form.cleaned_data["text"],
                actor=Actor.from_request(request),
            )
            messages.success(request, f"Bevakningen är sparad till {form.cleaned_data['due_on']:%Y-%m-%d}.")
            return redirect("selfsupport:reminders", case_id=case.pk)
    items = case.reminders.select_related("staff__user", "done_by__user").order_by("done_at", "due_on", "id")
    context = case_context(
        case,
        "reminders",
        form=form,
        open_items=[r for r in items if r.done_at is None],
        done_items=[r for r in items if r.done_at is not None],
    )
    return render(request, "selfsupport/reminders.html", context)


@staff_required
def reminder_done(request, case_id: int, reminder_id: int):
    case = open_case(request, case_id, "bevakning klar")
    reminder = get_object_or_404(Reminder, pk=reminder_id, case=case)
    if request.method != "POST":
        return redirect("selfsupport:reminders", case_id=case.pk)
    if services.mark_reminder_done(reminder=reminder, actor=Actor.from_request(request)):
        messages.success(request, f"Bevakningen ”{reminder.text}” är markerad som klar.")
    target = request.POST.get("next", "")
    own = target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    return redirect(target if own else f"/sjalvforsorjning/arenden/{case.pk}/bevakningar/")


@staff_required
def close_case(request, case_id: int):
    case = open_case(request, case_id, "avsluta ärende")
    form = CloseCaseForm(initial={"closed_on": timezone.localdate()}, case=case)
    if request.method == "POST" and case.status == CaseStatus.OPEN:
        form = CloseCaseForm(request.POST, case=case)
        if form.is_valid():
            data = form.cleaned_data
            reason = EXIT_REASON_BY_CODE[data["exit_reason"]]
            services.close_case(
                case=case,
                closed_on=data["closed_on"],
                exit_reason=data["exit_reason"],
                note=data["note"],
                actor=Actor.from_request(request),
            )
            messages.success(request, f"Ärendet {case.number} är avslutat. Avslutsorsak: {reason.label}.")
            return redirect("selfsupport:overview", case_id=case.pk)
    context = case_context(
        case, "close", form=form, exit_help=EXIT_HELP, exit_reason=EXIT_REASON_BY_CODE.get(case.exit_reason)
    )
    return render(request, "selfsupport/close_case.html", context)
