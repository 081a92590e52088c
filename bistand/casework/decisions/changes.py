"""What changed since last month's application: declared amounts and household members.

The caseworker's screen highlights these, and an application with no changes can be decided with one
confirmation. "No changes" must therefore be earned: when there is no application for the previous month
to compare with, the result is one Change saying so, never an empty list.

Compared:
- declared items, per (category, kind, person): the summed amount before and after (None = not declared);
- household members valid at the end of each month, per person: their role (None = not a member).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Sum

from bistand.cases.models import Application, DeclaredItem
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.casework.decisions.labels import CATEGORY_LABELS, kind_label
from bistand.people.models import HouseholdMember, MemberRole, Person
from bistand.rules.formatting import month_name
from bistand.rules.months import last_of_month


@dataclass(frozen=True)
class Change:
    category: str  # "cost" | "income" | "extra_need" | "member" | "application"
    kind: str  # the item kind, the member's person id, or "no_previous_application"
    label: str  # Swedish
    before: int | str | None
    after: int | str | None


def previous_month(month: date) -> date:
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class _Earlier:
    """Last month's application as the comparison needs it (a plain row: a queue compares hundreds)."""

    id: int
    case_id: int
    month: date
    status: str
    received_at: datetime


def _pick_previous(candidates: list[_Earlier]) -> _Earlier | None:
    """Of last month's regular applications of one case: the newest decided one, else the newest."""
    newest_first = sorted(candidates, key=lambda a: (a.received_at, a.id), reverse=True)
    decided = [a for a in newest_first if a.status == ApplicationStatus.DECIDED]
    return (decided or newest_first or [None])[0]


def previous_application(application: Application) -> Application | None:
    """Last month's regular application (first or recurring) of the same case, decided ones first."""
    found = _previous_applications([application]).get(application.pk)
    return Application.objects.get(pk=found.id) if found is not None else None


def _previous_applications(applications: list[Application]) -> dict[int, _Earlier]:
    """application id -> last month's regular application of its case, for many applications in one query."""
    wanted = {(a.case_id, previous_month(a.month)) for a in applications}
    candidates: dict[tuple[int, date], list[_Earlier]] = {}
    query = (
        Application.objects.filter(
            case_id__in={case_id for case_id, _ in wanted},
            month__in={month for _, month in wanted},
            kind__in=[ApplicationKind.FIRST, ApplicationKind.RECURRING],
        )
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .order_by()
        .values_list("id", "case_id", "month", "status", "received_at")
    )
    for row in query:
        candidate = _Earlier(*row)
        if (candidate.case_id, candidate.month) in wanted:
            candidates.setdefault((candidate.case_id, candidate.month), []).append(candidate)
    found = {}
    for application in applications:
        previous = _pick_previous(
            candidates.get((application.case_id, previous_month(application.month)), [])
        )
        if previous is not None:
            found[application.pk] = previous
    return found


Declared = dict[tuple[str, str, int | None], int]


def _declared_many(application_ids) -> dict[int, Declared]:
    """application id -> summed declared amounts per (category, kind, member), one query for all.

    The database sums the items (GROUP BY): a queue of hundreds of applications has thousands of items,
    and only their sums are compared."""
    sums: dict[int, Declared] = {pk: {} for pk in application_ids}
    rows = (
        DeclaredItem.objects.filter(application_id__in=application_ids)
        .order_by()
        .values_list("application_id", "category", "kind", "member_id")
        .annotate(total=Sum("amount"))
    )
    for application_id, category, kind, member_id, total in rows:
        sums[application_id][(category, kind, member_id)] = total
    return sums


Roles = dict[int, str]  # person id -> role in the household


