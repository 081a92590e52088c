"""What this area adds to the caseworker's pages through bistand.casework.extensions.

Registered from SelfsupportConfig.ready(): start-page panels (follow-ups due, reminders, clients not
met, time with clients), a case-file section, timeline entries, case-row flags and the decision check
for barriers to self-support.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from bistand.cases.codes import BARRIER_BY_CODE, EXIT_REASON_BY_CODE
from bistand.cases.models import Case, CaseStatus
from bistand.casework import access, extensions
from bistand.casework.extensions import Panel, TimelineEntry
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import HouseholdMember, MemberRole
from bistand.rules.formatting import month_name
from bistand.rules.months import first_of_month
from bistand.selfsupport import barriers, continuity, plans, summary
from bistand.selfsupport.barriers import last_of_month
from bistand.selfsupport.common import client_meeting_time_goal, today
from bistand.selfsupport.models import ActionPlan, Assessment, FollowUp, Meeting, MeetingStatus, Reminder
from bistand.selfsupport.time_report import staff_time_rows, unit_total

DUE_SOON_DAYS = 14
PANEL_LIMIT = 10


def _own_cases(staff):
    """A caseworker's own cases; a unit manager's are the unit's cases they may see."""
    cases = access.visible_cases(staff)
    if staff.role != Role.UNIT_MANAGER:
        cases = cases.filter(caseworker=staff)
    return cases.filter(status=CaseStatus.OPEN)


def follow_ups_panel(staff, request):
    if staff.role not in access.CASE_ROLES:
        return None
    day = today()
    all_plans = plans.active_plans_due(_own_cases(staff))
    due = all_plans.filter(next_follow_up_due__lte=day + timedelta(days=DUE_SOON_DAYS))
    # A unit's hundreds of due plans are counted in SQL; only the ten the panel lists are read.
    counts = all_plans.order_by().aggregate(
        total=Count("pk"),
        due=Count("pk", filter=Q(next_follow_up_due__lte=day + timedelta(days=DUE_SOON_DAYS))),
        overdue=Count("pk", filter=Q(next_follow_up_due__lt=day)),
    )
    listed = list(due[:PANEL_LIMIT])
    return Panel(
        title="Uppföljningar av genomförandeplaner",
        template="selfsupport/panels/follow_ups.html",
        context={
            "plans": listed,
            "more": max(0, counts["due"] - PANEL_LIMIT),
            "overdue_count": counts["overdue"],
            "total": counts["total"],
            "today": day,
            "days": DUE_SOON_DAYS,
        },
        order=20,
        cases=[p.case_id for p in listed],
    )


def reminders_panel(staff, request):
    if staff.role not in access.CASE_ROLES:
        return None
    day = today()
    visible = access.visible_cases(staff).values("pk")
    due = Reminder.objects.filter(
        staff=staff,
        done_at__isnull=True,
        case__in=visible,
        due_on__lte=day + timedelta(days=DUE_SOON_DAYS),
    )
    items = list(due.select_related("case").order_by("due_on", "id")[:PANEL_LIMIT])
    count = due.count()
    return Panel(
        title="Bevakningar",
        template="selfsupport/panels/reminders.html",
        context={
            "items": items,
            "more": max(0, count - PANEL_LIMIT),
            "today": day,
            "days": DUE_SOON_DAYS,
            "next": request.get_full_path() if request else "/",
        },
        order=25,
        cases=[item.case_id for item in items],
    )


def continuity_panel(staff, request):
    if staff.role not in (Role.CASEWORKER, Role.SENIOR_CASEWORKER):
        return None
    cases = Case.objects.filter(caseworker=staff, status=CaseStatus.OPEN)
    not_met = continuity.not_met_cases(cases)
    count = not_met.count()  # the whole caseload counted in SQL, only the listed cases read
    listed = list(not_met.select_related("household").order_by("number")[:PANEL_LIMIT])
    names = applicant_names([c.household_id for c in listed])
    for c in listed:
        c.applicant_name = names.get(c.household_id, "")
    return Panel(
        title="Klienter du inte har träffat",
        template="selfsupport/panels/continuity.html",
        context={
            "count": count,
            "total": cases.count(),
            "cases": listed,
            "more": max(0, count - PANEL_LIMIT),
        },
        order=30,
        cases=[c.pk for c in listed],
    )


