"""Demo data for the path to self-support: meetings, assessments, plans, follow-ups, reminders, absence.

`populate(ctx)` is called at the end of `bistand build_demo`, after cases, assignments and barriers
exist. It reads what it needs from the database (open cases, who held them when, the adults) and writes
with bulk_create, so the whole demo city stays fast. Deterministic for a given seed and as-of month.

The spread is invented but plausible (Malmö stad 2014): most clients are met every one to three
months; about one in five has not met their current caseworker (a third said so in Malmö's survey);
about one plan in seven is overdue for follow-up. The demo user `handlaggare` always gets a few of each
(not met, overdue, due within two weeks, open reminders) so the start page shows every kind.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from bistand.cases.models import Case, CaseAssignment, CaseStatus
from bistand.demo import selfsupport_plans
from bistand.demo.selfsupport_text import CANCELLED_NOTE, MEETING_NOTES, NO_SHOW_NOTE
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import HouseholdMember, MemberRole
from bistand.selfsupport.models import Absence, Meeting, MeetingParty
from bistand.selfsupport.time_share import is_working_day

WINDOW_DAYS = 183  # meetings are generated for about the last six months
NOT_MET_SHARE = 0.18
DEMO_USER = "handlaggare"
PARTIES = ("af", "municipal_labour", "fk", "healthcare")


def reference_day(ctx) -> date:
    """The demo's 'today': the real today inside the as-of month, else the as-of month's last day."""
    as_of = getattr(ctx, "as_of", None)
    today = getattr(ctx, "today", None) or timezone.localdate()
    if as_of is None:
        return today
    if isinstance(as_of, str):
        as_of = date(int(as_of[:4]), int(as_of[5:7]), 1)
    start = date(as_of.year, as_of.month, 1)
    end = date(start.year + (start.month == 12), start.month % 12 + 1, 1) - timedelta(days=1)
    return min(max(today, start), end)


def working_day_near(day: date, rng: random.Random, latest: date | None = None) -> date:
    """The nearest working day at or before `day` (then after it, if needed)."""
    probe = day
    for _ in range(10):
        if is_working_day(probe) and (latest is None or probe <= latest):
            return probe
        probe -= timedelta(days=1)
    probe = day
    while not is_working_day(probe):
        probe += timedelta(days=1)
    return probe


def at(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.choice((9, 10, 11, 13, 14, 15)), rng.choice((0, 30))))
    )


class Loader:
    """Everything populate needs from the database, in a handful of queries."""

    def __init__(self, case_ids=None):
        cases = Case.objects.filter(status=CaseStatus.OPEN, caseworker__isnull=False)
        if case_ids is not None:
            cases = cases.filter(pk__in=case_ids)
        self.cases = list(
            cases.order_by("pk").values_list("pk", "household_id", "opened_on", "caseworker_id")
        )
        self.assignments: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        for case_id, worker, start, end in CaseAssignment.objects.order_by(
            "case_id", "start_date", "pk"
        ).values_list("case_id", "caseworker_id", "start_date", "end_date"):
            self.assignments[case_id].append((start, end, worker))
        self.adults: dict[int, list[int]] = defaultdict(list)
        for household, person in (
            HouseholdMember.objects.filter(
                role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT], valid_to__isnull=True
            )
            .order_by("household_id", "role", "person_id")
            .values_list("household_id", "person_id")
        ):
            self.adults[household].append(person)

    def holder_on(self, case_id: int, day: date, current: int) -> int:
        for start, end, worker in self.assignments.get(case_id, ()):
            if start <= day and (end is None or day <= end):
                return worker
        return current

    def assignment_start(self, case_id: int, current: int, opened_on: date) -> date:
        starts = [s for s, _, w in self.assignments.get(case_id, ()) if w == current]
        return max(starts) if starts else opened_on


def _meeting(rng, case_id, kind, day, worker, persons, status="held", mode=None, parties=()):
    mode = mode or rng.choices(("in_person", "video", "phone"), weights=(70, 15, 15))[0]
    if kind in ("home_visit", "first_visit", "multi_party"):
        mode = "in_person" if kind != "multi_party" or rng.random() < 0.7 else "video"
    minutes = rng.choice((45, 60, 60, 60, 90)) if kind != "first_visit" else 90
    if status == "held":
        note = rng.choice(MEETING_NOTES[kind])
    else:
        note = NO_SHOW_NOTE if status == "no_show" else CANCELLED_NOTE if status == "cancelled" else ""
    return {
        "case_id": case_id,
        "kind": kind,
        "mode": mode,
        "status": status,
        "starts_at": at(day, rng),
        "minutes": minutes,
        "worker": worker,
        "persons": persons if status == "held" else [],
        "note": note,
        "parties": list(parties),
    }


def case_meetings(rng, data: Loader, case, ref: date, intensity: float, not_met: bool) -> list[dict]:
    case_id, household, opened_on, current = case
    adults = data.adults.get(household, [])
    if not adults:
        return []
    start = data.assignment_start(case_id, current, opened_on)
    window_start = max(opened_on, ref - timedelta(days=WINDOW_DAYS))
    meetings: list[dict] = []
    if opened_on >= window_start:
        day = working_day_near(opened_on + timedelta(days=rng.randint(2, 8)), rng)
        worker = data.holder_on(case_id, day, current)
        # A client the current caseworker has not met had the first visit with someone else, or not yet.
        if day <= ref and not (not_met and worker == current and day >= start):
            meetings.append(_meeting(rng, case_id, "first_visit", day, worker, adults[:2]))
    month = date(window_start.year, window_start.month, 1)
    while month <= ref:
        if rng.random() < 0.5 * intensity:
            day = working_day_near(month + timedelta(days=rng.randint(0, 27)), rng)
            if window_start < day <= ref:
                worker = data.holder_on(case_id, day, current)
                kind = rng.choices(
                    ("planning_visit", "follow_up_visit", "home_visit", "multi_party"),
                    weights=(30, 52, 6, 12),
                )[0]
                status = rng.choices(("held", "no_show", "cancelled"), weights=(88, 8, 4))[0]
                parties = [rng.choice(PARTIES)] if kind == "multi_party" else []
                persons = adults[: rng.choice((1, 1, 2))]
                mode = None
                if not_met and worker == current and day >= start:
                    mode, status = "phone", rng.choice(("held", "no_show"))  # only calls since the takeover
                    kind = "follow_up_visit" if kind == "multi_party" else kind
                    parties = []
                    if kind == "home_visit":
                        kind = "follow_up_visit"
                meetings.append(_meeting(rng, case_id, kind, day, worker, persons, status, mode, parties))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    if not not_met and not any(
        m["status"] == "held"
        and m["mode"] != "phone"
        and m["worker"] == current
        and m["starts_at"].date() >= start
        for m in meetings
    ):
        low = max(start, ref - timedelta(days=120))
        day = working_day_near(
            low + timedelta(days=rng.randint(0, max(0, (ref - low).days))), rng, latest=ref
        )
        meetings.append(_meeting(rng, case_id, "planning_visit", day, current, adults[:1], mode="in_person"))
    if rng.random() < 0.3 or (not_met and rng.random() < 0.6):
        day = working_day_near(ref + timedelta(days=rng.randint(2, 21)), rng)
        if day > ref:
            meetings.append(
                _meeting(rng, case_id, "planning_visit", day, current, [], status="booked", mode="in_person")
            )
    return meetings


def save_meetings(specs: list[dict]) -> int:
    """Bulk-create meetings and their participants.

    The demo writes no journal notes for past meetings: JournalNote.written_at is set by the database
    (FL 27 §: when the note was made), so back-filled notes would all carry the build time. The note
    stays on the meeting, and the timeline shows it there.
    """
    meetings = []
    for s in specs:
        meetings.append(
            Meeting(
                case_id=s["case_id"],
                kind=s["kind"],
                mode=s["mode"],
                status=s["status"],
                starts_at=s["starts_at"],
                duration_minutes=s["minutes"],
                note=s["note"],
                booked_by_id=s["worker"],
                recorded_by_id=s["worker"] if s["status"] != "booked" else None,
                recorded_at=s["starts_at"] + timedelta(hours=2) if s["status"] != "booked" else None,
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    staff_rows, person_rows, party_rows = [], [], []
    for meeting, s in zip(meetings, specs, strict=True):
        staff_rows.append(Meeting.staff.through(meeting_id=meeting.pk, staffmember_id=s["worker"]))
        person_rows += [Meeting.persons.through(meeting_id=meeting.pk, person_id=p) for p in s["persons"]]
        party_rows += [MeetingParty(meeting_id=meeting.pk, party=p) for p in s["parties"]]
    Meeting.staff.through.objects.bulk_create(staff_rows, batch_size=2000)
    Meeting.persons.through.objects.bulk_create(person_rows, batch_size=2000)
    MeetingParty.objects.bulk_create(party_rows, batch_size=2000)
    return len(meetings)


def absences(rng: random.Random, workers: list[int], ref: date) -> list[Absence]:
    """Summer vacation, a few sick days, training and care of a sick child for each caseworker."""
    rows = []
    first = ref - timedelta(days=WINDOW_DAYS)
    for worker in workers:
        july = date(ref.year if ref.month >= 8 else ref.year - 1, 7, 1)
        if first <= july <= ref:
            start = july - timedelta(days=july.weekday()) + timedelta(weeks=rng.randint(0, 2))
            rows.append(
                Absence(
                    staff_id=worker, kind="vacation", start_date=start, end_date=start + timedelta(days=25)
                )
            )
        span = (ref - first).days
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            start = first + timedelta(days=rng.randint(0, span))
            rows.append(
                Absence(
                    staff_id=worker,
                    kind="sick",
                    start_date=start,
                    end_date=min(ref, start + timedelta(days=rng.randint(0, 3))),
                )
            )
        if rng.random() < 0.6:
            start = first + timedelta(days=rng.randint(0, span))
            rows.append(
                Absence(
                    staff_id=worker,
                    kind="training",
                    start_date=start,
                    end_date=start + timedelta(days=rng.randint(0, 1)),
                    note="Utbildning i FIA",
                )
            )
        if rng.random() < 0.3:
            start = first + timedelta(days=rng.randint(0, span))
            rows.append(
                Absence(
                    staff_id=worker,
                    kind="care_of_child",
                    start_date=start,
                    end_date=start,
                    extent=rng.choice((50, 100)),
                )
            )
    return rows


@transaction.atomic
def populate(ctx) -> dict:
    """Write the path-to-self-support demo data; returns counts for the build log."""
    seed = getattr(ctx, "seed", 0)
    rng = ctx.rng("selfsupport") if hasattr(ctx, "rng") else random.Random(f"{seed}:selfsupport")
    ref = reference_day(ctx)
    cases = getattr(ctx, "cases", None)
    data = Loader([c.pk for c in cases] if cases else None)
    demo_user = StaffMember.objects.filter(user__username=DEMO_USER).values_list("pk", flat=True).first()
    if demo_user is None:
        user = get_user_model().objects.filter(username=DEMO_USER).first()
        demo_user = getattr(getattr(user, "staff", None), "pk", None)
    workers = sorted({c[3] for c in data.cases})
    intensity = {w: rng.uniform(0.6, 1.9) for w in workers}
    if demo_user in intensity:
        intensity[demo_user] = 1.1  # a little below the 25 % goal, so the start page shows it
    forced = selfsupport_plans.forced_roles([c for c in data.cases if c[3] == demo_user], ref)
    specs: list[dict] = []
    not_met_ids = set()
    for case in data.cases:
        not_met = forced.get(case[0]) == "not_met" or (case[0] not in forced and rng.random() < NOT_MET_SHARE)
        if not_met:
            not_met_ids.add(case[0])
        specs += case_meetings(rng, data, case, ref, intensity[case[3]], not_met)
    meetings = save_meetings(specs)
    counts = selfsupport_plans.populate_plans(rng, data, ref, forced)
    case_workers = StaffMember.objects.filter(role__in=[Role.CASEWORKER, Role.SENIOR_CASEWORKER]).order_by(
        "pk"
    )
    staff_by_name = getattr(ctx, "staff", None)
    if staff_by_name:
        case_workers = case_workers.filter(pk__in=[s.pk for s in staff_by_name.values()])
    absence_rows = absences(rng, list(case_workers.values_list("pk", flat=True)), ref)
    Absence.objects.bulk_create(absence_rows, batch_size=1000)
    result = {"meetings": meetings, "not_met": len(not_met_ids), "absences": len(absence_rows), **counts}
    out = getattr(ctx, "out", None)
    if out:
        out(
            f"Självförsörjning: {meetings} möten, {counts['assessments']} bedömningar, {counts['plans']} "
            f"genomförandeplaner, {counts['follow_ups']} uppföljningar, {counts['reminders']} bevakningar, "
            f"{len(absence_rows)} frånvaroperioder."
        )
    return result
