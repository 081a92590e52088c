"""Mark stored monthly aggregates stale when a write reaches back into a closed month.

Each source of the monthly figures names the earliest day a saved or deleted row can affect (for a
case: the day it was opened, which precedes everything attributed to it). When that day lies in a month
that has already ended, a StatisticsChange row is written in the same transaction as the change, and
the aggregates of that month and every later month are recomputed on their next use
(bistand.statistics.aggregates). Writes for the current month, the usual case, add nothing.

Staffing is not dated in the data model and past months use today's staffing, so a change of a
caseworker's role, employment rate, hours or units reaches back to every month; so does a unit moved to
another district, or a district added, renamed or removed (district figures use today's organisation).
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
    from bistand.cases.models import Application, CaseAssignment, Decision, Payment
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

    # model: (the fields the figures read, the days a row's figures rest on)
    return {
        Payment: (("case_id", "month", "amount"), lambda p: (p.month,)),
        Decision: (
            ("case_id", "application_id", "corrects_id", "month", "decided_on"),
            lambda d: (d.month, d.decided_on),
        ),
        Application: (("case_id", "kind", "received_at"), lambda a: (a.month, a.received_at)),
        CaseAssignment: (
            ("case_id", "caseworker_id", "start_date", "end_date"),
            lambda a: (a.start_date, a.end_date),
        ),
        HouseholdMember: (
            ("household_id", "person_id", "role", "valid_from", "valid_to"),
            lambda m: (m.valid_from, m.valid_to),
        ),
        Meeting: (
            ("case_id", "kind", "mode", "status", "starts_at", "duration_minutes"),
            lambda m: (m.starts_at,),
        ),
        MeetingParty: (("meeting_id", "party"), lambda p: (p.meeting.starts_at,)),
        ActionPlan: (
            ("case_id", "person_id", "status", "established_on", "ended_on"),
            lambda p: (p.established_on, p.ended_on),
        ),
        PlanStep: (
            ("plan_id", "intervention", "start_on", "end_on"),
            lambda s: (s.plan.established_on, s.start_on, s.end_on),
        ),
        FollowUp: (("plan_id", "held_on", "next_due"), lambda f: (f.held_on,)),
        GoalReview: (("follow_up_id", "goal_id", "progress"), lambda r: (r.follow_up.held_on,)),
        Absence: (("staff_id", "start_date", "end_date", "extent"), lambda a: (a.start_date,)),
    }


STAFF_FIELDS = ("role", "employment_rate", "weekly_hours_full_time")


def _staff_changed(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        return  # a new staff member belongs to no unit until units are added (m2m_changed)
    old = sender.objects.filter(pk=instance.pk).values(*STAFF_FIELDS).first()
    if old and any(old[f] != getattr(instance, f) for f in STAFF_FIELDS):
        mark_stale(EVERY_MONTH)


CASE_FIELDS = ("unit_id", "household_id", "caseworker_id", "status", "opened_on", "closed_on", "exit_reason")


def case_change_reaches_back(old: dict | None, new) -> list:
    """The days from which a case's save can change the figures (pure, for the pre_save handler).

    A case is saved often (status, caseworker); only what moves past months counts: its unit or
    household (every month since it opened), its dates, its exit reason (the closing month), its
    status while it has no closing date, and its caseworker when it has no assignment history.
    """
    if old is None:
        return [new.opened_on, new.closed_on]
    days = []
    if old["unit_id"] != new.unit_id or old["household_id"] != new.household_id:
        days.append(min(old["opened_on"], new.opened_on))
    if old["opened_on"] != new.opened_on:
        days += [old["opened_on"], new.opened_on]
    if old["closed_on"] != new.closed_on:
        days += [old["closed_on"], new.closed_on]
    if old["exit_reason"] != new.exit_reason:
        days.append(new.closed_on or old["closed_on"])
    if old["status"] != new.status and new.closed_on is None and old["closed_on"] is None:
        days.append(new.opened_on)
    if old["caseworker_id"] != new.caseworker_id and not new.assignments.exists():
        days.append(new.opened_on)
    return days


def _case_saved(sender, instance, **kwargs) -> None:
    old = sender.objects.filter(pk=instance.pk).values(*CASE_FIELDS).first() if instance.pk else None
    mark_stale(*case_change_reaches_back(old, instance))


def _unit_moved(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("district_id", flat=True).first()
    if old is not None and old != instance.district_id:
        mark_stale(EVERY_MONTH)  # district figures use each unit's current district


def _district_changed(sender, **kwargs) -> None:
    mark_stale(EVERY_MONTH)


def connect() -> None:
    from bistand.cases.models import Case
    from bistand.organisation.models import District, StaffMember, Unit
    from bistand.selfsupport.models import Meeting

    for model, (watched, days) in _sources().items():

        def before(sender, instance, _watched=watched, _days=days, **kwargs):
            # A save that changes none of the fields the figures read (most saves) reaches back nowhere.
            old = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
            if old is not None and all(getattr(old, f) == getattr(instance, f) for f in _watched):
                instance._stats_days = ()
            else:
                instance._stats_days = (*_days(instance), *(_days(old) if old is not None else ()))

        def after(sender, instance, _days=days, **kwargs):
            stashed = instance.__dict__.pop("_stats_days", None)  # set by `before` for this save only
            mark_stale(*(_days(instance) if stashed is None else stashed))

        uid = model.__name__
        pre_save.connect(before, sender=model, weak=False, dispatch_uid=f"stats-before-{uid}")
        post_save.connect(after, sender=model, weak=False, dispatch_uid=f"stats-save-{uid}")
        post_delete.connect(after, sender=model, weak=False, dispatch_uid=f"stats-del-{uid}")

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
    pre_save.connect(_case_saved, sender=Case, weak=False, dispatch_uid="stats-case")
    post_delete.connect(
        lambda sender, instance, **kw: mark_stale(instance.opened_on),
        sender=Case,
        weak=False,
        dispatch_uid="stats-case-del",
    )
    pre_save.connect(_staff_changed, sender=StaffMember, weak=False, dispatch_uid="stats-staff")
    pre_save.connect(_unit_moved, sender=Unit, weak=False, dispatch_uid="stats-unit")
    post_save.connect(_district_changed, sender=District, weak=False, dispatch_uid="stats-district")
    post_delete.connect(_district_changed, sender=District, weak=False, dispatch_uid="stats-district-del")
