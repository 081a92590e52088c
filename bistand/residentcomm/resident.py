"""Which cases a signed-in resident belongs to, and how the resident is named in the audit log.

A resident reaches a case when they are an adult (applicant or co-applicant) of its household today.
Children in the household have no login of their own to these pages.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from bistand.cases.models import Case
from bistand.people.models import HouseholdMember, MemberRole

ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)


def current_memberships(person, day=None) -> QuerySet[HouseholdMember]:
    day = day or timezone.localdate()
    return HouseholdMember.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        person=person,
        role__in=ADULT_ROLES,
        valid_from__lte=day,
    )


def cases_of(person) -> QuerySet[Case]:
    households = current_memberships(person).values("household_id")
    return Case.objects.filter(household_id__in=households)


def adults_of(case, day=None) -> list:
    """The household's adults today (the ones who get notifications and may read the thread)."""
    day = day or timezone.localdate()
    return [
        m.person
        for m in HouseholdMember.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            household_id=case.household_id,
            role__in=ADULT_ROLES,
            valid_from__lte=day,
        ).select_related("person")
    ]


def audit_client(person) -> str:
    """The audit row's actor for something a resident did (a resident has no staff account): the
    e-service and the person's id, no name (the same form as bistand.eservice.auth.actor_label)."""
    return f"E-tjänsten, person {person.pk}"
