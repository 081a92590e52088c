"""Figures over many months or across all districts for the dashboards: cost and households over time,
duration shares (via bistand.statistics.durations) and the mix of barriers to self-support.

Payments are read once with a values_list query into Polars (about 100 000 rows for a city of 3 000
households over three years) and aggregated there. The definitions are those of the monthly report
(bistand.statistics.queries): a household counts in a month when its payments for that month, per case
unit, sum to more than 0 kr; cost is the sum of all payments for the month. So the trend's last month
shows the same numbers as the monthly report for that month.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db.models import Count

from bistand.cases.codes import BARRIER_BY_CODE, BARRIERS
from bistand.cases.models import BarrierRegistration, Payment
from bistand.organisation.models import District
from bistand.rules.months import Month, months_back
from bistand.statistics import durations

SCHEMA = {
    "month": pl.Date,
    "unit_id": pl.Int64,
    "district_id": pl.Int64,
    "household_id": pl.Int64,
    "amount": pl.Int64,
}


def districts_of(municipality) -> dict[int, str]:
    qs = District.objects.order_by("name", "pk")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return dict(qs.values_list("pk", "name"))


def payments_frame(first: Month, last: Month, municipality=None) -> pl.DataFrame:
    """One row per payment, without the model's default ordering (which would sort 300 000 rows)."""
    qs = Payment.objects.filter(month__gte=first.first, month__lte=last.first).order_by()
    if municipality is not None:
        qs = qs.filter(case__unit__district__municipality=municipality)
    rows = qs.values_list("month", "case__unit_id", "case__unit__district_id", "case__household_id", "amount")
    return pl.DataFrame(list(rows), schema=SCHEMA, orient="row")


def _positive_household_months(frame: pl.DataFrame) -> pl.DataFrame:
    """(month, district_id, household_id) where the household's payments in some unit sum to > 0."""
    return (
        frame.group_by("month", "unit_id", "district_id", "household_id")
        .agg(pl.col("amount").sum())
        .filter(pl.col("amount") > 0)
        .select("month", "district_id", "household_id")
        .unique()
    )


@dataclass(frozen=True)
class Trend:
    months: list[Month]
    districts: dict[str, list[tuple[int, int]]]  # district -> [(cost, households)] per month
    city: list[tuple[int, int]]


def _frame(first: Month, last: Month, municipality, direct: bool) -> pl.DataFrame:
    """Payments from the payments table (`direct`) or from the stored monthly sums (closed months)."""
    if direct:
        return payments_frame(first, last, municipality)
    from bistand.statistics import stored_payments

    return stored_payments.payments_frame(first, last, municipality)


def cost_and_households(last: Month, count: int = 36, municipality=None, direct: bool = False) -> Trend:
    """Stored once `last` has ended (bistand.statistics.aggregates); `direct` computes from payments."""
    if direct:
        return _cost_and_households(last, count, municipality, direct=True)
    from bistand.statistics import aggregates

    names = districts_of(municipality)

    def to_json(t: Trend) -> dict:
        ids = {name: d for d, name in names.items()}
        return {"districts": {str(ids[n]): v for n, v in t.districts.items()}, "city": t.city}

    def from_json(data: dict) -> Trend | None:
        if set(data["districts"]) != {str(d) for d in names}:
            return None  # districts added or removed since
        districts = {name: [tuple(v) for v in data["districts"][str(d)]] for d, name in names.items()}
        return Trend(months_back(last, count), districts, [tuple(v) for v in data["city"]])

    key = f"trend:{getattr(municipality, 'pk', None)}:{count}:{last}"
    return aggregates.stored_figures(
        key, last, lambda: _cost_and_households(last, count, municipality), to_json, from_json
    )


def _cost_and_households(last: Month, count: int, municipality, direct: bool = False) -> Trend:
    months = months_back(last, count)
    names = districts_of(municipality)
    frame = _frame(months[0], months[-1], municipality, direct)
    cost = frame.group_by("month", "district_id").agg(pl.col("amount").sum().alias("cost"))
    positive = _positive_household_months(frame)
    households = positive.group_by("month", "district_id").agg(pl.len().alias("households"))
    city_households = positive.group_by("month").agg(pl.col("household_id").n_unique().alias("households"))
    by_key = {(r["month"], r["district_id"]): r["cost"] for r in cost.iter_rows(named=True)}
    hh_key = {(r["month"], r["district_id"]): r["households"] for r in households.iter_rows(named=True)}
    city_hh = {r["month"]: r["households"] for r in city_households.iter_rows(named=True)}
    districts = {
        name: [(int(by_key.get((m.first, d), 0)), int(hh_key.get((m.first, d), 0))) for m in months]
        for d, name in names.items()
    }
    city = [
        (sum(districts[name][i][0] for name in districts), int(city_hh.get(m.first, 0)))
        for i, m in enumerate(months)
    ]
    return Trend(months, districts, city)


