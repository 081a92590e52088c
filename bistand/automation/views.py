"""Pages of the automated decision function: its criteria (for everyone), follow-up (unit managers),
and the review of a sampled application (from the application page)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bistand.automation import criteria, followup, review
from bistand.automation.models import Assessment, AutomationSetting
from bistand.casework import access
from bistand.casework.access import staff_required
from bistand.casework.decisions.delegation import AUTOMATED_MANDATE
from bistand.organisation.models import Role

FOLLOW_UP_ROLES = {Role.UNIT_MANAGER, Role.SENIOR_CASEWORKER, Role.ANALYST}


@staff_required
def criteria_page(request):
    return render(
        request,
        "automation/criteria.html",
        {
            "version": criteria.VERSION,
            "valid_from": criteria.VALID_FROM,
            "criteria": criteria.CRITERIA,
            "mandate": AUTOMATED_MANDATE,
            "settings": AutomationSetting.objects.select_related("unit__district").order_by("unit__name"),
        },
    )


def _month(value: str | None) -> date:
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@staff_required
def follow_up(request):
    staff = request.staff
    if staff.role not in FOLLOW_UP_ROLES:
        raise PermissionDenied("Sidan är till för enhetschefer och analytiker.")
    month = _month(request.GET.get("manad"))
    units = list(staff.units.select_related("automation").order_by("name"))
    rows = [(unit, followup.figures(unit.pk, month)) for unit in units]
    return render(
        request,
        "automation/follow_up.html",
        {"month": month, "rows": rows, "minutes": followup.MINUTES_PER_UNCHANGED_DECISION},
    )


@require_POST
@staff_required
def review_sample(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Bedöm stickprov från automatiserad beslutsfunktion")
    application = get_object_or_404(case.applications, pk=application_id)
    assessment = get_object_or_404(Assessment, application=application)
    try:
        review.review(
            assessment,
            request.POST.get("agrees") == "yes",
            request.POST.get("note", ""),
            request.staff,
            user=request.user,
            path=request.get_full_path(),
        )
    except review.ReviewRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Din bedömning av stickprovet är sparad.")
    return redirect("casework:application", case_id=case.pk, application_id=application.pk)
