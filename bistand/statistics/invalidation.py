"""Mark stored monthly aggregates stale when a write reaches back into a closed month.

Each source of the monthly figures names the earliest day a saved or deleted row can affect (for a
case: the day it was opened, which precedes everything attributed to it). When that day lies in a month
that has already ended, a StatisticsChange row is written in the same transaction as the change, and
the aggregates of that month and every later month are recomputed on their next use
(bistand.statistics.aggregates). Writes for the current month, the usual case, add nothing.

Staffing is not dated in the data model and past months use today's staffing, so a change of a
caseworker's role, employment rate, hours or units reaches back to every month.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

EVERY_MONTH = date(1900, 1, 1)


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def mark_stale(*days) -> None:
    """Record that the figures of the months of `days` (the earliest counts) and later may have changed."""
    from bistand.statistics.models import StatisticsChange

    known = [d for d in (_day(v) for v in days) if d is not None]
    if not known:
        return
    earliest = min(known).replace(day=1)
    if earliest < timezone.localdate().replace(day=1):
        StatisticsChange.objects.create(from_month=earliest)


def _sources():
    from bistand.cases.models import Application, Case, CaseAssignment, Decision, Payment
    from bistand.people.models import HouseholdMember
    from bistand.selfsupport.models import (
        Absence,
        ActionPlan,
        FollowUp,
        GoalReview,
        Meeting,
        MeetingParty,
        PlanStep,
    )

    return {
        Payment: lambda p: (p.month,),
        Decision: lambda d: (d.month, d.decided_on),
        Application: lambda a: (a.month, a.received_at),
        Case: lambda c: (c.opened_on, c.closed_on),
        CaseAssignment: lambda a: (a.start_date, a.end_date),
        HouseholdMember: lambda m: (m.valid_from, m.valid_to),
        Meeting: lambda m: (m.starts_at,),
        MeetingParty: lambda p: (p.meeting.starts_at,),
        ActionPlan: lambda p: (p.established_on, p.ended_on),
        PlanStep: lambda s: (s.plan.established_on, s.start_on),
        FollowUp: lambda f: (f.held_on,),
        GoalReview: lambda r: (r.follow_up.held_on,),
        Absence: lambda a: (a.start_date,),
    }


STAFF_FIELDS = ("role", "employment_rate", "weekly_hours_full_time")


def _staff_changed(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        return  # a new staff member belongs to no unit until units are added (m2m_changed)
    old = sender.objects.filter(pk=instance.pk).values(*STAFF_FIELDS).first()
    if old and any(old[f] != getattr(instance, f) for f in STAFF_FIELDS):
        mark_stale(EVERY_MONTH)


def connect() -> None:
    from bistand.organisation.models import StaffMember
    from bistand.selfsupport.models import Meeting

    for model, days in _sources().items():

        def handler(sender, instance, _days=days, **kwargs):
            mark_stale(*_days(instance))

        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"stats-save-{model.__name__}")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"stats-del-{model.__name__}")

    def meeting_people(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            starts = getattr(instance, "starts_at", None)
            mark_stale(starts if starts is not None else EVERY_MONTH)

    for through in (Meeting.staff.through, Meeting.persons.through):
        m2m_changed.connect(meeting_people, sender=through, weak=False, dispatch_uid=f"stats-m2m-{through}")

    def staff_units(sender, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            mark_stale(EVERY_MONTH)

    m2m_changed.connect(staff_units, sender=StaffMember.units.through, weak=False, dispatch_uid="stats-units")
    pre_save.connect(_staff_changed, sender=StaffMember, weak=False, dispatch_uid="stats-staff")
