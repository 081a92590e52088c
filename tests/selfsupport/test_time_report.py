"""Time with clients from recorded meetings and absences (data collection around time_share.py)."""

from datetime import date
from decimal import Decimal

import pytest

from bistand.rules.municipal import DEFAULT_CLIENT_TIME_GOAL
from bistand.selfsupport.common import client_meeting_time_goal
from bistand.selfsupport.meetings import book_meeting, record_meeting
from bistand.selfsupport.models import Absence
from bistand.selfsupport.time_report import staff_time_rows, unit_total
from tests.casework.factories import make_municipality
from tests.selfsupport.world import aware, build_world

pytestmark = pytest.mark.django_db


def held(world, when, minutes, staff, persons, extra_staff=()):
    meeting = book_meeting(
        world.case, staff, kind="follow_up_visit", mode="in_person", starts_at=when, duration_minutes=minutes
    )
    return record_meeting(
        meeting,
        staff,
        status="held",
        starts_at=when,
        duration_minutes=minutes,
        mode="in_person",
        persons=persons,
        staff_members=[staff, *extra_staff],
    )


def test_december_share_for_two_workers_and_their_unit():
    world = build_world()
    world.sara.employment_rate = Decimal("80")
    world.sara.save()
    Absence.objects.create(
        staff=world.sara, kind="sick", start_date=date(2026, 12, 7), end_date=date(2026, 12, 7)
    )
    Absence.objects.create(
        staff=world.sara, kind="vacation", start_date=date(2026, 12, 28), end_date=date(2027, 1, 8)
    )
    # Counted: two held meetings with the client, 90 + 60 min; Olle took part in the second one too.
    held(world, aware(2026, 12, 2), 90, world.sara, [world.amira])
    held(world, aware(2026, 12, 9), 60, world.sara, [world.amira, world.karim], extra_staff=[world.olle])
    # Not counted: a meeting without the client, a booked meeting, a meeting in November.
    held(world, aware(2026, 12, 10), 45, world.sara, [])
    book_meeting(
        world.case,
        world.sara,
        kind="planning_visit",
        mode="video",
        starts_at=aware(2026, 12, 15),
        duration_minutes=60,
    )
    held(world, aware(2026, 11, 30), 60, world.sara, [world.amira])

    rows = {
        r.staff.pk: r
        for r in staff_time_rows([world.sara, world.olle], date(2026, 12, 1), date(2026, 12, 31))
    }
    sara, olle = rows[world.sara.pk], rows[world.olle.pk]
    # Sara: 20 working days (see test_time_share) × 6.4 h = 128 h − 4 days absent (7, 28, 29, 30 Dec)
    # × 6.4 h = 25.6 h -> 102.4 h = 6 144 min; meetings 90 + 60 = 150 min -> 150 / 6 144.
    assert sara.result.working_minutes == Decimal(6144)
    assert (sara.result.meeting_minutes, sara.meetings) == (150, 2)
    assert sara.result.share == Decimal(150) / Decimal(6144)
    # Olle: full time, 20 × 8 h = 160 h = 9 600 min; one meeting of 60 min -> 60 / 9 600 = 0.00625.
    assert olle.result.working_minutes == Decimal(9600)
    assert olle.result.share == Decimal("0.00625")
    # Unit: (150 + 60) / (6 144 + 9 600) = 210 / 15 744.
    total = unit_total([sara, olle])
    assert (total.meeting_minutes, total.working_minutes) == (210, Decimal(15744))


def test_goal_is_the_municipal_parameter_with_a_fallback():
    demostad = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    # demostad.toml, version from 2024-01-01: client_meeting_time_goal = "0.25".
    assert client_meeting_time_goal(demostad, date(2026, 11, 1)) == Decimal("0.25")
    unknown = make_municipality(name="Testby", code="9998", rules_code="testby_utan_parametrar")
    assert client_meeting_time_goal(unknown, date(2026, 11, 1)) == DEFAULT_CLIENT_TIME_GOAL
