"""Handling an application: register it, change its declared items, see the calculation and decide.

The application page prepares everything (calculation snapshot, decision proposal per need item, changes
since last month) so that an unchanged recurring application is decided with one confirmation. Every
change and every decision carries the application version the caseworker saw; a stale one is refused.
"""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from bistand.audit import audit
from bistand.cases.models import Calculation
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.casework import access, applications, decision_services, decisions, extensions, referrals
from bistand.casework.forms import (
    ApplicationHeadForm,
    DecisionForm,
    ItemSections,
    JudgementForm,
    today_month,
)
from bistand.casework.forms_changes import CorrectMonthForm, WithdrawForm
from bistand.casework.views.common import render_panels, staff_required
from bistand.organisation.models import StaffMember
from bistand.rules.months import last_of_month


def _members(case, month):
    return [m.person for m in case.household.members_on(last_of_month(month))]


def _actor(request) -> audit.Actor:
    return audit.Actor(request.user, request.staff, request.get_full_path())


def _judgement_context(case, month) -> dict:
    """What the form shows beside the items: each adult's own months with assistance (jobbstimulans is
    decided per person) and last month's normöverskott, which the caseworker may carry into this month."""
    return {
        "person_histories": applications.person_histories(case, month),
        "surplus": applications.surplus_to_carry(case, month),
    }


def _more_rows(request) -> dict:
    """The "Lägg till rad" buttons post the form with name=add_row and the section's prefix as value."""
    prefix = request.POST.get("add_row")
    return {prefix: 1} if prefix else {}


@staff_required
def application_new(request, case_id: int):
    case = access.case_for_request(request, case_id, "Registrera ansökan")
    previous = (
        case.applications.exclude(status=ApplicationStatus.WITHDRAWN)
        .order_by("-month", "-received_at")
        .first()
    )
    month = today_month()
    if previous and previous.month >= month:  # this month is already applied for: suggest the next one
        month = (previous.month + timedelta(days=32)).replace(day=1)
    members = _members(case, month)
    status = 200
    if request.method == "POST":
        head = ApplicationHeadForm(request.POST)
        sections = ItemSections(request.POST, members=members, extra_rows=_more_rows(request))
        judgement = JudgementForm(request.POST)
        valid = head.is_valid() and sections.is_valid() and judgement.is_valid()
        if not request.POST.get("add_row") and valid:
            data = head.cleaned_data
            received_at = timezone.make_aware(datetime.combine(data["received_on"], time(12, 0)))
            try:
                application = applications.register_application(
                    case,
                    month=data["month"],
                    kind=data["kind"],
                    channel=data["channel"],
                    received_at=received_at,
                    items=sections.items(),
                    carry_surplus=judgement.cleaned_data["carry_surplus"],
                    actor=_actor(request),
                )
            except applications.DuplicateApplication as exc:
                head.add_error("month", exc.message)
                status = 409
            else:
                messages.success(request, "Ansökan är registrerad. Beräkningen är gjord nedan.")
                return redirect("casework:application", case_id=case.pk, application_id=application.pk)
    else:
        head = ApplicationHeadForm(
            initial={
                "month": month,
                "kind": ApplicationKind.RECURRING if previous else ApplicationKind.FIRST,
                "channel": "paper",
                "received_on": timezone.localdate(),
            }
        )
        # A recurring application usually repeats last month's amounts: start from them.
        items = applications.items_of(previous) if previous else []
        sections = ItemSections(items=items, members=members)
        judgement = JudgementForm()  # carrying a surplus over is decided anew every month: off by default
    context = {"case": case, "head": head, "sections": sections, "previous": previous, "application": None}
    context.update(_judgement_context(case, month), judgement=judgement)
    return render(request, "casework/application_form.html", context, status=status)


