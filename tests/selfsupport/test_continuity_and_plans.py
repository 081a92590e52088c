"""'Ej träffad' after a change of caseworker, follow-up scheduling and the flags on the case rows."""

from datetime import date
from unittest import mock

import pytest

from bistand.cases.models import Case, CaseAssignment
from bistand.casework import extensions
from bistand.journal.models import JournalNote
from bistand.selfsupport import continuity, hooks
from bistand.selfsupport.meetings import book_meeting, record_meeting
from bistand.selfsupport.models import GoalProgress, MeetingStatus
from bistand.selfsupport.plans import ActivePlanExists, GoalInput, create_plan, record_follow_up
from tests.selfsupport.world import aware, build_world

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def world():
    return build_world()


@pytest.fixture(autouse=True)
def fixed_today():
    with mock.patch("bistand.selfsupport.hooks.today", return_value=TODAY):
        yield


def meet(world, when, staff, mode="in_person", status=MeetingStatus.HELD, persons=None):
    meeting = book_meeting(
        world.case, staff, kind="planning_visit", mode=mode, starts_at=when, duration_minutes=60
    )
    return record_meeting(
        meeting,
        staff,
        status=status,
        starts_at=when,
        duration_minutes=60,
        mode=mode,
        persons=[world.amira] if persons is None else persons,
        note="Vi pratade om SFI.",
    )


def not_met(world) -> bool:
    """Whether Amira's case is "Ej träffad", asked both ways: per case and in SQL for a whole caseload."""
    in_sql = continuity.not_met_cases(Case.objects.all()).filter(pk=world.case.pk).exists()
    assert in_sql == continuity.is_not_met(world.case)
    return in_sql


def test_the_new_caseworker_has_not_met_the_client_until_a_meeting_after_the_takeover(world):
    # Olle met Amira in June; Sara took over on 1 September.
    meet(world, aware(2026, 6, 10), world.olle)
    assert continuity.not_met_case_ids([world.case]) == {world.case.pk}
    assert hooks.row_flags([world.case], world.sara) == {world.case.pk: ["Ej träffad"]}
    # Sara met her before the takeover (as a colleague at a visit in August): still not since the assignment.
    meet(world, aware(2026, 8, 20), world.sara)
    assert not_met(world)
    # A phone call, a meeting without the client and a booked-only meeting do not count.
    meet(world, aware(2026, 9, 15), world.sara, mode="phone")
    meet(world, aware(2026, 9, 16), world.sara, persons=[])
    book_meeting(
        world.case,
        world.sara,
        kind="planning_visit",
        mode="in_person",
        starts_at=aware(2026, 11, 30),
        duration_minutes=60,
    )
    assert not_met(world)
    # A video meeting with Amira on 2 October does.
    meet(world, aware(2026, 10, 2), world.sara, mode="video")
    assert not not_met(world)
    assert hooks.row_flags([world.case], world.sara) == {}


def test_a_meeting_just_after_midnight_on_the_takeover_day_counts(world):
    # Sara took over on 1 September; 00:30 in Stockholm that day is still 31 August in UTC.
    meet(world, aware(2026, 8, 31, 23, 30), world.sara)
    assert not_met(world)
    meet(world, aware(2026, 9, 1, 0, 30), world.sara)
    assert not not_met(world)


def test_never_met_count_on_the_start_page(world):
    assert continuity.never_met_count(world.sara) == (1, 1)
    meet(world, aware(2026, 9, 3), world.sara)
    assert continuity.never_met_count(world.sara) == (0, 1)
    # The case moves on to Olle again: now he has not met her since his new assignment began.
    CaseAssignment.objects.filter(case=world.case, caseworker=world.sara).update(end_date=date(2026, 11, 1))
    CaseAssignment.objects.create(case=world.case, caseworker=world.olle, start_date=date(2026, 11, 2))
    world.case.caseworker = world.olle
    world.case.save()
    assert continuity.never_met_count(world.olle) == (1, 1)
    assert continuity.never_met_count(world.sara) == (0, 0)


def test_recording_a_meeting_writes_a_journal_note(world):
    meeting = meet(world, aware(2026, 11, 2, 9, 30), world.sara)
    note = JournalNote.objects.get(pk=meeting.journal_note_id)
    assert note.case == world.case and note.author == world.sara
    assert note.occurred_on == date(2026, 11, 2)
    assert note.heading == "Planeringsbesök, fysiskt möte, 60 min"
    assert note.text == "Vi pratade om SFI.\n\nDeltagare: Amira Hassan, Sara Lind"