def applicant_names(household_ids) -> dict[int, str]:
    rows = HouseholdMember.objects.filter(
        household_id__in=household_ids, role=MemberRole.APPLICANT, valid_to__isnull=True
    ).values_list("household_id", "person__first_name", "person__last_name")
    return {h: f"{first} {last}" for h, first, last in rows}


def time_panel(staff, request):
    """Caseworkers see their own share this month; unit managers see each unit's share."""
    if staff.role not in access.CASE_ROLES:
        return None
    day = today()
    start = first_of_month(day)
    units = list(staff.units.select_related("district__municipality").order_by("name"))
    goal = client_meeting_time_goal(units[0].district.municipality if units else None, day)
    context = {"goal": goal, "month_label": month_name(start), "row": None, "units": []}
    if staff.role == Role.UNIT_MANAGER:
        for unit in units:
            workers = StaffMember.objects.filter(
                units=unit, role__in=[Role.CASEWORKER, Role.SENIOR_CASEWORKER]
            )
            total = unit_total(staff_time_rows(workers.select_related("user"), start, day))
            context["units"].append(
                {"unit": unit, "total": total, "below": total.share is not None and total.share < goal}
            )
    else:
        row = staff_time_rows([staff], start, day)[0]
        context.update(row=row, below=row.result.share is not None and row.result.share < goal)
    return Panel(title="Tid med klienter", template="selfsupport/panels/time.html", context=context, order=40)


def case_file_section(case, request):
    return Panel(
        title="Väg till självförsörjning",
        template="selfsupport/panels/case_section.html",
        context={
            "case": case,
            "info": summary.case_summary(case, today()),
            "exit_reason": EXIT_REASON_BY_CODE.get(case.exit_reason),
        },
        order=10,
    )


def row_flags(cases, staff) -> dict[int, list[str]]:
    cases = list(cases)
    flags: dict[int, list[str]] = {}
    not_met = continuity.not_met_cases(Case.objects.filter(pk__in=[c.pk for c in cases]))
    for case_id in sorted(not_met.values_list("pk", flat=True)):
        flags.setdefault(case_id, []).append(continuity.NOT_MET_FLAG)
    open_ids = [c.pk for c in cases if c.status == CaseStatus.OPEN]
    for case_id in plans.overdue_case_ids(open_ids, today()):
        flags.setdefault(case_id, []).append(plans.OVERDUE_FLAG)
    return flags


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def timeline(case) -> list[TimelineEntry]:
    """Meetings, assessments, plans, follow-ups, barriers, reminders and the closing, in Swedish."""
    base = f"/sjalvforsorjning/arenden/{case.pk}/"
    entries = []
    for m in Meeting.objects.filter(case=case).prefetch_related(
        "persons", Prefetch("staff", queryset=StaffMember.objects.select_related("user"))
    ):
        when = timezone.localtime(m.starts_at)
        if m.status == MeetingStatus.BOOKED:
            title = f"{m.get_kind_display()} bokat {when:%Y-%m-%d kl. %H:%M}"
            text = f"{m.get_mode_display()}, {m.duration_minutes} min"
            at = m.booked_at
        else:
            title = f"{m.get_kind_display()}: {m.get_status_display().lower()}"
            who = ", ".join([p.full_name for p in m.persons.all()] + [s.full_name for s in m.staff.all()])
            text = (
                f"{m.get_mode_display()}, {m.duration_minutes} min. Deltog: {who}"
                if m.is_held
                else m.get_mode_display()
            )
            if m.note and not m.journal_note_id:
                text += f". {m.note}"
            at = m.starts_at
        entries.append(
            TimelineEntry(
                at, "meeting", title, text, reverse("selfsupport:meeting_record", args=[case.pk, m.pk])
            )
        )
    for a in Assessment.objects.filter(case=case).select_related("person", "assessed_by__user"):
        entries.append(
            TimelineEntry(
                _at(a.assessed_on),
                "assessment",
                f"Bedömning av livsområden för {a.person.full_name}",
                f"Gjord av {a.assessed_by.full_name}" if a.assessed_by else "",
                reverse("selfsupport:assessment_detail", args=[case.pk, a.pk]),
            )
        )
    for p in (
        ActionPlan.objects.filter(case=case).select_related("person").annotate(goal_count=Count("goals"))
    ):
        goals = p.goal_count
        entries.append(
            TimelineEntry(
                _at(p.established_on),
                "plan",
                f"Genomförandeplan för {p.person.full_name}",
                f"{goals} mål. Uppföljning senast {p.next_follow_up_due:%Y-%m-%d}.",
                reverse("selfsupport:plan_detail", args=[case.pk, p.pk]),
            )
        )
    for f in FollowUp.objects.filter(plan__case=case).select_related("plan__person"):
        entries.append(
            TimelineEntry(
                _at(f.held_on),
                "follow_up",
                f"Uppföljning av genomförandeplan för {f.plan.person.full_name}",
                f"Nästa uppföljning senast {f.next_due:%Y-%m-%d}.",
                reverse("selfsupport:plan_detail", args=[case.pk, f.plan_id]),
            )
        )
    for b in case.barriers.select_related("person"):
        code = BARRIER_BY_CODE.get(b.code)
        entries.append(
            TimelineEntry(
                min(b.registered_at, _at(last_of_month(b.month))),
                "barrier",
                f"Försörjningshinder för {month_name(b.month)}",
                f"{b.person.full_name}: {code.label if code else b.code}",
                f"{base}forsorjningshinder/?manad={b.month:%Y-%m}",
            )
        )
    for r in Reminder.objects.filter(case=case).select_related("staff__user"):
        if r.done_at:
            entries.append(
                TimelineEntry(
                    r.done_at,
                    "reminder",
                    f"Bevakning klar: {r.text}",
                    f"Bevakning till {r.due_on:%Y-%m-%d}",
                    f"{base}bevakningar/",
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    r.created_at,
                    "reminder",
                    f"Bevakning till {r.due_on:%Y-%m-%d}: {r.text}",
                    f"Bevakas av {r.staff.full_name}",
                    f"{base}bevakningar/",
                )
            )
    if case.status == CaseStatus.CLOSED and case.closed_on:
        reason = EXIT_REASON_BY_CODE.get(case.exit_reason)
        entries.append(
            TimelineEntry(
                _at(case.closed_on),
                "closed",
                "Ärendet avslutat",
                f"Avslutsorsak: {reason.label if reason else 'ej angiven'}",
                base,
            )
        )
    return entries