def _members_many(applications: list[tuple[int, date, int]]) -> dict[int, Roles]:
    """application id -> {person id: role} for members valid on the month's last day, for
    (application id, month, household id) triples.

    Same validity rule as Household.members_on (valid_from <= day <= valid_to, open end), one query for all.
    Names are not read here: only a changed application's labels need them (_names).
    """
    household_ids = {household_id for _, _, household_id in applications}
    by_household: dict[int, list[tuple]] = {}
    rows = HouseholdMember.objects.filter(household_id__in=household_ids).values_list(
        "household_id", "person_id", "role", "valid_from", "valid_to"
    )
    for household_id, *member in rows:
        by_household.setdefault(household_id, []).append(member)
    result: dict[int, Roles] = {}
    for application_id, month, household_id in applications:
        day = last_of_month(month)
        result[application_id] = {
            person_id: role
            for person_id, role, valid_from, valid_to in by_household.get(household_id, ())
            if valid_from <= day and (valid_to is None or valid_to >= day)
        }
    return result


def _names(person_ids) -> dict[int, str]:
    """person id -> display name, for the members that changed applications name (one query)."""
    if not person_ids:
        return {}
    rows = Person.objects.filter(pk__in=person_ids).order_by().values_list("pk", "first_name", "last_name")
    return {pk: f"{first} {last}" for pk, first, last in rows}


def changes_since_last_month(application: Application) -> list[Change]:
    return changes_for_many([application])[application.pk]


def changes_for_many(applications: list[Application]) -> dict[int, list[Change]]:
    """application id -> its changes since last month, for a whole work queue in a fixed number of queries.

    Most applications of a queue are unchanged: those are recognised by comparing the sums and roles
    alone, and only the changed ones have their members' names read for the labels."""
    previous = _previous_applications(applications)
    # The earlier application is of the same case, so of the same household.
    compared = [(a.pk, a.month, a.case.household_id) for a in applications] + [
        (before.id, before.month, a.case.household_id)
        for a in applications
        if (before := previous.get(a.pk)) is not None
    ]
    declared = _declared_many({pk for pk, _, _ in compared})
    members = _members_many(compared)
    result: dict[int, list[Change]] = {}
    changed = []
    for application in applications:
        before = previous.get(application.pk)
        if before is None:
            result[application.pk] = [_no_previous(application)]
        elif (
            declared[before.id] == declared[application.pk] and members[before.id] == members[application.pk]
        ):
            result[application.pk] = []
        else:
            changed.append((application.pk, before.id))
    names = _names(
        {pid for pk, before_id in changed for pid in members[before_id].keys() | members[pk].keys()}
    )
    for pk, before_id in changed:
        result[pk] = _compare(declared[before_id], declared[pk], members[before_id], members[pk], names)
    return result


def _no_previous(application: Application) -> Change:
    return Change(
        "application",
        "no_previous_application",
        f"Ingen ansökan för {month_name(previous_month(application.month))} att jämföra med",
        None,
        None,
    )


def _compare(
    before: Declared, after: Declared, roles_before: Roles, roles_after: Roles, names: dict[int, str]
) -> list[Change]:
    """The changes between two applications' sums and members; `names` holds every member's name."""
    changes: list[Change] = []
    in_household = roles_before.keys() | roles_after.keys()
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], k[1], k[2] or 0)):
        if before.get(key) == after.get(key):
            continue
        category, kind, member_id = key
        label = f"{CATEGORY_LABELS.get(category, category)}: {kind_label(category, kind)}"
        if member_id is not None and member_id in in_household:
            label += f" ({names[member_id]})"
        changes.append(Change(category, kind, label, before.get(key), after.get(key)))
    roles = dict(MemberRole.choices)
    for person_id in sorted(in_household):
        role_before = roles_before.get(person_id)
        role_after = roles_after.get(person_id)
        if role_before == role_after:
            continue
        name = names[person_id]
        if role_before is None:
            label = f"Ny i hushållet: {name}"
        elif role_after is None:
            label = f"Ingår inte längre i hushållet: {name}"
        else:
            label = f"Ny roll i hushållet: {name}"
        changes.append(
            Change(
                "member",
                str(person_id),
                label,
                roles.get(role_before) if role_before else None,
                roles.get(role_after) if role_after else None,
            )
        )
    return changes
