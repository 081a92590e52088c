"""The payments table of the trend and duration pages, from stored monthly sums (closed months).

`payments_frame(first, last, municipality)` returns the same columns as trends.payments_frame, with one
row per month, unit and household (payments summed) instead of one per payment: every use groups by
those keys or coarser, so the figures are the same. A closed month's sums are stored in MonthPayments
and go stale exactly like the unit tallies (a StatisticsChange reaching back to the month); missing or
stale months are computed in one query and stored; the current month is always read live. The unit's
district is looked up at read time, as the live query does.
"""

from __future__ import annotations

import polars as pl
from django.db.models import Sum

from bistand.cases.models import Payment
from bistand.organisation.models import Unit
from bistand.rules.months import Month, months_back
from bistand.statistics.aggregates import is_closed, latest_change_id
from bistand.statistics.trends import SCHEMA


def _sums(first: Month, last: Month) -> dict:
    """month (date) -> column arrays of summed payments, straight from the payments table."""
    rows = (
        Payment.objects.filter(month__gte=first.first, month__lte=last.first)
        .order_by()
        .values("month", "case__unit_id", "case__household_id")
        .annotate(total=Sum("amount"))
        .values_list("month", "case__unit_id", "case__household_id", "total")
    )
    out: dict = {}
    for month, unit_id, household_id, total in rows:
        cols = out.setdefault(month, {"unit_id": [], "household_id": [], "amount": []})
        cols["unit_id"].append(unit_id)
        cols["household_id"].append(household_id)
        cols["amount"].append(int(total))
    return out


def _empty() -> dict:
    return {"unit_id": [], "household_id": [], "amount": []}


def monthly_sums(months: list[Month]) -> dict:
    """month (date) -> column arrays, stored for closed months (computed and stored when missing/stale)."""
    from bistand.statistics.models import MonthPayments, StatisticsChange

    closed = [m for m in months if is_closed(m)]
    seen = latest_change_id()
    stored = {
        m: (c, d)
        for m, c, d in MonthPayments.objects.filter(month__in=[m.first for m in closed]).values_list(
            "month", "change_seen", "data"
        )
    }
    oldest = min((c for c, _ in stored.values()), default=seen)
    late = list(StatisticsChange.objects.filter(pk__gt=oldest).values_list("pk", "from_month"))
    result = {}
    for day, (change_seen, data) in stored.items():
        if not any(pk > change_seen and from_month <= day for pk, from_month in late):
            result[day] = data
    missing = [m for m in closed if m.first not in result]
    if missing:
        fresh = _sums(min(missing), max(missing))
        rows = []
        for m in missing:
            result[m.first] = fresh.get(m.first, _empty())
            rows.append(MonthPayments(month=m.first, data=result[m.first], change_seen=seen))
        MonthPayments.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["month"],
            update_fields=["data", "change_seen", "computed_at"],
        )
    live = [m for m in months if not is_closed(m)]
    if live:
        result.update(_sums(min(live), max(live)))
    return result


def payments_frame(first: Month, last: Month, municipality=None) -> pl.DataFrame:
    months = months_back(last, last.index - first.index + 1)
    units = Unit.objects.order_by()
    if municipality is not None:
        units = units.filter(district__municipality=municipality)
    district_of = pl.DataFrame(
        list(units.values_list("pk", "district_id")),
        schema={"unit_id": pl.Int64, "district_id": pl.Int64},
        orient="row",
    )
    frames = [
        pl.DataFrame(
            {"unit_id": d["unit_id"], "household_id": d["household_id"], "amount": d["amount"]},
            schema={"unit_id": pl.Int64, "household_id": pl.Int64, "amount": pl.Int64},
        ).with_columns(pl.lit(day, pl.Date).alias("month"))
        for day, d in sorted(monthly_sums(months).items())
    ]
    if not frames:
        return pl.DataFrame(schema=SCHEMA)
    # Inner join: units of another municipality drop out; the district is today's, as in the live query.
    return pl.concat(frames).join(district_of, on="unit_id", how="inner").select(list(SCHEMA))