def plan(world, established_on=date(2026, 8, 15), replaces=None):
    return create_plan(
        world.case,
        world.amira,
        world.sara,
        established_on=established_on,
        goals=[
            GoalInput(
                "Jag vill kunna prata svenska på jobbet",
                steps=[{"intervention": "sfi", "responsible": "client"}],
            ),
            GoalInput(
                "Jag vill jobba i butik",
                steps=[{"intervention": "work_training", "responsible": "municipal_labour"}],
            ),
        ],
        client_participated=True,
        agreed_on=established_on,
        agreement_method="signed",
        replaces=replaces,
    )


def test_follow_up_is_due_three_months_after_the_plan_then_after_each_follow_up(world):
    p = plan(world)
    assert p.next_follow_up_due == date(2026, 11, 15)  # 15 Aug + 3 months
    # Today is 23 Nov: overdue, flagged on the case row and listed first on the start page.
    assert hooks.row_flags([world.case], world.sara)[world.case.pk] == ["Ej träffad", "Uppföljning försenad"]
    panel = hooks.follow_ups_panel(world.sara, None)
    assert [pl.pk for pl in panel.context["plans"]] == [p.pk]
    assert panel.context["overdue_count"] == 1
    goals = list(p.goals.all())
    follow = record_follow_up(
        p,
        world.sara,
        held_on=date(2026, 11, 20),
        reviews=[
            (goals[0], GoalProgress.PROGRESSING, "Läser SFI kurs C"),
            (goals[1], GoalProgress.NOT_PROGRESSING, ""),
        ],
    )
    p.refresh_from_db()
    assert follow.next_due == p.next_follow_up_due == date(2027, 2, 20)  # 20 Nov + 3 months
    assert "Uppföljning försenad" not in hooks.row_flags([world.case], world.sara).get(world.case.pk, [])
    assert hooks.follow_ups_panel(world.sara, None).context["plans"] == []
    # An earlier date is allowed, a later one is capped at three months.
    follow = record_follow_up(
        p, world.sara, held_on=date(2026, 11, 22), reviews=[], next_due=date(2027, 6, 1)
    )
    assert follow.next_due == date(2027, 2, 22)
    follow = record_follow_up(
        p, world.sara, held_on=date(2026, 11, 23), reviews=[], next_due=date(2026, 12, 15)
    )
    p.refresh_from_db()
    assert p.next_follow_up_due == date(2026, 12, 15)


def test_a_new_plan_ends_the_previous_one_only_when_told_to(world):
    first = plan(world, date(2026, 5, 1))
    with pytest.raises(ActivePlanExists):
        plan(world, date(2026, 9, 1))
    first.refresh_from_db()
    assert first.status == "active"
    second = plan(world, date(2026, 9, 1), replaces=first)
    first.refresh_from_db()
    assert (first.status, first.ended_on) == ("ended", date(2026, 9, 1))
    assert second.is_active and second.goals.count() == 2 and second.steps.count() == 2


def test_timeline_lists_meetings_plans_and_barriers_in_swedish(world):
    meet(world, aware(2026, 11, 2), world.sara)
    plan(world)
    entries = hooks.timeline(world.case)
    titles = {e.title for e in entries}
    assert "Planeringsbesök: genomfört" in titles
    assert "Genomförandeplan för Amira Hassan" in titles
    assert hooks.timeline in extensions.TIMELINE_SOURCES
    assert hooks.row_flags in extensions.CASE_ROW_FLAGS


def test_start_page_panels_for_a_caseworker_and_a_unit_manager(world):
    for staff in (world.sara, world.manager):
        panels = [fn(staff, None) for fn in extensions.START_PAGE_PANELS if fn.__module__ == hooks.__name__]
        titles = [p.title for p in panels if p is not None]
        assert "Uppföljningar av genomförandeplaner" in titles and "Tid med klienter" in titles
    time_panel = hooks.time_panel(world.manager, None)
    assert [u["unit"] for u in time_panel.context["units"]] == [world.unit]
    assert hooks.continuity_panel(world.manager, None) is None  # managers hold no caseload of their own
    assert hooks.continuity_panel(world.sara, None).context["cases"][0].applicant_name == "Amira Hassan"
