"""The gallring job: list what is due (dry run) or delete it, one transaction per group of cases.

Public API:
    plan(as_of) -> list[GroupPlan]            nothing is changed
    execute(as_of, user=None, by="") -> list[PurgeLog]

Each deleted group is its own transaction: the aggregates, the deletion, the purge log and the audit
row are committed together or not at all, and a failure in one group leaves the others done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from bistand.audit import audit
from bistand.cases.models import Case
from bistand.lifecycle.gallring import entries, purge
from bistand.lifecycle.gallring.rules import Verdict, deadline, judge, rule_version
from bistand.lifecycle.immutability import purge_permit
from bistand.lifecycle.models import PurgeLog
from bistand.people.models import HouseholdMember


@dataclass
class CasePlan:
    case_id: int
    unit_id: int
    last_entry: date
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class GroupPlan:
    cases: list[CasePlan]
    last_entry: date
    verdict: Verdict
    orphan_counts: dict[str, int] = field(default_factory=dict)  # households and persons deleted too

    @property
    def deadline(self) -> date:
        return deadline(self.last_entry)


def plan(as_of: date, with_counts: bool = False) -> list[GroupPlan]:
    """Every group of cases with its verdict on `as_of`; with_counts adds the rows each case would lose."""
    latest = entries.last_entries()
    units = dict(Case.objects.values_list("pk", "unit_id"))
    case_facts = entries.CaseFacts()
    result = []
    for group in entries.case_groups():
        facts = case_facts.group(group, latest)
        verdict = judge(facts, as_of)
        cases = [CasePlan(case_id, units[case_id], latest[case_id]) for case_id in group]
        if with_counts and verdict.purge:
            for case in cases:
                delete, _ = purge.collect({Case: {case.case_id}})
                case.counts = {m._meta.label: len(p) for m, p in sorted(delete.items(), key=_label) if p}
        orphan_counts = {}
        if with_counts and verdict.purge:
            orphan_counts = {m._meta.label: len(p) for m, p in purge.orphans(group).items()}
        result.append(GroupPlan(cases, facts.last_entry, verdict, orphan_counts))
    return sorted(result, key=lambda g: (g.verdict.due_on, g.cases[0].case_id))


def _label(item) -> str:
    return item[0]._meta.label


def execute(as_of: date, user=None, by: str = "") -> list[PurgeLog]:
    logs: list[PurgeLog] = []
    version = rule_version(as_of)
    for group in plan(as_of):
        if not group.verdict.purge:
            continue
        logs += _purge_group(group, as_of, version, user, by or _name(user))
    return logs


def _still_due(case_ids: list[int], as_of: date) -> bool:
    """Judge the group again inside the deleting transaction, with its cases locked.

    Between the plan and the deletion a caseworker may have written in one of the cases, or a person of
    the group may have got a new case; either way the group is left for the next run.
    """
    list(Case.objects.select_for_update().filter(pk__in=case_ids).values_list("pk", flat=True))
    persons = HouseholdMember.objects.filter(household__cases__in=case_ids).values("person_id")
    related = set(
        HouseholdMember.objects.filter(person_id__in=persons, household__cases__isnull=False).values_list(
            "household__cases__id", flat=True
        )
    )
    if related - set(case_ids):
        return False
    facts = entries.CaseFacts(case_ids).group(case_ids, entries.last_entries(case_ids))
    return judge(facts, as_of).purge


def _name(user) -> str:
    if user is None:
        return "bistand gallring (schemalagt jobb)"
    return user.get_full_name() or user.get_username()


@transaction.atomic
def _purge_group(group: GroupPlan, as_of: date, version: str, user, by: str) -> list[PurgeLog]:
    case_ids = [c.case_id for c in group.cases]
    if not _still_due(case_ids, as_of):
        return []  # something was recorded since the plan was made; the next run judges it again
    purge.snapshot_statistics(case_ids)
    with purge_permit("gallring"):
        # One case at a time so the log says what each case held; a household or person shared by
        # several cases of the group goes with the last case that refers to it.
        per_case = {case.case_id: purge.delete_group([case.case_id]) for case in group.cases}
        logs = []
        for case in group.cases:
            counts, detached = per_case[case.case_id]
            logs.append(
                PurgeLog.objects.create(
                    case_id=case.case_id,
                    unit_id=case.unit_id,
                    last_entry_on=case.last_entry,
                    due_on=group.verdict.due_on,
                    as_of=as_of,
                    counts=counts,
                    detached_audit_ids=detached,
                    rule_version=version,
                    purged_by=user,
                    purged_by_name=by[:150],
                )
            )
            audit.record(
                action=audit.AuditAction.PURGE,
                what=f"Gallring: ärende-id {case.case_id}, sista anteckning {case.last_entry:%Y-%m-%d}",
                user=user,
                path="gallring",
            )
    return logs