@staff_required
def application_edit(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Ändra ansökan")
    application = get_object_or_404(case.applications, pk=application_id)
    members = _members(case, application.month)
    stale = None
    version = application.version
    if request.method == "POST":
        sections = ItemSections(request.POST, members=members, extra_rows=_more_rows(request))
        judgement = JudgementForm(request.POST)
        posted_version = _int(request.POST.get("version"))
        if not request.POST.get("add_row") and sections.is_valid() and judgement.is_valid():
            try:
                applications.replace_items(
                    application,
                    posted_version,
                    sections.items(),
                    carry_surplus=judgement.cleaned_data["carry_surplus"],
                    actor=_actor(request),
                )
            except (
                applications.StaleVersion,
                applications.NotEditable,
                applications.DuplicateApplication,
            ) as exc:
                stale = exc.message
                application.refresh_from_db()
                version = application.version  # saving again now overwrites knowingly
            else:
                messages.success(request, "Ändringarna är sparade och ansökan är beräknad på nytt.")
                return redirect("casework:application", case_id=case.pk, application_id=application.pk)
        else:
            version = posted_version
    else:
        sections = ItemSections(items=applications.items_of(application), members=members)
        judgement = JudgementForm(initial={"carry_surplus": application.carry_surplus})
    if application.status != ApplicationStatus.RECEIVED and stale is None:
        stale = applications.DECIDED_MESSAGE
    context = {
        "case": case,
        "application": application,
        "sections": sections,
        "judgement": judgement,
        "version": version,
        "stale": stale,
        "current_items": applications.items_of(application) if stale else None,
    }
    context.update(_judgement_context(case, application.month))
    return render(request, "casework/application_form.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _detail_context(request, case, application, form=None, problems=()):
    staff = request.staff
    calculation, calc_errors, proposals = None, [], []
    decided = application.status != ApplicationStatus.RECEIVED
    if decided:
        decision = application.decisions.order_by("-decided_at", "-id").first()
        calculation = decision.calculation if decision else None
    else:
        calculation, calc_errors = applications.prepared_calculation(application, staff)
    if calculation is not None and not decided:
        proposals = decisions.propose(calculation)
    changes = decisions.changes_since_last_month(application)
    referral = referrals.current_referrals([application.pk]).get(application.pk)
    if form is None and calculation is not None and not decided:
        initial = {"version": application.version, "calculation": calculation.pk}
        if referral is not None and referral.calculation_id == calculation.pk:
            for kind, (amount, reason) in referral.overrides.items():  # the preparer's changed amounts
                initial[f"granted_{kind}"], initial[f"reason_{kind}"] = amount, reason
        form = DecisionForm(initial=initial, proposals=proposals)
    unchanged = not changes and application.kind == ApplicationKind.RECURRING
    delegation, holders = [], []
    if calculation is not None and not decided:
        delegation = referrals.problems_for(staff, calculation)
        if delegation:
            holders = referrals.eligible_holders(application, calculation)
    return {
        "case": case,
        "application": application,
        "items": application.items.select_related("member").order_by("category", "id"),
        "calculation": calculation,
        "calc_errors": calc_errors,
        "proposals": proposals,
        "changes": changes,
        "unchanged": unchanged,
        "blockers": [] if decided else extensions.decision_blockers(application),
        "warnings": [] if decided else extensions.decision_warnings(application),
        "blocker_links": [] if decided else _links(application),
        "referral": referral if not decided else None,
        "delegation": delegation,
        "holders": holders,
        "committee": decisions.COMMITTEE,
        "form": form,
        "problems": list(problems),
        "decisions": application.decisions.order_by("-decided_at", "-id"),
        "decided": decided,
        # Undoing a mistake: withdraw the application or correct its month (views/application_changes.py).
        "withdraw_form": WithdrawForm(initial={"version": application.version}, prefix="withdraw"),
        "month_form": CorrectMonthForm(initial={"version": application.version}, prefix="month"),
        "panels": render_panels(
            extensions.collect_panels(extensions.APPLICATION_PANELS, application, request), request
        ),
    }


def _links(application) -> list:
    """The blockers' links (e.g. the barrier form), each returning to this application after saving."""
    here = reverse("casework:application", args=[application.case_id, application.pk])
    links, seen = [], set()
    for blocker in extensions.queue_blockers([application]).get(application.pk, []):
        if blocker.url and blocker.url not in seen:
            seen.add(blocker.url)
            joiner = "&" if "?" in blocker.url else "?"
            links.append((blocker.link_text, f"{blocker.url}{joiner}{urlencode({'tillbaka': here})}"))
    return links


@staff_required
def application_detail(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Ansökan, beräkning och beslutsförslag")
    application = get_object_or_404(case.applications, pk=application_id)
    return render(request, "casework/application.html", _detail_context(request, case, application))


@staff_required
def application_decide(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Beslut om ansökan")
    application = get_object_or_404(case.applications, pk=application_id)
    if request.method != "POST":
        return redirect("casework:application", case_id=case.pk, application_id=application.pk)
    calculation = Calculation.objects.filter(
        application=application, pk=_int(request.POST.get("calculation"))
    )
    calculation = calculation.first()
    if calculation is None:
        raise Http404("Beräkningen finns inte.")
    form = DecisionForm(request.POST, proposals=decisions.propose(calculation))
    if not form.is_valid():
        return render(request, "casework/application.html", _detail_context(request, case, application, form))
    try:
        decision = _decide(application, calculation, request, form)
    except applications.StaleVersion as exc:
        return _refused(request, case, application, [exc.message])
    except decisions.DecisionRefused as exc:
        return _refused(request, case, application, list(exc.messages))
    messages.success(request, f"Beslutet är fattat: {decision.get_outcome_display().lower()}.")
    return redirect("casework:decision", case_id=case.pk, decision_id=decision.pk)


def _decide(application, calculation, request, form):
    return decision_services.decide_and_pay(
        application=application,
        calculation=calculation,
        version=form.cleaned_data["version"],
        overrides=form.overrides() or None,
        actor=audit.Actor.from_request(request),
    )


def _refused(request, case, application, problems):
    """Show the application again with the reasons, keeping what the caseworker typed in the form."""
    application.refresh_from_db()
    context = _detail_context(request, case, application, problems=problems)
    if context["calculation"] is not None and not context["decided"]:
        data = request.POST.copy()
        data["version"] = str(application.version)
        data["calculation"] = str(context["calculation"].pk)
        context["form"] = DecisionForm(data, proposals=context["proposals"])
        context["form"].is_valid()
    return render(request, "casework/application.html", context, status=409)


@staff_required
def application_refer(request, case_id: int, application_id: int):
    """Hand the prepared decision (calculation and changed amounts) to a colleague with the delegation."""
    case = access.case_for_request(request, case_id, "Lämna över beslut")
    application = get_object_or_404(case.applications, pk=application_id)
    if request.method != "POST":
        return redirect("casework:application", case_id=case.pk, application_id=application.pk)
    calculation = Calculation.objects.filter(
        application=application, pk=_int(request.POST.get("calculation"))
    ).first()
    if calculation is None:
        raise Http404("Beräkningen finns inte.")
    form = DecisionForm(request.POST, proposals=decisions.propose(calculation))
    if not form.is_valid():
        return render(request, "casework/application.html", _detail_context(request, case, application, form))
    holder = StaffMember.objects.filter(pk=_int(request.POST.get("holder"))).first()
    if holder is None:
        return _refused(request, case, application, ["Välj vem som ska fatta beslutet."])
    try:
        referral = referrals.refer(
            application,
            calculation,
            request.staff,
            holder,
            note=request.POST.get("note", "")[:2000],
            overrides=form.overrides() or None,
            path=request.get_full_path(),
        )
    except decisions.DecisionRefused as exc:
        return _refused(request, case, application, list(exc.messages))
    messages.success(request, f"Beslutet är överlämnat till {referral.holder.full_name}.")
    return redirect("casework:application", case_id=case.pk, application_id=application.pk)
