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
from datetime import date, timedelta

from bistand.cases.models import Application
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.cases.services import last_day_of_month
from bistand.casework.decisions.labels import CATEGORY_LABELS, kind_label
from bistand.casework.decisions.money import month_name
from bistand.people.models import MemberRole


@dataclass(frozen=True)
class Change:
    category: str  # "cost" | "income" | "extra_need" | "member" | "application"
    kind: str  # the item kind, the member's person id, or "no_previous_application"
    label: str  # Swedish
    before: int | str | None
    after: int | str | None


def previous_month(month: date) -> date:
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


def previous_application(application: Application) -> Application | None:
    """Last month's regular application (first or recurring) of the same case, decided ones first."""
    candidates = Application.objects.filter(
        case_id=application.case_id,
        month=previous_month(application.month),
        kind__in=[ApplicationKind.FIRST, ApplicationKind.RECURRING],
    ).exclude(status=ApplicationStatus.WITHDRAWN)
    decided = candidates.filter(status=ApplicationStatus.DECIDED).order_by("-received_at", "-id").first()
    return decided or candidates.order_by("-received_at", "-id").first()


def _declared(application: Application) -> dict[tuple[str, str, int | None], int]:
    sums: dict[tuple[str, str, int | None], int] = {}
    for category, kind, member_id, amount in application.items.values_list(
        "category", "kind", "member_id", "amount"
    ):
        key = (category, kind, member_id)
        sums[key] = sums.get(key, 0) + amount
    return sums


def _members(application: Application) -> dict[int, tuple[str, str]]:
    """person id -> (role, display name) for members valid on the month's last day."""
    day = last_day_of_month(application.month)
    return {m.person_id: (m.role, m.person.full_name) for m in application.case.household.members_on(day)}


def changes_since_last_month(application: Application) -> list[Change]:
    previous = previous_application(application)
    if previous is None:
        return [
            Change(
                "application",
                "no_previous_application",
                f"Ingen ansökan för {month_name(previous_month(application.month))} att jämföra med",
                None,
                None,
            )
        ]
    changes: list[Change] = []
    before, after = _declared(previous), _declared(application)
    names = {pid: name for pid, (_, name) in {**_members(previous), **_members(application)}.items()}
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], k[1], k[2] or 0)):
        if before.get(key) == after.get(key):
            continue
        category, kind, member_id = key
        label = f"{CATEGORY_LABELS.get(category, category)}: {kind_label(category, kind)}"
        if member_id is not None and member_id in names:
            label += f" ({names[member_id]})"
        changes.append(Change(category, kind, label, before.get(key), after.get(key)))
    members_before, members_after = _members(previous), _members(application)
    roles = dict(MemberRole.choices)
    for person_id in sorted(members_before.keys() | members_after.keys()):
        role_before = members_before.get(person_id, (None, ""))[0]
        role_after = members_after.get(person_id, (None, ""))[0]
        if role_before == role_after:
            continue
        name = (members_after.get(person_id) or members_before[person_id])[1]
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
