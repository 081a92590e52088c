"""Small helpers for the report tests: payments, decisions, meetings and plans on hand-built cases."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from django.utils import timezone

from bistand.cases.models import Decision, Payment
from bistand.selfsupport.models import ActionPlan, FollowUp, Meeting, MeetingParty
from tests.casework.factories import make_application

_keys = itertools.count(1)


def local(year, month, day, hour=10, minute=0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def decide(case, month: date, decided_on: date, application=None, outcome="granted", amount=0, corrects=None):
    return Decision.objects.create(
        case=case,
        application=application,
        month=month,
        outcome=outcome,
        total_granted=amount,
        decided_on=decided_on,
        legal_basis="4 kap. 1 § SoL",
        corrects=corrects,
    )


def pay(case, month: date, amount: int, decision=None) -> Payment:
    """A hand-made payment. Each stands for a need of its own (a case has one payment per month and
    need that is not a correction), so several payments of one month (extra needs, corrections) can be
    made; the reports sum them per month whatever the need."""
    decision = decision or decide(case, month, month, amount=amount)
    number = next(_keys)
    return Payment.objects.create(
        key=f"test-{number}",
        need=f"test-{number}",
        case=case,
        decision=decision,
        month=month,
        amount=amount,
        pay_date=month,
        recipient_name="Test",
    )


def first_application(case, month: date, received_at: datetime):
    return make_application(case, month=month, kind="first", received_at=received_at)


def meeting(
    case,
    kind,
    when: datetime,
    staff=(),
    minutes=60,
    status="held",
    parties=(),
    mode="in_person",
    clients=None,
):
    """clients: persons present; by default the household's applicant."""
    m = Meeting.objects.create(
        case=case, kind=kind, mode=mode, status=status, starts_at=when, duration_minutes=minutes
    )
    m.staff.set(staff)
    if clients is None:
        clients = [hm.person for hm in case.household.memberships.filter(role="applicant")]
    m.persons.set(clients)
    for party in parties:
        MeetingParty.objects.create(meeting=m, party=party)
    return m


def plan(case, person, established_on: date, follow_ups=(), ended_on=None):
    """follow_ups: [(held_on, next_due), …]."""
    p = ActionPlan.objects.create(
        case=case,
        person=person,
        established_on=established_on,
        status="ended" if ended_on else "active",
        ended_on=ended_on,
        next_follow_up_due=established_on,
    )
    for held_on, next_due in follow_ups:
        FollowUp.objects.create(plan=p, held_on=held_on, next_due=next_due)
    return p