@dataclass(frozen=True)
class DurationRow:
    name: str
    households: int  # with assistance in the as-of month
    rolling: int  # … of whom 10 of the last 12 months (Göteborgs stad)
    very_long_term: int  # … of whom very long-term (27 of 36 months, Socialstyrelsen 2013a)
    year_households: int  # households with assistance in the previous calendar year
    year_long_term: int  # … of whom 10–12 months that year (Socialstyrelsen 2013a)


def duration_rows(
    as_of: Month, municipality=None, direct: bool = False
) -> tuple[list[DurationRow], DurationRow, int]:
    """Per district and for the city; also returns the previous calendar year used.

    Stored once `as_of` has ended (bistand.statistics.aggregates); `direct` computes from payments.
    """
    if direct:
        return _duration_rows(as_of, municipality, direct=True)
    from bistand.statistics import aggregates

    names = districts_of(municipality)
    counts = ("households", "rolling", "very_long_term", "year_households", "year_long_term")

    def to_json(result) -> dict:
        rows, city, year = result
        ids = {name: d for d, name in names.items()}
        return {
            "rows": {str(ids[r.name]): [getattr(r, c) for c in counts] for r in rows},
            "city": [getattr(city, c) for c in counts],
            "year": year,
        }

    def from_json(data: dict):
        if set(data["rows"]) != {str(d) for d in names}:
            return None  # districts added or removed since
        rows = [DurationRow(name, *data["rows"][str(d)]) for d, name in names.items()]
        return rows, DurationRow("", *data["city"]), data["year"]

    key = f"durations:{getattr(municipality, 'pk', None)}:{as_of}"
    return aggregates.stored_figures(
        key, as_of, lambda: _duration_rows(as_of, municipality), to_json, from_json
    )


def _duration_rows(as_of: Month, municipality, direct: bool = False):
    names = districts_of(municipality)
    frame = _frame(as_of.shift(-(durations.VERY_LONG_TERM_WINDOW - 1)), as_of, municipality, direct)
    positive = _positive_household_months(frame)
    amounts = frame.select("household_id", "month", "amount")

    now = durations.classify_table(amounts, as_of.first)
    current = positive.filter(pl.col("month") == as_of.first).join(now, on="household_id", how="left")

    year = as_of.year - 1
    december = Month(year, 12)
    last_year = durations.classify_table(amounts, december.first)
    in_year = positive.filter(pl.col("month").dt.year() == year)
    # A household is placed in the district where it last had assistance that year.
    placed = (
        in_year.sort("month", "district_id", descending=[True, False])
        .group_by("household_id", maintain_order=True)
        .first()
        .join(last_year, on="household_id", how="left")
    )

    def row(name: str, cur: pl.DataFrame, yr: pl.DataFrame) -> DurationRow:
        return DurationRow(
            name=name,
            households=cur["household_id"].n_unique(),
            rolling=cur.filter(pl.col("rolling_10_of_12"))["household_id"].n_unique(),
            very_long_term=cur.filter(pl.col("very_long_term"))["household_id"].n_unique(),
            year_households=yr.height,
            year_long_term=yr.filter(pl.col("long_term")).height,
        )

    rows = [
        row(name, current.filter(pl.col("district_id") == d), placed.filter(pl.col("district_id") == d))
        for d, name in names.items()
    ]
    return rows, row("", current, placed), year


@dataclass(frozen=True)
class BarrierTable:
    groups: list[str]  # Swedish main groups, in the code list's order
    rows: dict[str, dict[str, int]]  # district -> group -> adults
    city: dict[str, int]


def barrier_mix(month: Month, municipality=None) -> BarrierTable:
    """Adults by main group of their registered barrier to self-support (Socialstyrelsen's registration instruction) for the month."""
    qs = BarrierRegistration.objects.filter(month=month.first)
    if municipality is not None:
        qs = qs.filter(case__unit__district__municipality=municipality)
    counts = qs.values_list("case__unit__district_id", "code").annotate(n=Count("person_id", distinct=True))
    groups = list(dict.fromkeys(c.group for c in BARRIERS))
    names = districts_of(municipality)
    rows = {name: dict.fromkeys(groups, 0) for name in names.values()}
    for district_id, code, n in counts.order_by():
        group = BARRIER_BY_CODE[code].group if code in BARRIER_BY_CODE else "Övrigt"
        rows[names[district_id]][group] += n
    used = [g for g in groups if any(r[g] for r in rows.values())]
    city = {g: sum(r[g] for r in rows.values()) for g in used}
    return BarrierTable(used, {d: {g: r[g] for g in used} for d, r in rows.items()}, city)
