"""A caseworker's own meetings, one week at a time (Monday to Sunday), and the meeting invitation letter.

The week shows the meetings the staff member takes part in, on cases they may open (a protected case
they have no access to is left out, as in every list). The invitation (kallelse) is a PDF made like the
decision letter: a protected household's address is never printed (casework/letters/context.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from bistand.casework import access
from bistand.casework.decisions.legal import committee_name
from bistand.casework.letters.context import address_lines, household_is_protected
from bistand.people.models import HouseholdMember
from bistand.rules.formatting import day_and_month, long_date, weekday_name
from bistand.selfsupport.models import Meeting, MeetingMode, MeetingStatus


@dataclass
class Day:
    day: date
    label: str  # "måndag 30 november"
    meetings: list = field(default_factory=list)
    today: bool = False


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(value: str | None, default: date) -> date:
    """?vecka=2026-11-30 (any day of the week) -> that week's Monday; anything else -> default's week."""
    try:
        return monday_of(date.fromisoformat(value or ""))
    except ValueError:
        return monday_of(default)


def week_of(staff, monday: date, today: date) -> list[Day]:
    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = start + timedelta(days=7)
    # Each meeting names its household's applicant (Case.applicant): read for the whole week at once.
    applicants = HouseholdMember.objects.filter(role="applicant").select_related("person").order_by("pk")
    meetings = (
        Meeting.objects.filter(staff=staff, starts_at__gte=start, starts_at__lt=end)
        .filter(case__in=access.visible_cases(staff))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("case__household")
        .prefetch_related(
            "case__household__memberships__person",
            Prefetch("case__household__memberships", queryset=applicants, to_attr="applicant_memberships"),
        )
        .order_by("starts_at", "id")
        .distinct()
    )
    days = [
        Day(d, f"{weekday_name(d)} {day_and_month(d)}", today=d == today)
        for d in (monday + timedelta(days=n) for n in range(7))
    ]
    for meeting in meetings:
        days[timezone.localtime(meeting.starts_at).weekday()].meetings.append(meeting)
    return days


def week_number(monday: date) -> int:
    return monday.isocalendar()[1]


@dataclass
class Invitation:
    municipality: str
    committee: str
    unit: str
    district: str
    case_number: str
    printed_on: str
    recipient_name: str
    address_lines: list[str]
    title: str
    when: str
    mode_text: str
    location: str
    duration: str
    staff_names: list[str]
    signer_name: str
    signer_title: str


def invitation_for(meeting: Meeting) -> Invitation:
    case = meeting.case
    district = case.unit.district
    municipality = district.municipality
    applicant = case.applicant
    starts = timezone.localtime(meeting.starts_at)
    weekday = weekday_name(starts.date())
    mode_text = {
        MeetingMode.IN_PERSON: "Vi ses på plats.",
        MeetingMode.VIDEO: "Mötet är ett videomöte. Du får en länk av din handläggare.",
        MeetingMode.PHONE: "Mötet är ett telefonsamtal. Din handläggare ringer upp dig.",
    }.get(meeting.mode, "")
    signer = meeting.booked_by
    return Invitation(
        municipality=municipality.name,
        committee=committee_name(municipality.name),
        unit=case.unit.name,
        district=district.name,
        case_number=case.number,
        printed_on=long_date(timezone.localdate()),
        recipient_name=applicant.full_name if applicant else "",
        address_lines=address_lines(applicant, household_is_protected(case.household)),
        title=f"Kallelse till {meeting.get_kind_display().lower()}",
        when=f"{weekday.capitalize()} den {long_date(starts.date())} klockan {starts:%H.%M}",
        mode_text=mode_text,
        location=meeting.location if meeting.mode == MeetingMode.IN_PERSON else "",
        duration=f"Mötet tar ungefär {meeting.duration_minutes} minuter.",
        staff_names=[s.full_name for s in meeting.staff.all()],
        signer_name=signer.full_name if signer else "",
        signer_title=(signer.title or signer.get_role_display()) if signer else "",
    )


def invitation_pdf(meeting: Meeting) -> bytes:
    from weasyprint import HTML  # loading pango is slow; only this request needs it

    html = render_to_string("selfsupport/letters/invitation.html", {"letter": invitation_for(meeting)})
    return HTML(string=html).write_pdf()
