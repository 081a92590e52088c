"""The start page: "Mina ärenden" for caseworkers, the unit's overview for unit managers."""

from django.shortcuts import render
from django.utils import timezone

from bistand.casework import extensions, worklist
from bistand.casework.access import CASE_ROLES
from bistand.casework.protection_models import ProtectionChange, ProtectionStatus
from bistand.casework.views.common import render_panels, staff_required
from bistand.organisation.models import Role


@staff_required
def start(request):
    staff = request.staff
    today = timezone.localdate()
    panels = render_panels(extensions.collect_panels(extensions.START_PAGE_PANELS, staff, request), request)
    if staff.role not in CASE_ROLES:
        return render(request, "casework/start_other.html", {"staff": staff, "panels": panels})
    if staff.role == Role.UNIT_MANAGER:
        context = worklist.unit_start(staff, today)
        context["pending_lifts"] = ProtectionChange.objects.filter(
            case__unit__in=staff.units.all(), status=ProtectionStatus.PENDING
        ).count()
        return render(request, "casework/start_manager.html", {**context, "panels": panels, "today": today})
    context = worklist.caseworker_start(staff, today)
    if (
        staff.role == Role.SENIOR_CASEWORKER
    ):  # also follows the units' caseloads (and decides above delegation)
        context["loads"] = worklist.unit_start(staff, today)["loads"]
    return render(request, "casework/start.html", {**context, "panels": panels, "today": today})
