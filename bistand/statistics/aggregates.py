"""Monthly aggregates: a closed month's unit tallies computed once, stored, and read by every page.

* `unit_tallies(month, units)` returns each unit's Tally. For a closed month (its last day is before
  today) it reads UnitMonthTally rows and computes, stores and returns the missing or stale ones; the
  current month is always computed live (`compute_tallies`, the direct computation).
* Staleness: a write that reaches back into a closed month (a correction decided later, a payment for
  an earlier month, a back-dated meeting or follow-up …) adds a StatisticsChange row with the first
  month it can affect, in the writer's own transaction (signals in `bistand.statistics.invalidation`).
  A stored tally is valid only while no change with a higher id than the one it saw reaches back to its
  month or earlier. The id is read *before* the computation, so a write committed while a tally is being
  computed leaves the stored tally stale rather than silently wrong.
* `bistand aggregate_statistics [--month YYYY-MM | --all]` fills the table ahead of the first visitor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from bistand.rules.months import Month
from bistand.statistics.report import Tally


def tally_to_json(t: Tally) -> dict:
    out = {}
    for f in fields(Tally):
        value = getattr(t, f.name)
        if isinstance(value, set):
            out[f.name] = sorted(value)
        elif isinstance(value, Counter):
            out[f.name] = {str(k): n for k, n in sorted(value.items())}
        elif f.name == "enrolled":
            out[f.name] = {label: sorted(ids) for label, ids in sorted(value.items())}
        elif isinstance(value, dict):
            out[f.name] = {str(k): str(v) for k, v in sorted(value.items())}
        elif isinstance(value, list):
            out[f.name] = list(value)
        else:
            out[f.name] = value
    return out


DECIMAL_DICTS = ("staff", "working_minutes")


def tally_from_json(data: dict) -> Tally:
    t = Tally()
    for f in fields(Tally):
        if f.name not in data:
            continue
        value, empty = data[f.name], getattr(t, f.name)
        if isinstance(empty, set):
            value = set(value)
        elif isinstance(empty, Counter):
            value = Counter({int(k): n for k, n in value.items()})
        elif f.name == "enrolled":
            value = {label: set(ids) for label, ids in value.items()}
        elif f.name in DECIMAL_DICTS:
            value = {int(k): Decimal(v) for k, v in value.items()}
        elif isinstance(empty, dict):
            value = {int(k): int(v) for k, v in value.items()}
        setattr(t, f.name, value)
    return t


def is_closed(month: Month, today=None) -> bool:
    return month.last < (today or timezone.localdate())


def compute_tallies(month: Month, unit_ids) -> dict[int, Tally]:
    """The direct computation of the units' tallies (bistand.statistics.queries, selfsupport_figures)."""
    from bistand.statistics import queries, selfsupport_figures

    tallies = {pk: Tally() for pk in unit_ids}
    if tallies:
        shared = queries.fill_tallies(month, tallies)
        selfsupport_figures.fill_tallies(month, tallies, shared)
    return tallies


def latest_change_id() -> int:
    from bistand.statistics.models import StatisticsChange

    return StatisticsChange.objects.aggregate(m=Max("pk"))["m"] or 0


def store(month: Month, unit_ids, change_seen: int | None = None) -> dict[int, Tally]:
    """Compute and store the units' tallies for a closed month (replacing stale rows)."""
    from bistand.statistics.models import UnitMonthTally

    seen = latest_change_id() if change_seen is None else change_seen
    tallies = compute_tallies(month, unit_ids)
    rows = [
        UnitMonthTally(unit_id=pk, month=month.first, data=tally_to_json(t), change_seen=seen)
        for pk, t in tallies.items()
    ]
    UnitMonthTally.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["unit", "month"],
        update_fields=["data", "change_seen", "computed_at"],
    )
    return tallies


def unit_tallies(month: Month, unit_ids) -> dict[int, Tally]:
    """Each unit's tally for `month`: stored for a closed month (computed on first use), live otherwise."""
    from bistand.statistics.models import StatisticsChange, UnitMonthTally

    unit_ids = list(unit_ids)
    if not is_closed(month):
        return compute_tallies(month, unit_ids)
    seen = latest_change_id()
    rows = list(
        UnitMonthTally.objects.filter(month=month.first, unit_id__in=unit_ids).values_list(
            "unit_id", "change_seen", "data"
        )
    )
    oldest = min((r[1] for r in rows), default=seen)
    late = set(
        StatisticsChange.objects.filter(pk__gt=oldest, from_month__lte=month.first).values_list(
            "pk", flat=True
        )
    )
    tallies = {}
    for unit_id, change_seen, data in rows:
        if not any(pk > change_seen for pk in late):
            tallies[unit_id] = tally_from_json(data)
    if len(tallies) < len(unit_ids):
        # All units together, as the direct computation does: a returning adult of two units' closed
        # cases is counted in one of them, and that choice must not depend on which rows were stale.
        return store(month, unit_ids, seen)
    return tallies


def is_stale(change_seen: int, month: Month) -> bool:
    from bistand.statistics.models import StatisticsChange

    return StatisticsChange.objects.filter(pk__gt=change_seen, from_month__lte=month.first).exists()


def stored_figures(key: str, month: Month, compute, to_json, from_json):
    """`compute()`'s result for figures resting on months up to `month`, stored once `month` is closed.

    `from_json` may return None (e.g. a district added since) to have the figures computed again.
    """
    from bistand.statistics.models import StoredFigures

    if not is_closed(month):
        return compute()
    row = StoredFigures.objects.filter(key=key).values_list("month", "change_seen", "data").first()
    if row is not None and row[0] == month.first and not is_stale(row[1], month):
        loaded = from_json(row[2])
        if loaded is not None:
            return loaded
    seen = latest_change_id()
    result = compute()
    StoredFigures.objects.update_or_create(
        key=key, defaults={"month": month.first, "data": to_json(result), "change_seen": seen}
    )
    return result
