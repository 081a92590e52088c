"""Reads the per-person records and asks the pure rules (bistand.rules.reforms) what to flag.

Nothing here refuses or reduces assistance: flags are shown to the caseworker, who decides
(sanctions.py is the caseworker's explicit path).
"""

from __future__ import annotations

from datetime import date

from django.db import models, transaction

from bistand.audit.audit import Actor, AuditAction, record_by
from bistand.cases.codes import BARRIER_BY_CODE
from bistand.cases.models import Case
from bistand.cases.services import person_history
from bistand.people.models import HouseholdMember
from bistand.reforms.models import (
    Activity,
    ActivityExemption,
    Lease,
    MedicalCertificate,
    Participation,
    ResidenceStatus,
)
from bistand.rules import reforms as rules
from bistand.rules.months import age_on, last_of_month

ILLNESS_GROUP = "Sjuk"


def is_illness_barrier(code: str | None) -> bool:
    found = BARRIER_BY_CODE.get(code or "")
    return bool(found and found.group == ILLNESS_GROUP)


def adults(case, month: date) -> list:
    """The household's members on the month's last day who are 18 or older then."""
    end = last_of_month(month)
    return [m.person for m in case.household.members_on(end) if age_on(m.person.birth_date, end) >= 18]


def exemptions_of(person_id: int) -> list[rules.Exemption]:
    return [
        rules.Exemption(e.kind, e.start, e.end) for e in ActivityExemption.objects.filter(person_id=person_id)
    ]


def requirement_for(person, month: date) -> rules.Requirement:
    month = month.replace(day=1)
    return rules.activity_requirement(
        person.birth_date, month, person_history(person.pk, month), exemptions_of(person.pk)
    )


def activities_in(case, person, month: date) -> list[Activity]:
    month = month.replace(day=1)
    return [
        a
        for a in Activity.objects.filter(case=case, person=person).select_related("plan")
        if rules.overlaps(a.start, a.end, month)
    ]


def illness_barrier(case, person, month: date) -> bool:
    """The person's barrier for the month, else the latest registered before it, is illness-related."""
    row = case.barriers.filter(person=person, month__lte=month.replace(day=1)).order_by("-month").first()
    return is_illness_barrier(row.code if row else None)


def _statuses(person) -> list[tuple]:
    return [(r.status, r.start, r.end) for r in ResidenceStatus.objects.filter(person=person)]


def person_flags(case, person, month: date) -> list[str]:
    month = month.replace(day=1)
    name = person.full_name
    flags: list[str] = []
    requirement = requirement_for(person, month)
    activities = activities_in(case, person, month)
    participation = [
        (p.month, rules.Participation(p.attended_hours, p.unexcused_absence_hours, p.excused_absence_hours))
        for p in Participation.objects.filter(activity__case=case, activity__person=person)
    ]
    flags += rules.participation_flags(name, month, requirement.applies, bool(activities), participation)
    certificates = [(c.start, c.end) for c in MedicalCertificate.objects.filter(person=person)]
    flag = rules.certificate_flag(name, month, illness_barrier(case, person, month), certificates)
    if flag:
        flags.append(flag)
    flag = rules.residence_flag(name, month, _statuses(person))
    if flag:
        flags.append(flag)
    return flags


def application_flags(application) -> list[str]:
    """Warnings for the decision proposal (never blocking): one list for the whole household."""
    case, month = application.case, application.month
    flags: list[str] = []
    end = last_of_month(month)
    for membership in case.household.members_on(end):
        person = membership.person
        if age_on(person.birth_date, end) >= 18:
            flags += person_flags(case, person, month)
        else:  # a child: only the right of residence concerns them
            flag = rules.residence_flag(person.full_name, month, _statuses(person))
            flags += [flag] if flag else []
    has_rent = application.items.filter(category="cost", kind="rent", amount__gt=0).exists()
    leases = [
        (le.second_hand, le.consent_documented, le.start, le.end) for le in Lease.objects.filter(case=case)
    ]
    flag = rules.lease_flag(month, has_rent, leases)
    if flag:
        flags.append(flag)
    return flags


def person_overview(case, month: date) -> list[dict]:
    """For the reforms page: each current member with requirement, records and flags."""
    end = last_of_month(month)
    rows = []
    for membership in case.household.members_on(end):
        person = membership.person
        adult = age_on(person.birth_date, end) >= 18
        rows.append(
            {
                "person": person,
                "adult": adult,
                "requirement": requirement_for(person, month) if adult else None,
                "exemptions": ActivityExemption.objects.filter(person=person),
                "activities": Activity.objects.filter(case=case, person=person).prefetch_related(
                    "participation"
                ),
                "certificates": MedicalCertificate.objects.filter(person=person),
                "residence": ResidenceStatus.objects.filter(person=person),
                "illness": illness_barrier(case, person, month),
                "flags": person_flags(case, person, month) if adult else [],
            }
        )
    return rows


def members_of(case) -> list[int]:
    return list(HouseholdMember.objects.filter(household=case.household).values_list("person_id", flat=True))


@transaction.atomic
def add_record(*, record: models.Model, case: Case, title: str, actor: Actor) -> models.Model:
    """Save a new reform record of the case (an exemption, activity, participation, certificate,
    residence status or lease) with its audit row; `title` names the kind in Swedish."""
    record.save()
    record_by(actor, action=AuditAction.CREATE, what=f"Reformer: {title.lower()}", case=case)
    return record
