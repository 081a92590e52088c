"""The last entry of each case, and the groups of cases that must be judged together.

"Sista anteckningen … i akten" is read as the latest moment anything was *recorded* in the case file:
the case opened or closed, a caseworker period started or ended, an application received or changed,
a calculation, a decision (decision date and registration), a payment (registered and paid out), a
journal note, a barrier registration, a meeting booked or recorded, a life-area assessment, an action
plan made or ended, a follow-up. Reads of the case (the audit log), access grants and a caseworker's
own reminders are not entries in the akt and do not extend the retention (docs/gallring.md).

Groups: socialtjänstlagen (2001:453) 12 kap. 1 § says the records are not to be deleted as long as
records about the same person are kept. Cases that share a person (through household membership at any
time) therefore form one group, judged by the latest entry of all its cases.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Max
from django.utils import timezone

from bistand.cases.models import (
    Application,
    BarrierRegistration,
    Calculation,
    Case,
    CaseAssignment,
    Decision,
    Payment,
)
from bistand.journal.models import JournalNote
from bistand.lifecycle.gallring.rules import GroupFacts
from bistand.people.models import HouseholdMember
from bistand.reforms.models import Activity, ActivitySanction, Lease, Participation
from bistand.selfsupport.models import ActionPlan, Assessment, FollowUp, Meeting

# (model, lookup from the model to the case id, fields that date an entry)
ENTRY_SOURCES = (
    (Case, "pk", ("opened_on", "closed_on")),
    (CaseAssignment, "case_id", ("start_date", "end_date")),
    (Application, "case_id", ("received_at", "updated_at")),
    (Calculation, "case_id", ("created_at",)),
    (Decision, "case_id", ("decided_on", "decided_at")),
    (Payment, "case_id", ("created_at", "pay_date")),
    (JournalNote, "case_id", ("written_at",)),
    (BarrierRegistration, "case_id", ("registered_at",)),
    (Meeting, "case_id", ("booked_at", "recorded_at")),
    (Assessment, "case_id", ("created_at",)),
    (ActionPlan, "case_id", ("created_at", "ended_on")),
    (FollowUp, "plan__case_id", ("created_at",)),
    (Activity, "case_id", ("created_at",)),
    (Participation, "activity__case_id", ("month",)),
    (Lease, "case_id", ("created_at",)),
    (ActivitySanction, "decision__case_id", ("created_at",)),
)


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def last_entries(case_ids=None) -> dict[int, date]:
    """Case id -> the date of the latest entry in its akt."""
    latest: dict[int, date] = {}
    for model, lookup, fields in ENTRY_SOURCES:
        qs = model.objects.all()
        if case_ids is not None:
            qs = qs.filter(**{f"{lookup}__in": list(case_ids)})
        aggregates = {f"m_{name}": Max(name) for name in fields}
        for row in qs.values(lookup).annotate(**aggregates).order_by():
            case_id = row[lookup]
            for name in fields:
                day = _as_date(row[f"m_{name}"])
                if day is not None and (case_id not in latest or day > latest[case_id]):
                    latest[case_id] = day
    return latest


def case_groups() -> list[list[int]]:
    """Cases that share a person, as lists of case ids (union-find over household memberships)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    cases_by_person: dict[int, list[int]] = defaultdict(list)
    rows = HouseholdMember.objects.filter(household__cases__isnull=False).values_list(
        "person_id", "household__cases__id"
    )
    for person_id, case_id in rows.distinct():
        cases_by_person[person_id].append(case_id)
    for case_id in Case.objects.values_list("pk", flat=True):
        find(case_id)
    for cases in cases_by_person.values():
        for other in cases[1:]:
            parent[find(other)] = find(cases[0])
    groups: dict[int, list[int]] = defaultdict(list)
    for case_id in list(parent):
        groups[find(case_id)].append(case_id)
    return [sorted(g) for g in groups.values()]


class CaseFacts:
    """Municipality codes and birth dates per case, read in two queries for all cases at once."""

    def __init__(self, case_ids=None):
        cases = Case.objects.all() if case_ids is None else Case.objects.filter(pk__in=case_ids)
        self.codes = dict(cases.values_list("pk", "unit__district__municipality__municipality_code"))
        self.births: dict[int, set[date]] = defaultdict(set)
        rows = HouseholdMember.objects.filter(household__cases__in=cases).values_list(
            "household__cases__id", "person__birth_date"
        )
        for case_id, born in rows:
            self.births[case_id].add(born)

    def group(self, case_ids: list[int], latest: dict[int, date]) -> GroupFacts:
        return GroupFacts(
            last_entry=max(latest[c] for c in case_ids),
            municipality_codes=frozenset(self.codes[c] for c in case_ids),
            birth_dates=tuple(sorted(set().union(*(self.births[c] for c in case_ids)))),
        )
