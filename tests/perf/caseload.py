"""A caseload of any size for one caseworker, for tests that check a page's cost does not grow with it.

Every household has last month's recurring application decided (status only; the comparison needs no
decision rows) and this month's received with the same amounts, so each one is an "unchanged" row on the
start page — the heaviest kind, since each is compared with last month. Every third one is a couple, every
fifth has an item changed, and every seventh has no previous month, so all row kinds appear.
"""

from datetime import date, datetime

from django.utils import timezone

from bistand.cases.models.application import ApplicationStatus
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from bistand.selfsupport.models import (
    ActionPlan,
    FollowUp,
    Goal,
    GoalProgress,
    GoalReview,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    Reminder,
)
from tests.casework.factories import (
    make_application,
    make_case,
    make_household,
    make_person,
    make_staff,
    make_unit,
)

THIS_MONTH, LAST_MONTH = date(2026, 12, 1), date(2026, 11, 1)


def caseload(size: int, unit=None, worker=None, unassigned: int = 0):
    """`size` open cases for one caseworker in one unit, and `unassigned` open cases nobody holds yet (the
    unit's work queue); returns (unit, worker, manager)."""
    unit = unit or make_unit()
    worker = worker or make_staff(unit, role=Role.CASEWORKER)
    manager = make_staff(unit, role=Role.UNIT_MANAGER, first_name="Eva", last_name="Chef")
    for i in range(size):
        applicant = make_person(first_name=f"Sökande{i}")
        members = [(applicant, MemberRole.APPLICANT)]
        if i % 3 == 0:
            members.append((make_person(first_name=f"Partner{i}"), MemberRole.CO_APPLICANT))
        household = make_household(unit.district, members, valid_from=date(2024, 1, 1))
        case = make_case(household, unit, caseworker=worker, number=f"EB-{unit.pk}-{i + 1:05d}")
        items = [("cost", "rent", 5_000), ("cost", "electricity", 300)]
        if i % 7 != 0:
            previous = make_application(case, month=LAST_MONTH, items=items)
            previous.status = ApplicationStatus.DECIDED
            previous.save(update_fields=["status"])
        if i % 5 == 0:
            items = [("cost", "rent", 5_400), ("cost", "electricity", 300)]
        make_application(case, month=THIS_MONTH, items=items)
        _path_to_self_support(case, applicant, worker, i)
    for i in range(unassigned):
        applicant = make_person(first_name=f"Ny{i}")
        household = make_household(
            unit.district, [(applicant, MemberRole.APPLICANT)], valid_from=date(2026, 11, 1)
        )
        case = make_case(household, unit, number=f"EB-{unit.pk}-N{i + 1:04d}")
        make_application(case, month=THIS_MONTH, items=[("cost", "rent", 4_800)])
    return unit, worker, manager


def _path_to_self_support(case, applicant, worker, i: int) -> None:
    """A held meeting, an action plan with a goal and a follow-up (every other one overdue), a reminder."""
    held = Meeting.objects.create(
        case=case,
        kind=MeetingKind.FOLLOW_UP_VISIT,
        mode=MeetingMode.IN_PERSON,
        status=MeetingStatus.HELD,
        starts_at=timezone.make_aware(datetime(2026, 11, 2 + i % 20, 9)),
        duration_minutes=45,
    )
    held.staff.add(worker)
    held.persons.add(applicant)
    plan = ActionPlan.objects.create(
        case=case,
        person=applicant,
        established_on=date(2026, 8, 1),
        next_follow_up_due=date(2026, 11, 1) if i % 2 else date(2027, 1, 15),
    )
    goal = Goal.objects.create(plan=plan, text="Arbete inom vården", order=1)
    follow_up = FollowUp.objects.create(plan=plan, held_on=date(2026, 9, 1), next_due=date(2026, 11, 1))
    GoalReview.objects.create(follow_up=follow_up, goal=goal, progress=GoalProgress.choices[0][0])
    Reminder.objects.create(
        case=case, staff=worker, due_on=date(2026, 12, 3), text="Hyresavi", created_by=worker
    )
