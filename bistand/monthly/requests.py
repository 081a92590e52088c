"""The calculation requests of many applications at once: the same dicts as cases.services.build_request,
from a handful of bulk reads instead of several queries per application.

A request built here must equal the one build_request gives for the same application (tested on a
varied world in tests/monthly/test_requests.py): the decision service compares the stored snapshot's
request with build_request, so any difference would make the run's calculations look stale.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from django.db.models import Q, Sum

from bistand.cases.models import Application, DeclaredItem, Payment
from bistand.cases.services import ADULT_ROLES, add_item, member_entry, new_request, previous_surplus
from bistand.people.models import HouseholdMember
from bistand.rules.months import last_of_month, month_key


class Member(NamedTuple):
    role: str
    birth_date: date
    id: int
    person_id: int
    preschool_lunch: bool


class Membership(NamedTuple):
    person_id: int
    household_id: int
    valid_from: date
    valid_to: date | None


ITEM_FIELDS = (
    "id",
    "application_id",
    "category",
    "kind",
    "amount",
    "description",
    "accepted_in_full",
    "judgement_reason",
    "member_id",
    "year_to_date",
)


def _paid_months(household_ids, before: date) -> dict[int, dict[date, int]]:
    """household -> month -> paid total, for months before `before`."""
    totals: dict[int, dict[date, int]] = defaultdict(dict)
    rows = (
        Payment.objects.filter(case__household_id__in=household_ids, month__lt=before)
        .values_list("case__household_id", "month")
        .annotate(total=Sum("amount"))
    )
    for household, month, total in rows:
        totals[household][month] = totals[household].get(month, 0) + total
    return totals


def _person_histories(memberships, paid) -> dict[int, list[str]]:
    """person -> months with assistance, as cases.services.person_history (over all their households):
    `memberships` are all memberships of the adults, `paid` the paid months of those households."""
    per_person: dict[int, dict[date, int]] = defaultdict(dict)
    for membership in memberships:
        months = per_person[membership.person_id]
        for month, amount in paid.get(membership.household_id, {}).items():
            if membership.valid_to is not None and month > membership.valid_to:
                continue
            if last_of_month(month) >= membership.valid_from:
                months[month] = months.get(month, 0) + amount
    return {
        person: sorted(month_key(m) for m, total in months.items() if total > 0)
        for person, months in per_person.items()
    }


def build_requests(applications: list[Application], month: date) -> dict[int, dict]:
    """application id -> calculation request, for applications of one month (select_related
    case__household and case__unit__district__municipality)."""
    if not applications:
        return {}
    month_end = last_of_month(month)
    household_ids = {a.case.household_id for a in applications}
    # Plain rows, not model instances: several thousand per chunk, and only these fields are needed.
    members = defaultdict(list)
    current = (
        HouseholdMember.objects.filter(household_id__in=household_ids, valid_from__lte=month_end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month_end))
        .values_list("household_id", "role", "person__birth_date", "id", "person_id", "preschool_lunch")
    )
    for household_id, *row in current:
        members[household_id].append(Member(*row))
    for memberships in members.values():
        memberships.sort()  # role, birth date, membership id: the order of Household.members_on
    adults = {m.person_id for ms in members.values() for m in ms if m.role in ADULT_ROLES}
    adult_memberships = [
        Membership(*row)
        for row in HouseholdMember.objects.filter(person_id__in=adults).values_list(
            "person_id", "household_id", "valid_from", "valid_to"
        )
    ]
    # One read of the paid months for the cases' households and every household the adults were in.
    paid = _paid_months(household_ids | {m.household_id for m in adult_memberships}, month)
    own_histories = _person_histories(adult_memberships, paid)
    items = defaultdict(list)
    for item in DeclaredItem.objects.filter(application__in=applications).order_by("id").only(*ITEM_FIELDS):
        items[item.application_id].append(item)

    requests = {}
    for application in applications:
        case = application.case
        household = case.household
        history = sorted(month_key(m) for m, total in paid.get(household.pk, {}).items() if total > 0)
        entries = []
        for membership in members.get(household.pk, []):
            member = member_entry(
                person_id=membership.person_id,
                role=membership.role,
                birth_date=membership.birth_date,
                preschool_lunch=membership.preschool_lunch,
            )
            if membership.role in ADULT_ROLES:
                own = own_histories.get(membership.person_id, [])
                if own != history:
                    member["assistance_history"] = own
            entries.append(member)
        request = new_request(
            month=month,
            members=entries,
            history=history,
            municipality=case.unit.district.municipality.rules_code,
            dwelling_size=household.dwelling_size,
        )
        for item in items.get(application.pk, []):
            add_item(request, item)
        if application.carry_surplus:  # rare: the caseworker's choice; one look-up each
            carried = previous_surplus(case, month)
            if carried is not None:
                request["carried_surplus"] = {"amount": carried[0], "from_month": month_key(carried[1])}
        requests[application.pk] = request
    return requests
