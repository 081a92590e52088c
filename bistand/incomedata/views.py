"""Fetching income data and handling income warnings from the application page (thin: services decide)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from bistand.casework import access
from bistand.casework.access import staff_required
from bistand.incomedata import services
from bistand.incomedata.models import IncomeWarning

CASEWORK_PURPOSE = "Utredning av ansökan om ekonomiskt bistånd (SoL 4 kap. 1 §)"


def _back(case, application):
    return redirect("casework:application", case_id=case.pk, application_id=application.pk)


@require_POST
@staff_required
def fetch(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Hämta inkomstuppgifter")
    application = get_object_or_404(case.applications, pk=application_id)
    who = services.Who(staff=request.staff, user=request.user, path=request.get_full_path())
    try:
        services.fetch_for_application(application, who, CASEWORK_PURPOSE)
    except services.IncomeDataUnavailable as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Inkomstuppgifterna är hämtade.")
    return _back(case, application)


@require_POST
@staff_required
def warning(request, case_id: int, application_id: int, warning_id: int):
    case = access.case_for_request(request, case_id, "Hantera inkomstvarning")
    application = get_object_or_404(case.applications, pk=application_id)
    item = get_object_or_404(IncomeWarning, pk=warning_id, application=application)
    try:
        services.move_warning(
            item,
            request.POST.get("to", ""),
            request.staff,
            request.POST.get("note", ""),
            user=request.user,
            path=request.get_full_path(),
        )
    except services.WarningMoveRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Inkomstvarningen är uppdaterad.")
    return _back(case, application)
