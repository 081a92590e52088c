"""The writes of the path to self-support, each with its audit row in the same transaction.

Views parse the form and call one of these (keyword-only arguments); the domain functions they build on
(plans.py, meetings.py, barriers.py) hold the rules. Audit rows say in Swedish what was changed, never
what was written about the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bistand.audit.audit import Actor, AuditAction, record_by
from bistand.cases.codes import EXIT_REASON_BY_CODE
from bistand.cases.models import Case, CaseStatus
from bistand.journal.models import JournalNote
from bistand.organisation.models import StaffMember
from bistand.people.models import Person
from bistand.selfsupport import meetings, plans
from bistand.selfsupport.barriers import register_barrier
from bistand.selfsupport.models import (
    Absence,
    ActionPlan,
    Assessment,
    AssessmentRating,
    FollowUp,
    Goal,
    LifeArea,
    Meeting,
    Reminder,
)

PREFIX = "Självförsörjning: "


def _changed(actor: Actor, case: Case, what: str) -> None:
    record_by(actor, action=AuditAction.CHANGE, what=PREFIX + what, case=case)


@transaction.atomic
def record_assessment(
    *,
    case: Case,
    person: Person,
    assessed_on: date,
    summary: str,
    ratings: list[tuple[LifeArea, int | None, str]],
    actor: Actor,
) -> Assessment:
    """A new life-area assessment with one rating (and the client's own words) per life area."""
    assessment = Assessment.objects.create(
        case=case, person=person, assessed_on=assessed_on, assessed_by=actor.staff, summary=summary
    )
    AssessmentRating.objects.bulk_create(
        AssessmentRating(assessment=assessment, life_area=area, rating=value, client_words=words)
        for area, value, words in ratings
    )
    _changed(actor, case, "bedömning av livsområden sparad")
    return assessment


@transaction.atomic
def register_barriers(*, case: Case, month: date, codes: dict[Person, str], actor: Actor) -> None:
    """The barrier to self-support of each adult for one month (replacing that month's earlier ones)."""
    for person, code in codes.items():
        register_barrier(case, person, month, code, actor.staff)
    _changed(actor, case, f"försörjningshinder {month:%Y-%m}")


@transaction.atomic
def add_reminder(*, case: Case, staff: StaffMember, due_on: date, text: str, actor: Actor) -> Reminder:
    """A reminder on the case for `staff` (who watches it) on `due_on`."""
    reminder = Reminder.objects.create(
        case=case, staff=staff, due_on=due_on, text=text, created_by=actor.staff
    )
    _changed(actor, case, "bevakning skapad")
    return reminder


@transaction.atomic
def mark_reminder_done(*, reminder: Reminder, actor: Actor) -> bool:
    """Mark the reminder done now; False (and nothing written) when it was done already."""
    if reminder.done_at is not None:
        return False
    reminder.done_at = timezone.now()
    reminder.done_by = actor.staff
    reminder.save(update_fields=["done_at", "done_by"])
    _changed(actor, reminder.case, "bevakning markerad som klar")
    return True


@transaction.atomic
def close_case(*, case: Case, closed_on: date, exit_reason: str, note: str, actor: Actor) -> JournalNote:
    """Close the case with its exit reason: active plans end that day and a journal note says why."""
    reason = EXIT_REASON_BY_CODE[exit_reason]
    case.status = CaseStatus.CLOSED
    case.closed_on = closed_on
    case.exit_reason = reason.code
    case.save(update_fields=["status", "closed_on", "exit_reason"])
    plans.end_active_plans(case, closed_on)
    text = f"Ärendet avslutas per {closed_on:%Y-%m-%d}. Avslutsorsak: {reason.label}."
    if note.strip():
        text += "\n\n" + note.strip()
    journal_note = JournalNote.objects.create(
        case=case, author=actor.staff, occurred_on=closed_on, heading="Ärendet avslutat", text=text
    )
    _changed(actor, case, f"ärendet avslutat ({reason.label})")
    return journal_note


@transaction.atomic
def register_absence(
    *,
    staff: StaffMember,
    kind: str,
    start_date: date,
    end_date: date,
    extent: Decimal,
    note: str,
    actor: Actor,
) -> Absence:
    """A staff member's absence (it lowers their capacity in the unit's workload figures)."""
    absence = Absence.objects.create(
        staff=staff, kind=kind, start_date=start_date, end_date=end_date, extent=extent, note=note
    )
    record_by(
        actor,
        action=AuditAction.CREATE,
        what=f"{PREFIX}frånvaro registrerad för medarbetare {staff.pk} "
        f"({start_date:%Y-%m-%d}–{end_date:%Y-%m-%d})",
    )
    return absence


@transaction.atomic
def establish_plan(
    *,
    case: Case,
    person: Person,
    established_on: date,
    goals: list[plans.GoalInput],
    client_participated: bool,
    agreed_on: date | None,
    agreement_method: str,
    client_view: str,
    next_follow_up_due: date | None,
    replaces: ActionPlan | None,
    actor: Actor,
) -> ActionPlan:
    """A new action plan for one adult, ending the one it replaces (ActivePlanExists otherwise)."""
    plan = plans.create_plan(
        case,
        person,
        actor.staff,
        established_on=established_on,
        goals=goals,
        client_participated=client_participated,
        agreed_on=agreed_on,
        agreement_method=agreement_method,
        client_view=client_view,
        next_follow_up_due=next_follow_up_due,
        replaces=replaces,
    )
    if replaces is not None:
        _changed(actor, case, f"genomförandeplan från {replaces.established_on:%Y-%m-%d} avslutad")
    _changed(actor, case, "genomförandeplan upprättad")
    return plan


@transaction.atomic
def follow_up_plan(
    *,
    plan: ActionPlan,
    held_on: date,
    reviews: list[tuple[Goal, str, str]],
    note: str,
    next_due: date | None,
    actor: Actor,
) -> FollowUp:
    """A follow-up of the plan: how each goal went and when the next is due at the latest."""
    done = plans.record_follow_up(
        plan, actor.staff, held_on=held_on, reviews=reviews, note=note, next_due=next_due
    )
    _changed(actor, plan.case, "uppföljning av genomförandeplan")
    return done


@transaction.atomic
def book_meeting(
    *,
    case: Case,
    kind: str,
    mode: str,
    starts_at: datetime,
    duration_minutes: int,
    location: str,
    participants: Iterable[StaffMember],
    actor: Actor,
) -> Meeting:
    """Book a meeting; the booking caseworker takes part unless other staff are named."""
    meeting = meetings.book_meeting(
        case,
        actor.staff,
        kind=kind,
        mode=mode,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        participants=participants,
    )
    _changed(actor, case, f"möte bokat ({meeting.get_kind_display()})")
    return meeting


@transaction.atomic
def record_meeting(
    *,
    meeting: Meeting,
    status: str,
    starts_at: datetime,
    duration_minutes: int,
    mode: str,
    persons: Iterable[Person],
    staff_members: Iterable[StaffMember],
    parties: list[tuple[str, str]],
    note: str,
    labour_unit_name: str,
    actor: Actor,
) -> Meeting:
    """Record how a booked meeting went; its note becomes a journal note (meetings.record_meeting)."""
    meetings.record_meeting(
        meeting,
        actor.staff,
        status=status,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        mode=mode,
        persons=persons,
        staff_members=staff_members,
        parties=parties,
        note=note,
        labour_unit_name=labour_unit_name,
    )
    _changed(actor, meeting.case, f"möte registrerat ({meeting.get_kind_display()})")
    return meeting
