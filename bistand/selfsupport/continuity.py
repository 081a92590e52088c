"""Continuity: has the current caseworker met the client since taking over the case?

Why: in Malmö's client survey about one client in three said they had never met their current
socialsekreterare (Malmö stad 2014, citing Malmö stad 2013b). When a case moves to another caseworker (CaseAssignment), the case shows
"Ej träffad" until a meeting is recorded as held, after the new assignment started, with the caseworker
taking part and at least one member of the household present. A meeting in person, a home visit or a
video meeting counts as meeting the client; a phone call does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from bistand.cases.models import Case, CaseAssignment, CaseStatus
from bistand.selfsupport.models import Meeting, MeetingMode, MeetingStatus

MET_MODES = (MeetingMode.IN_PERSON, MeetingMode.VIDEO)
NOT_MET_FLAG = "Ej träffad"


def assignment_starts(cases: Iterable[Case]) -> dict[int, date]:
    """case id -> the day the current caseworker's assignment began (the case's opening day if unknown)."""
    cases = [c for c in cases if c.caseworker_id]
    starts: dict[int, date] = {c.pk: c.opened_on for c in cases}
    holder = {c.pk: c.caseworker_id for c in cases}
    rows = CaseAssignment.objects.filter(case_id__in=list(holder)).values_list(
        "case_id", "caseworker_id", "start_date"
    )
    latest: dict[int, date] = {}
    for case_id, worker_id, start in rows:
        if holder[case_id] == worker_id and (case_id not in latest or start > latest[case_id]):
            latest[case_id] = start
    starts.update(latest)
    return starts


def last_met(cases: Iterable[Case]) -> dict[int, date]:
    """case id -> the latest day the current caseworker met the client (only cases where they have)."""
    cases = [c for c in cases if c.caseworker_id]
    holder = {c.pk: c.caseworker_id for c in cases}
    if not holder:
        return {}
    client_present = Meeting.persons.through.objects.filter(meeting_id=OuterRef("meeting_id"))
    rows = (
        Meeting.staff.through.objects.filter(
            meeting__case_id__in=list(holder),
            meeting__status=MeetingStatus.HELD,
            meeting__mode__in=MET_MODES,
        )
        .annotate(_client=Exists(client_present))
        .filter(_client=True)
        .values_list("meeting__case_id", "staffmember_id", "meeting__starts_at")
    )
    met: dict[int, date] = {}
    for case_id, staff_id, starts_at in rows:
        if holder[case_id] != staff_id:
            continue
        day = timezone.localtime(starts_at).date()
        if case_id not in met or day > met[case_id]:
            met[case_id] = day
    return met


def not_met_case_ids(
    cases: Iterable[Case], starts: dict[int, date] | None = None, met: dict[int, date] | None = None
) -> set[int]:
    """Open cases whose current caseworker has not met the client since their assignment began.

    `starts` and `met` are assignment_starts and last_met of (at least) these cases, for a caller that
    shows them too and has read them already.
    """
    cases = [c for c in cases if c.caseworker_id and c.status == CaseStatus.OPEN]
    starts = assignment_starts(cases) if starts is None else starts
    met = last_met(cases) if met is None else met
    return {c.pk for c in cases if c.pk not in met or met[c.pk] < starts[c.pk]}


def not_met_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    """not_met_case_ids in SQL: the open cases of `cases` whose current caseworker has not met the client
    since their assignment began, for counting and listing a whole caseload without reading it."""
    latest_start = (
        CaseAssignment.objects.filter(case=OuterRef("pk"), caseworker=OuterRef("caseworker"))
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    met = Meeting.objects.filter(
        case=OuterRef("pk"),
        staff=OuterRef("caseworker"),
        status=MeetingStatus.HELD,
        mode__in=MET_MODES,
        persons__isnull=False,
        starts_at__date__gte=OuterRef("_assignment_start"),  # the local day, as last_met compares
    )
    return (
        cases.filter(status=CaseStatus.OPEN, caseworker__isnull=False)
        .annotate(_assignment_start=Coalesce(Subquery(latest_start), F("opened_on")))
        .filter(~Exists(met))
    )


def is_not_met(case: Case) -> bool:
    return case.pk in not_met_case_ids([case])


def never_met_count(staff) -> tuple[int, int]:
    """(clients not met, all open cases) for this caseworker's own caseload."""
    cases = Case.objects.filter(caseworker=staff, status=CaseStatus.OPEN)
    return not_met_cases(cases).count(), cases.count()
