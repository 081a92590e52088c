"""Delete one group of cases and everything recorded under them; keep the aggregates and the log.

The rows to delete are found by walking every relation that points at a case (and, recursively, at the
rows found), so records added to the case file later are included without a change here. Two kinds of
rows are not deleted:

* The audit log (audit.AuditEvent) is kept, with its link to the case removed (case id set to NULL,
  and the rows linking a list or export to the case deleted):
  it documents what staff did, which the committee must be able to show (GDPR art. 5.2 and 32; OSL
  26 kap.), and its rows hold no personal data of the client once the link is gone. The ids of those
  rows are listed in the purge log, which keeps the internal case id, so "who read case 123" can still be
  answered. The audit log has its own retention in the committee's document management plan.
* Payment-file facts (PaymentBatch and BatchConfirmation) describe the file handed to the bank as a whole
  (line count, total, checksum) and stay; the batch line that tied a deleted payment to the file goes.

A person and a household are deleted when no case refers to them any more.
"""

from __future__ import annotations

import calendar
from collections import defaultdict

from django.db import models

from bistand.audit.models import AuditEvent
from bistand.cases.models import Case, Payment
from bistand.lifecycle.models import PurgedMonthTotals
from bistand.people.models import Household, HouseholdMember, Person

KEEP_DETACHED = (AuditEvent,)
CHUNK = 500


def _reverse_relations(model):
    for rel in model._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            yield rel


def collect(roots: dict[type[models.Model], set]) -> tuple[dict, dict]:
    """Rows to delete (model -> pks) and links to clear (model, field name) -> pks."""
    delete: dict = defaultdict(set)
    clear: dict = defaultdict(set)
    queue = [(model, set(pks)) for model, pks in roots.items()]
    while queue:
        model, pks = queue.pop()
        new = pks - delete[model]
        if not new:
            continue
        delete[model] |= new
        for rel in _reverse_relations(model):
            related, field = rel.related_model, rel.field
            found = set()
            ids = list(new)
            for start in range(0, len(ids), CHUNK):
                found |= set(
                    related._base_manager.filter(**{f"{field.name}__in": ids[start : start + CHUNK]})
                    .values_list("pk", flat=True)
                    .order_by()
                )
            if not found:
                continue
            if related in KEEP_DETACHED or field.remote_field.on_delete is models.SET_NULL:
                clear[(related, field.name)] |= found
            elif _links_audit(related):
                # A link from an audit row to a deleted case (a list or export named it): the link goes,
                # the audit row stays and is listed in the purge log like the detached ones.
                delete[related] |= found
                events = related._base_manager.filter(pk__in=found).values_list(
                    _audit_field(related), flat=True
                )
                clear[(AuditEvent, "__linked__")] |= set(events)
            else:
                queue.append((related, found))
    return delete, clear


def _links_audit(model) -> bool:
    return model not in KEEP_DETACHED and _audit_field(model) is not None


def _audit_field(model) -> str | None:
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is AuditEvent:
            return f.attname
    return None


def orphans(case_ids: list[int]) -> dict:
    """Households and persons that no remaining case refers to once `case_ids` are gone."""
    households = set(Case.objects.filter(pk__in=case_ids).values_list("household_id", flat=True))
    kept = set(
        Case.objects.filter(household_id__in=households)
        .exclude(pk__in=case_ids)
        .values_list("household_id", flat=True)
    )
    households -= kept
    persons = set(
        HouseholdMember.objects.filter(household_id__in=households).values_list("person_id", flat=True)
    )
    persons -= set(
        HouseholdMember.objects.filter(person_id__in=persons)
        .exclude(household_id__in=households)
        .values_list("person_id", flat=True)
    )
    return {Household: households, Person: persons}


def snapshot_statistics(case_ids: list[int]) -> None:
    """Add the deleted cases' payments per unit and month to PurgedMonthTotals (see the statistics).

    The same definitions as bistand.statistics.queries: a household counts for a month when its payments
    for the month sum to more than 0 kr; its persons are the members valid at some point in the month.
    """
    per_household = (
        Payment.objects.filter(case_id__in=case_ids)
        .values("case__unit_id", "month", "case__household_id")
        .annotate(total=models.Sum("amount"), n=models.Count("id"))
        .order_by()
    )
    totals: dict = defaultdict(lambda: {"households": set(), "persons": set(), "payments": 0, "cost": 0})
    for row in per_household:
        entry = totals[(row["case__unit_id"], row["month"])]
        entry["cost"] += int(row["total"])
        entry["payments"] += row["n"]
        if row["total"] > 0:
            entry["households"].add(row["case__household_id"])
            entry["persons"] |= _persons_in_month(row["case__household_id"], row["month"])
    for (unit_id, month), entry in sorted(totals.items()):
        row, _ = PurgedMonthTotals.objects.select_for_update().get_or_create(unit_id=unit_id, month=month)
        row.households_paid = sorted(set(row.households_paid) | entry["households"])
        row.persons_paid = sorted(set(row.persons_paid) | entry["persons"])
        row.payments += entry["payments"]
        row.cost += entry["cost"]
        row.save()


def _persons_in_month(household_id: int, month) -> set[int]:
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return set(
        HouseholdMember.objects.filter(household_id=household_id, valid_from__lte=last)
        .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=month))
        .values_list("person_id", flat=True)
    )


def delete_group(case_ids: list[int]) -> tuple[dict[str, int], list[int]]:
    """Delete the cases (caller holds a purge permit); returns rows per model and detached audit ids."""
    roots = {Case: set(case_ids)}
    roots.update(orphans(case_ids))
    delete, clear = collect(roots)
    detached: list[int] = []
    for (model, field_name), pks in clear.items():
        pks -= delete.get(model, set())
        if not pks:
            continue
        if field_name == "__linked__":
            detached += sorted(pks)
            continue
        ids = sorted(pks)
        for start in range(0, len(ids), CHUNK):
            # The plain QuerySet.update: the append-only guard of AuditEvent refuses updates by design.
            models.QuerySet.update(
                model._base_manager.filter(pk__in=ids[start : start + CHUNK]), **{field_name: None}
            )
        if model in KEEP_DETACHED:
            detached += ids
    counts: dict[str, int] = {}
    for model, pks in delete.items():
        if not pks:
            continue
        ids = sorted(pks)
        for start in range(0, len(ids), CHUNK):
            # _raw_delete: one DELETE per chunk; the ORM's collector would refuse (PROTECT) what this
            # function deletes on purpose. Foreign keys are checked at commit (deferred constraints).
            model._base_manager.filter(pk__in=ids[start : start + CHUNK])._raw_delete(model._base_manager.db)
        counts[model._meta.label] = len(ids)
    return dict(sorted(counts.items())), sorted(set(detached))
