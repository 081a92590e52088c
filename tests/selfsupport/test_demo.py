"""The demo data generator: deterministic per seed, and the demo user sees every situation."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F

from bistand.cases.models import CaseAssignment
from bistand.demo.selfsupport import populate, reference_day
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import MemberRole
from bistand.selfsupport import continuity
from bistand.selfsupport.models import ActionPlan, Meeting, Reminder
from tests.casework.factories import make_case, make_household, make_person, make_staff, make_unit

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def small_city():
    unit = make_unit()
    user = User.objects.create_user(username="handlaggare", first_name="Sara", last_name="Lindqvist")
    demo_user = StaffMember.objects.create(user=user, role=Role.CASEWORKER)
    demo_user.units.add(unit)
    other = make_staff(unit, first_name="Per", last_name="Ek")
    for n in range(24):
        worker = demo_user if n % 3 else other
        adult = make_person(
            birth=date(1970 + n, 1 + n % 12, 1 + n), first_name=f"Person{n}", last_name="Test"
        )
        household = make_household(
            unit.district, [(adult, MemberRole.APPLICANT)], valid_from=date(2024, 1, 1)
        )
        opened = date(2024, 1, 10) if n % 4 else date(2026, 9, 10)
        case = make_case(household, unit, caseworker=worker, opened_on=opened)
        CaseAssignment.objects.create(
            case=case, caseworker=worker, start_date=opened if n % 5 else date(2026, 10, 1)
        )
    return demo_user


def snapshot():
    return sorted(
        Meeting.objects.values_list("case__number", "kind", "mode", "status", "starts_at", "duration_minutes")
    )


def test_demo_is_deterministic_and_shows_every_situation_for_the_demo_user():
    demo_user = small_city()
    ctx = SimpleNamespace(seed=7, as_of=date(2026, 11, 1), today=TODAY)
    assert reference_day(ctx) == TODAY
    with transaction.atomic():
        first_counts = populate(ctx)
        first = snapshot()
        transaction.set_rollback(True)
    counts = populate(ctx)
    assert counts == first_counts and snapshot() == first
    assert counts["meetings"] > 24 and counts["plans"] > 0

    cases = list(demo_user.cases.all())
    assert len(continuity.not_met_case_ids(cases)) >= 4
    plans = ActionPlan.objects.filter(case__caseworker=demo_user, status="active")
    assert plans.filter(next_follow_up_due__lt=TODAY).count() >= 3  # overdue
    assert plans.filter(next_follow_up_due__gte=TODAY, next_follow_up_due__lte=date(2026, 12, 7)).count() >= 3
    assert (
        Reminder.objects.filter(staff=demo_user, done_at__isnull=True, due_on__lte=date(2026, 12, 7)).count()
        >= 3
    )
    # Plans and assessments never predate their case; nothing is held in the future; bookings lie ahead.
    assert not ActionPlan.objects.filter(established_on__lt=F("case__opened_on")).exists()
    assert not Meeting.objects.filter(status="held", starts_at__date__gt=TODAY).exists()
    assert not Meeting.objects.filter(status="booked", starts_at__date__lte=TODAY).exists()
