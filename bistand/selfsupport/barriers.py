"""Barriers to self-support (försörjningshinder): who must have one for a month, and the decision check.

Socialstyrelsen: the barrier is registered per individual, for both adults in a household, and assessed
at every application (Socialstyrelsen, Instruktion för registrering av ekonomiskt bistånd). So a decision on an application waits until every adult —
applicant and co-applicant who are members of the household in the application's month — has a barrier
registered for that month.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db.models import Q

from bistand.cases.codes import BARRIER_BY_CODE, BARRIERS
from bistand.cases.models import BarrierRegistration, Case
from bistand.people.models import HouseholdMember, MemberRole, Person
from bistand.rules.formatting import month_name
from bistand.rules.months import first_of_month

ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)


def last_of_month(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def adults_for_month(case: Case, month: date) -> list[Person]:
    """Applicant and co-applicant who are household members at some point in the month, applicant first."""
    month = first_of_month(month)
    memberships = (
        HouseholdMember.objects.filter(household_id=case.household_id, role__in=ADULT_ROLES)
        .filter(valid_from__lte=last_of_month(month))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month))
        .select_related("person")
        .order_by("role", "person__birth_date", "person_id")
    )
    seen: dict[int, Person] = {}
    for membership in memberships:
        seen.setdefault(membership.person_id, membership.person)
    return list(seen.values())


def registrations_for_month(
    case: Case, month: date, adults: list[Person] | None = None
) -> dict[int, BarrierRegistration]:
    """person id -> the barrier registered for `month`, for the adults of the month (`adults` when the
    caller has already read them with adults_for_month for the same month)."""
    month = first_of_month(month)
    people = [p.pk for p in (adults_for_month(case, month) if adults is None else adults)]
    rows = BarrierRegistration.objects.filter(person_id__in=people, month=month)
    return {r.person_id: r for r in rows}


def missing_barriers(case: Case, month: date) -> list[Person]:
    adults = adults_for_month(case, month)
    registered = registrations_for_month(case, month, adults)
    return [p for p in adults if p.pk not in registered]


def missing_barrier_message(person: Person, month: date) -> str:
    return (
        f"Försörjningshinder saknas för {person.full_name} för {month_name(first_of_month(month))}. "
        "Registrera det innan beslut fattas."
    )


def decision_check(application) -> list[str]:
    """DECISION_CHECKS entry: one Swedish message per adult without a barrier for the application's month."""
    return [
        missing_barrier_message(person, application.month)
        for person in missing_barriers(application.case, application.month)
    ]


def queue_check(applications) -> dict[int, list]:
    """QUEUE_CHECKS entry: decision_check for many applications in at most three queries, with the form's
    address.

    The whole work queue's adults are read as plain rows without their names; only the adults who lack a
    barrier are then read, for the message, in the order adults_for_month gives (role, birth date, id).
    """
    from django.urls import reverse

    from bistand.casework.extensions import Blocker

    months = {a.pk: first_of_month(a.month) for a in applications}
    households = {a.case.household_id for a in applications}
    memberships = list(
        HouseholdMember.objects.filter(household_id__in=households, role__in=ADULT_ROLES)
        .order_by()
        .values_list("household_id", "person_id", "role", "valid_from", "valid_to")
    )
    registered = set(
        BarrierRegistration.objects.filter(
            person_id__in={m[1] for m in memberships}, month__in=set(months.values())
        ).values_list("person_id", "month")
    )
    by_household: dict[int, list] = {}
    for household_id, *member in memberships:
        by_household.setdefault(household_id, []).append(member)
    # application -> {person id: first role in the order} of the adults without a barrier for its month
    lacking: dict[int, dict[int, str]] = {}
    for application in applications:
        month = months[application.pk]
        end = last_of_month(month)
        adults: dict[int, str] = {}
        for person_id, role, valid_from, valid_to in by_household.get(application.case.household_id, ()):
            if (
                valid_from <= end
                and (valid_to is None or valid_to >= month)
                and (person_id, month) not in registered
            ):
                adults[person_id] = min(role, adults.get(person_id, role))
        if adults:
            lacking[application.pk] = adults
    if not lacking:
        return {}
    persons = {
        pk: (birth_date, first_name, last_name)
        for pk, birth_date, first_name, last_name in Person.objects.filter(
            pk__in={pid for adults in lacking.values() for pid in adults}
        )
        .order_by()
        .values_list("pk", "birth_date", "first_name", "last_name")
    }
    found: dict[int, list] = {}
    for application in applications:
        adults = lacking.get(application.pk)
        if not adults:
            continue
        month = months[application.pk]
        # Applicant before co-applicant (the roles' alphabetical order, as the database sorts them).
        ordered = sorted(adults, key=lambda pid: (adults[pid], persons[pid][0], pid))
        url = reverse("selfsupport:barriers", args=[application.case_id]) + f"?manad={month:%Y-%m}"
        found[application.pk] = [
            Blocker(
                missing_barrier_message(
                    Person(pk=pid, first_name=persons[pid][1], last_name=persons[pid][2]), month
                ),
                url,
                "Registrera försörjningshinder",
            )
            for pid in ordered
        ]
    return found


def register_barrier(case: Case, person: Person, month: date, code: str, staff) -> BarrierRegistration:
    """Register (or replace) the barrier of one adult for one month; one row per person and month."""
    if code not in BARRIER_BY_CODE:
        raise ValueError(f"Okänd kod för försörjningshinder: {code}")
    registration, _ = BarrierRegistration.objects.update_or_create(
        person=person,
        month=first_of_month(month),
        defaults={"case": case, "code": code, "registered_by": staff},
    )
    return registration


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The code list grouped under its Swedish headings, in the list's own order, for <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in BARRIERS:
        label = code.label if code.official else f"{code.label} (ej officiell kod)"
        groups.setdefault(code.group, []).append((code.code, label))
    return list(groups.items())
