"""Time with clients per caseworker and unit, from held meetings, employment data and absences.

The arithmetic is in time_share.py (pure); this module only collects the data. A meeting counts for
every staff member who took part, with its full length, if it was held and at least one member of the
household took part (a meeting about the client without the client is not a client meeting).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone

from bistand.organisation.models import StaffMember
from bistand.selfsupport.models import Absence, Meeting, MeetingStatus
from bistand.selfsupport.time_share import AbsencePeriod, TimeShare, combine, time_share


@dataclass
class StaffTimeRow:
    staff: StaffMember
    result: TimeShare
    meetings: int


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def meeting_minutes_by_staff(staff_ids, start: date, end: date) -> dict[int, tuple[int, int]]:
    """staff id -> (minutes, number of meetings) for held client meetings from start to end inclusive."""
    client_present = Meeting.persons.through.objects.filter(meeting_id=OuterRef("meeting_id"))
    rows = (
        Meeting.staff.through.objects.filter(
            staffmember_id__in=list(staff_ids),
            meeting__status=MeetingStatus.HELD,
            meeting__starts_at__gte=_aware(start),
            meeting__starts_at__lt=_aware(end + timedelta(days=1)),
        )
        .filter(Exists(client_present))
        .order_by()
        .values("staffmember_id")
        .annotate(minutes=Sum("meeting__duration_minutes"), meetings=Count("pk"))
        .values_list("staffmember_id", "minutes", "meetings")
    )  # summed in the database: one row per staff member, not one per meeting
    return {staff_id: (int(minutes), meetings) for staff_id, minutes, meetings in rows}


def absences_by_staff(staff_ids, start: date, end: date) -> dict[int, list[AbsencePeriod]]:
    rows = Absence.objects.filter(staff_id__in=list(staff_ids), start_date__lte=end, end_date__gte=start)
    result: dict[int, list[AbsencePeriod]] = defaultdict(list)
    for a in rows.order_by("start_date", "id"):
        result[a.staff_id].append(AbsencePeriod(a.start_date, a.end_date, a.extent))
    return result


def staff_time_rows(staff_members, start: date, end: date) -> list[StaffTimeRow]:
    staff_members = list(staff_members)
    ids = [s.pk for s in staff_members]
    minutes = meeting_minutes_by_staff(ids, start, end)
    absences = absences_by_staff(ids, start, end)
    rows = []
    for staff in staff_members:
        meeting_minutes, count = minutes.get(staff.pk, (0, 0))
        result = time_share(
            start,
            end,
            staff.employment_rate,
            staff.weekly_hours_full_time,
            meeting_minutes,
            absences.get(staff.pk, []),
        )
        rows.append(StaffTimeRow(staff=staff, result=result, meetings=count))
    return rows


def unit_total(rows: list[StaffTimeRow]) -> TimeShare:
    return combine(r.result for r in rows)
