"""The caseworker's own week of meetings, and the invitation letter of one meeting as PDF."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from bistand.casework import access
from bistand.casework.access import case_for_print, staff_required
from bistand.selfsupport.calendar import invitation_pdf, parse_week, week_number, week_of
from bistand.selfsupport.common import today
from bistand.selfsupport.models import Meeting


@staff_required
def calendar(request):
    staff = request.staff
    if staff.role not in access.CASE_ROLES:
        raise Http404("Sidan finns inte.")
    now = today()
    monday = parse_week(request.GET.get("vecka"), now)
    days = week_of(staff, monday, now)
    case_ids = sorted({m.case_id for day in days for m in day.meetings})
    if case_ids:
        access.log_list(
            request, staff, f"Kalender vecka {week_number(monday)} ({len(case_ids)} ärenden)", case_ids
        )
    context = {
        "days": days,
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "week": week_number(monday),
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "this_week": parse_week(None, now),
        "count": sum(len(day.meetings) for day in days),
    }
    return render(request, "selfsupport/calendar.html", context)


@staff_required
def invitation(request, case_id: int, meeting_id: int):
    case = case_for_print(request, case_id, "Självförsörjning: kallelse till möte (PDF)")
    meeting = get_object_or_404(Meeting.objects.select_related("booked_by__user"), pk=meeting_id, case=case)
    response = HttpResponse(invitation_pdf(meeting), content_type="application/pdf")
    starts = meeting.starts_at
    response["Content-Disposition"] = f'attachment; filename="kallelse-{case.number}-{starts:%Y-%m-%d}.pdf"'
    return response