def journal_entries(case) -> list:
    """JOURNAL_SOURCES entry: notes of recorded meetings that have no journal note of their own.

    A meeting recorded in Bistånd writes its note to the journal (meetings.record_meeting); meetings
    brought over from earlier records carry their note on the meeting only, and belong in the journal too.
    """
    from django.utils.formats import date_format

    from bistand.casework.extensions import SIGNED_AT, JournalEntry
    from bistand.selfsupport.meetings import describe

    entries = []
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(case=case, journal_note_id__isnull=True)
        .exclude(note="")
        .exclude(status=MeetingStatus.BOOKED)
        .select_related("recorded_by__user", "booked_by__user")
    )
    for m in meetings:
        when = timezone.localtime(m.recorded_at or m.starts_at)
        author = m.recorded_by or m.booked_by
        heading = describe(m) if m.is_held else f"{m.get_kind_display()}: {m.get_status_display().lower()}"
        entries.append(
            JournalEntry(
                occurred_on=timezone.localtime(m.starts_at).date(),
                heading=heading,
                text=m.note,
                signature=f"Registrerad {date_format(when, SIGNED_AT)}"
                + (f" av {author.full_name}" if author else ""),
                source="Anteckning från mötet",
                url=reverse("selfsupport:meeting_record", args=[case.pk, m.pk]),
                # Imported rows may say "recorded" later than now: such a note sorts by the meeting's time.
                written_at=m.recorded_at if m.recorded_at and m.recorded_at <= now else m.starts_at,
            )
        )
    return entries


def register() -> None:
    """Add this area's hooks once (ready() may run more than once in tests)."""
    for registry, fn in (
        (extensions.START_PAGE_PANELS, follow_ups_panel),
        (extensions.START_PAGE_PANELS, reminders_panel),
        (extensions.START_PAGE_PANELS, continuity_panel),
        (extensions.START_PAGE_PANELS, time_panel),
        (extensions.CASE_FILE_SECTIONS, case_file_section),
        (extensions.TIMELINE_SOURCES, timeline),
        (extensions.CASE_ROW_FLAGS, row_flags),
        (extensions.DECISION_CHECKS, barriers.decision_check),
        (extensions.QUEUE_CHECKS, barriers.queue_check),
        (extensions.JOURNAL_SOURCES, journal_entries),
    ):
        if fn not in registry:
            registry.append(fn)
