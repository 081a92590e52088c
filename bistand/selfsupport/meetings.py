"""Booking and recording meetings; a recorded meeting's note becomes a journal note (FL 27 §)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bistand.journal.models import JournalNote
from bistand.selfsupport.models import Meeting, MeetingParty, MeetingStatus


def book_meeting(
    case, staff, *, kind, mode, starts_at, duration_minutes, location="", participants=()
) -> Meeting:
    """Book a meeting; the booking caseworker takes part unless other staff are named."""
    with transaction.atomic():
        meeting = Meeting.objects.create(
            case=case,
            kind=kind,
            mode=mode,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            location=location,
            booked_by=staff,
        )
        meeting.staff.set(list(participants) or [staff])
    return meeting


def describe(meeting: Meeting) -> str:
    """'Nybesök, fysiskt möte, 60 min' — the heading of the meeting's journal note."""
    return (
        f"{meeting.get_kind_display()}, {meeting.get_mode_display().lower()}, {meeting.duration_minutes} min"
    )


def participants_line(meeting: Meeting, labour_unit_name: str = "") -> str:
    """Who took part, in one Swedish line (clients, staff, external parties)."""
    parts = [p.full_name for p in meeting.persons.all()]
    parts += [s.full_name for s in meeting.staff.all()]
    for party in meeting.parties.all():
        label = (
            labour_unit_name
            if party.party == "municipal_labour" and labour_unit_name
            else party.get_party_display()
        )
        parts.append(f"{label} ({party.name})" if party.name else label)
    return ", ".join(parts)


@transaction.atomic
def record_meeting(
    meeting: Meeting,
    staff,
    *,
    status,
    starts_at,
    duration_minutes,
    mode,
    persons=(),
    staff_members=(),
    parties=(),
    note="",
    labour_unit_name="",
) -> Meeting:
    """Record how a booked meeting went. `parties` is [(party_kind, contact_name), …].

    A held meeting always gets a journal note (who took part, and the note), dated the meeting's day and
    signed by the recording caseworker (FL 27 §); a missed or cancelled one gets one if a note is written.
    Journal notes are append-only, so recording the meeting again writes a new note.
    """
    meeting.status = status
    meeting.starts_at = starts_at
    meeting.duration_minutes = duration_minutes
    meeting.mode = mode
    meeting.note = note
    meeting.recorded_by = staff
    meeting.recorded_at = timezone.now()
    meeting.save()
    meeting.persons.set(list(persons))
    meeting.staff.set(list(staff_members) or [staff])
    meeting.parties.all().delete()
    MeetingParty.objects.bulk_create(MeetingParty(meeting=meeting, party=p, name=n) for p, n in parties)
    if status == MeetingStatus.HELD or note.strip():
        if status == MeetingStatus.HELD:
            heading = describe(meeting)
            lines = [note.strip(), f"Deltagare: {participants_line(meeting, labour_unit_name)}"]
        else:
            heading = f"{meeting.get_kind_display()}: {meeting.get_status_display().lower()}"
            lines = [note.strip()]
        journal = JournalNote.objects.create(
            case=meeting.case,
            author=staff,
            occurred_on=timezone.localtime(starts_at).date(),
            heading=heading[:120],
            text="\n\n".join(line for line in lines if line),
        )
        meeting.journal_note_id = journal.pk
        meeting.save(update_fields=["journal_note_id"])
    return meeting


def upcoming_meetings(case):
    return case.meetings.filter(status=MeetingStatus.BOOKED).order_by("starts_at")
