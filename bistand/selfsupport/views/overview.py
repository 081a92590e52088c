"""The case's self-support overview, the time-with-clients report and staff absence."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property

from bistand.audit.audit import Actor
from bistand.cases.codes import EXIT_REASON_BY_CODE
from bistand.casework.access import CASE_ROLES, log_list, staff_required, visible_cases
from bistand.organisation.models import Role, StaffMember, Unit
from bistand.rules.formatting import month_name
from bistand.rules.months import first_of_month
from bistand.selfsupport import services, summary
from bistand.selfsupport.common import client_meeting_time_goal
from bistand.selfsupport.forms.other import AbsenceForm
from bistand.selfsupport.models import Absence
from bistand.selfsupport.plans import active_plans_due
from bistand.selfsupport.time_report import staff_time_rows, unit_total
from bistand.selfsupport.views.common import case_context, open_case
from bistand.selfsupport.views.other import parse_month

MANAGER_ROLES = {Role.UNIT_MANAGER, Role.SENIOR_CASEWORKER}
FOLLOW_UPS_PAGE_SIZE = 50  # plans per page of the follow-up list, soonest due first


@staff_required
def overview(request, case_id: int):
    case = open_case(request, case_id, "översikt")
    context = case_context(
        case,
        "overview",
        info=summary.case_summary(case, timezone.localdate()),
        exit_reason=EXIT_REASON_BY_CODE.get(case.exit_reason),
    )
    return render(request, "selfsupport/overview.html", context)


def _month_end(month: date) -> date:
    next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


@staff_required
def time_report(request):
    """Share of working time in client meetings, per caseworker and unit, for one month.

    Caseworkers see their own row and the unit totals; unit managers and senior caseworkers see everyone
    in their units (absence is personal data, so colleagues do not see each other's rows).
    """
    staff = request.staff
    if staff.role not in CASE_ROLES:
        raise PermissionDenied("Sidan är till för handläggare och chefer.")
    today = timezone.localdate()
    month = parse_month(request.GET.get("manad"), today)
    end = min(_month_end(month), today) if month <= today else _month_end(month)
    units = []
    for unit in staff.units.select_related("district__municipality").order_by("name"):
        members = StaffMember.objects.filter(
            units=unit, role__in=list(CASE_ROLES - {Role.UNIT_MANAGER})
        ).select_related("user")
        rows = staff_time_rows(members, month, end)
        visible = rows if staff.role in MANAGER_ROLES else [r for r in rows if r.staff.pk == staff.pk]
        units.append(
            {
                "unit": unit,
                "rows": visible,
                "total": unit_total(rows),
                "goal": client_meeting_time_goal(unit.district.municipality, month),
            }
        )
    context = {
        "units": units,
        "month": month,
        "end": end,
        "month_label": month_name(month),
        "previous_month": (previous := first_of_month(date.fromordinal(month.toordinal() - 1))),
        "next_month": (following := date(month.year + (month.month == 12), month.month % 12 + 1, 1)),
        "previous_label": month_name(previous),
        "next_label": month_name(following),
        "is_manager": staff.role in MANAGER_ROLES,
    }
    return render(request, "selfsupport/time_report.html", context)


@staff_required
def absences(request):
    """Register and list absence. Unit managers register for their units' staff; others for themselves."""
    staff = request.staff
    if staff.role == Role.UNIT_MANAGER:
        staff_qs = StaffMember.objects.filter(units__in=staff.units.all()).distinct().select_related("user")
    else:
        staff_qs = StaffMember.objects.filter(pk=staff.pk).select_related("user")
    form = AbsenceForm(
        staff_qs=staff_qs,
        initial={"staff": staff, "start_date": timezone.localdate(), "end_date": timezone.localdate()},
    )
    if request.method == "POST":
        form = AbsenceForm(request.POST, staff_qs=staff_qs)
        if form.is_valid():
            absence = services.register_absence(**form.cleaned_data, actor=Actor.from_request(request))
            messages.success(
                request,
                f"Frånvaron är sparad ({absence.get_kind_display().lower()} {absence.start_date:%Y-%m-%d}–{absence.end_date:%Y-%m-%d}).",
            )
            return redirect("selfsupport:absences")
    items = Absence.objects.filter(
        staff__in=staff_qs, end_date__gte=first_of_month(timezone.localdate()).replace(month=1)
    )
    context = {
        "form": form,
        "items": items.select_related("staff__user").order_by("-start_date", "id")[:200],
        "units": Unit.objects.filter(pk__in=staff.units.all()),
    }
    return render(request, "selfsupport/absences.html", context)


class _CountedPaginator(Paginator):
    """A paginator told its count, for a list whose count is read together with other figures."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@staff_required
def follow_ups(request):
    """Every active plan on the caseworker's own open cases (the unit's, for a unit manager), by due date."""
    staff = request.staff
    if staff.role not in CASE_ROLES:
        raise PermissionDenied("Sidan är till för handläggare och chefer.")
    cases = visible_cases(staff).filter(status="open")
    if staff.role != Role.UNIT_MANAGER:
        cases = cases.filter(caseworker=staff)
    plans = active_plans_due(cases).select_related("case__caseworker__user")
    today = timezone.localdate()
    # A unit's plans run into the thousands: the list is shown a page at a time, the counts cover them all.
    # Both counts in one query: each pass over the unit's cases checks every household for protection.
    counts = plans.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(next_follow_up_due__lt=today)))
    page = _CountedPaginator(plans, FOLLOW_UPS_PAGE_SIZE, counts["total"]).get_page(request.GET.get("sida"))
    case_ids = {plan.case_id for plan in page}
    if case_ids:
        log_list(request, staff, f"Uppföljningar av genomförandeplaner ({len(case_ids)} ärenden)", case_ids)
    context = {
        "plans": page,
        "today": today,
        "overdue": counts["overdue"],
    }
    return render(request, "selfsupport/follow_ups.html", context)
