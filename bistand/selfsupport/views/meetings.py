"""Meetings: list and book, then record how a meeting went."""

from datetime import time

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bistand.audit.audit import Actor
from bistand.casework.access import staff_required
from bistand.selfsupport import services
from bistand.selfsupport.forms.meetings import BookMeetingForm, RecordMeetingForm
from bistand.selfsupport.models import Meeting, MeetingStatus
from bistand.selfsupport.views.common import case_context, labour_unit_name, members_qs, open_case


@staff_required
def meetings(request, case_id: int):
    case = open_case(request, case_id, "möten")
    form = BookMeetingForm(
        case=case, initial={"day": timezone.localdate(), "start_time": time(10, 0), "duration_minutes": 60}
    )
    if request.method == "POST":
        form = BookMeetingForm(request.POST, case=case)
        if form.is_valid():
            meeting = services.book_meeting(
                case=case,
                kind=form.cleaned_data["kind"],
                mode=form.cleaned_data["mode"],
                starts_at=form.starts_at(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                location=form.cleaned_data["location"],
                participants=form.cleaned_data["staff"],
                actor=Actor.from_request(request),
            )
            messages.success(
                request,
                f"{meeting.get_kind_display()} är bokat {timezone.localtime(meeting.starts_at):%Y-%m-%d kl. %H:%M}.",
            )
            return redirect("selfsupport:meetings", case_id=case.pk)
    all_meetings = (
        Meeting.objects.filter(case=case)
        .prefetch_related("staff__user", "persons", "parties")
        .order_by("-starts_at", "-id")
    )
    context = case_context(
        case,
        "meetings",
        form=form,
        booked=[m for m in all_meetings if m.status == MeetingStatus.BOOKED][::-1],
        past=[m for m in all_meetings if m.status != MeetingStatus.BOOKED],
        labour_unit=labour_unit_name(case),
    )
    return render(request, "selfsupport/meetings.html", context)


@staff_required
def record(request, case_id: int, meeting_id: int):
    case = open_case(request, case_id, "registrera möte")
    meeting = get_object_or_404(Meeting, pk=meeting_id, case=case)
    starts = timezone.localtime(meeting.starts_at)
    unit_name = labour_unit_name(case)
    initial = {
        "status": meeting.status if meeting.status != MeetingStatus.BOOKED else MeetingStatus.HELD,
        "mode": meeting.mode,
        "day": starts.date(),
        "start_time": starts.time(),
        "duration_minutes": meeting.duration_minutes,
        # Who took part is recorded by ticking, never assumed: only what was recorded before is shown.
        "persons": list(meeting.persons.all()),
        "staff": list(meeting.staff.all()),
        "note": meeting.note,
    }
    for party in meeting.parties.all():
        initial[f"party_{party.party}"] = True
        initial[f"party_{party.party}_name"] = party.name
    kwargs = {"case": case, "meeting": meeting, "persons_qs": members_qs(case), "labour_unit_name": unit_name}
    form = RecordMeetingForm(initial=initial, **kwargs)
    if request.method == "POST":
        form = RecordMeetingForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            services.record_meeting(
                meeting=meeting,
                status=data["status"],
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                persons=data["persons"],
                staff_members=data["staff"],
                parties=form.parties(),
                note=data["note"],
                labour_unit_name=unit_name,
                actor=Actor.from_request(request),
            )
            messages.success(
                request,
                f"{meeting.get_kind_display()} är registrerat som {meeting.get_status_display().lower()}.",
            )
            return redirect("selfsupport:meetings", case_id=case.pk)
    context = case_context(case, "meetings", form=form, meeting=meeting, labour_unit=unit_name)
    return render(request, "selfsupport/meeting_record.html", context)
