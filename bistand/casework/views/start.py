"""The start page: "Mina ärenden" for caseworkers, the unit's overview for unit managers."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from bistand.casework import access, extensions, worklist
from bistand.casework.protection_models import ProtectionChange, ProtectionStatus
from bistand.casework.views.common import render_panels, staff_required
from bistand.organisation.models import Role

QUEUE_PAGE_SIZE = 25  # applications to decide, oldest first: a screenful, the rest a page at a time
HOUSEHOLDS_PAGE_SIZE = 100  # "Mina hushåll", by case number


@staff_required
def start(request):
    staff = request.staff
    today = timezone.localdate()
    collected = extensions.collect_panels(extensions.START_PAGE_PANELS, staff, request)
    panels = render_panels(collected, request)
    listed = [case_id for panel in collected for case_id in panel.cases]
    if staff.role not in access.CASE_ROLES:
        _log_list(request, staff, "Startsidan", listed)
        return render(request, "casework/start_other.html", {"staff": staff, "panels": panels})
    if staff.role == Role.UNIT_MANAGER:
        context = worklist.unit_start(staff, today)
        listed += [row.case.pk for row in context["unassigned"]]
        _log_list(request, staff, "Startsidan: enhetens översikt", listed)
        context["pending_lifts"] = ProtectionChange.objects.filter(
            case__unit__in=staff.units.all(), status=ProtectionStatus.PENDING
        ).count()
        return render(request, "casework/start_manager.html", {**context, "panels": panels, "today": today})
    context = worklist.caseworker_start(staff, today, request)
    if (
        staff.role == Role.SENIOR_CASEWORKER
    ):  # also follows the units' caseloads (and decides above delegation)
        context["loads"] = worklist.unit_loads(staff, today)[0]
    # A caseload of hundreds of households would make a page of hundreds of kilobytes: the queue is shown
    # a page at a time (the counts above it still cover everything), and the list of every household has
    # its own page (my_households), so the start page costs the same for 40 households as for 400.
    context["queue_page"] = Paginator(context["to_decide"], QUEUE_PAGE_SIZE).get_page(
        request.GET.get("besluta")
    )
    listed += [row.case.pk for row, _ in context["queue_page"]]
    listed += [row.case.pk for row, _ in context["handed_to_me"]]
    _log_list(request, staff, "Startsidan: mina ärenden och arbetskön", listed)
    return render(request, "casework/start.html", {**context, "panels": panels, "today": today})


@staff_required
def my_households(request):
    """Every open household of the caseworker's caseload, by case number, a page at a time.

    The start page shows what needs doing; this list is what the caseworker opens to find a household
    that has nothing waiting. A unit manager's cases are on the unit's start page.
    """
    staff = request.staff
    if staff.role not in (Role.CASEWORKER, Role.SENIOR_CASEWORKER):
        return redirect("casework:start")
    cases = access.visible_cases(staff).filter(caseworker=staff)
    rows = worklist.CaseRows(cases, staff, timezone.localdate())
    rows_page = Paginator(rows, HOUSEHOLDS_PAGE_SIZE).get_page(request.GET.get("sida"))
    _log_list(request, staff, "Mina hushåll", [row.case.pk for row in rows_page])
    return render(request, "casework/households.html", {"rows": rows, "rows_page": rows_page})


def _log_list(request, staff, what: str, case_ids: list[int]) -> None:
    """A page that names clients is a read of their cases: one audit row linking every case shown."""
    if case_ids:
        access.log_list(request, staff, f"{what} ({len(set(case_ids))} ärenden)", case_ids)
