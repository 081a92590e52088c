"""How long has a household received financial assistance? (långvarigt / mycket långvarigt bistånd)

This module is the single definition of the duration measures. The `bistand durations` CLI and the
(later) dashboards both call it, so a household is never long-term in one place and not in another.
It has two implementations of the same rules:

* `classify_months` / `classify_payments` — a plain-Python reference for one household's history,
  written to be read and checked against the sources line by line;
* `classify_table` — a vectorised Polars version for whole registers (hundreds of thousands of
  households). It packs each household's 36-month window into one integer (bit k = "assistance in the
  month k months before the as-of month") and answers every question with bit operations.
  Tests check that both agree on many random histories.

Definitions (all relative to an *as-of month*; months after it are ignored):

* **Month with assistance.** A month in which the household's payments sum to more than 0 kr. No row,
  a zero total or a negative total (e.g. a repayment larger than the payment) is a month without
  assistance. Why the sum: a register often has several payments per month (försörjningsstöd plus
  livsföring i övrigt, corrections), and Socialstyrelsen's statistics count a month in which
  assistance was *received* (HSLF-FS 2015:30 3 §: uppgifterna ska avse den kalendermånad som
  biståndet gäller för).
* **Long-term (långvarigt bistånd).** "10-12 månader om året" / "minst tio månader av kalenderåret"
  (Socialstyrelsen press release "Långvarigt ekonomiskt bistånd planar ut"; SKL 2017; reference.md §4;
  Malmö stad 2014, footnote 3, citing Socialstyrelsen 2013a: "bistånd mottagits 10-12 månader under året").
  For an as-of month we count the months with assistance in the as-of month's calendar year up to and
  including the as-of month (`months_in_year`); long-term = months_in_year >= 10. With as-of December
  this is exactly the official annual measure; earlier in the year it tells who has *already* reached
  it (so it can never be true before October).
* **Very long-term (mycket långvarigt bistånd).** "bistånd har mottagits minst 27 månader under en
  period av 3 år med avbrott högst 2 månader i rad" (Malmö stad 2014, footnote 3, citing Socialstyrelsen
  2013a). We use the 36 months ending with the as-of month (as-of December = three calendar years):
  at least 27 months with assistance, and no interruption longer than 2 consecutive months *between*
  two months with assistance inside the window. DECIDED interpretation: an "avbrott" (interruption)
  is a pause after which assistance resumes; months before the first or after the last month with
  assistance in the window are not interruptions — before it the period has not begun, after it the
  household has left (or not yet returned). The choice only matters at the edges and is bounded:
  with >= 27 of 36 months, the edge gaps total at most 9 months. A household with assistance in the
  first 27 months of the window and none in the last 9 therefore counts as very long-term; a
  household whose help resumes after a 3-month pause does not, whatever its total.
* **Rolling 10 of 12 (Göteborg).** "tagit emot bidrag i tio av de senaste tolv månaderna"
  (Göteborgs stad, Projekt minskat försörjningsstöd). At least 10 months with assistance among
  the 12 months ending with the as-of month; unlike long-term it crosses year boundaries.

Months are handled as integer *month indexes* (year * 12 + month - 1) so that subtraction counts
months across year boundaries; `month_index` accepts "YYYY-MM", a date or an index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from bistand.rules.months import Month

# Socialstyrelsen: "10-12 månader om året" (reference.md §4).
LONG_TERM_MIN_MONTHS = 10
# Malmö stad 2014, footnote 3 (Socialstyrelsen 2013a): "minst 27 månader under en period av 3 år med avbrott
# högst 2 månader i rad".
VERY_LONG_TERM_WINDOW = 36
VERY_LONG_TERM_MIN_MONTHS = 27
VERY_LONG_TERM_MAX_BREAK = 2
# Göteborgs stad, Projekt minskat försörjningsstöd: "tio av de senaste tolv månaderna".
ROLLING_WINDOW = 12
ROLLING_MIN_MONTHS = 10

MonthLike = str | date | int

_WINDOW_BITS = (1 << VERY_LONG_TERM_WINDOW) - 1
_ROLLING_BITS = (1 << ROLLING_WINDOW) - 1

RESULT_COLUMNS = ("household_id", "months_in_year", "long_term", "very_long_term", "rolling_10_of_12")


def month_index(value: MonthLike) -> int:
    """Month as an integer (year * 12 + month - 1): "2025-03", date(2025, 3, x) and 24302 are equal."""
    if isinstance(value, bool):
        raise TypeError("a month cannot be a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, date):
        return value.year * 12 + value.month - 1
    if isinstance(value, str):
        return Month.parse(value).index  # InvalidMonth (a ValueError) for anything but "YYYY-MM"
    raise TypeError(f"cannot read a month from {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class DurationStatus:
    """One household's duration measures for one as-of month."""

    months_in_year: int
    long_term: bool
    very_long_term: bool
    rolling_10_of_12: bool


# --- Reference implementation (one household, plain Python) -------------------------------------


def assistance_months(payments: Iterable[tuple[MonthLike, Decimal | int]]) -> frozenset[int]:
    """Months (as indexes) whose summed payments are > 0. Amounts must be exact (Decimal or int)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for month, amount in payments:
        if isinstance(amount, float):
            raise TypeError("amounts must be Decimal or int, never float")
        totals[month_index(month)] += Decimal(amount)
    return frozenset(month for month, total in totals.items() if total > 0)


def classify_months(months_with_assistance: Iterable[MonthLike], as_of: MonthLike) -> DurationStatus:
    """Reference classification of one household, read straight from the definitions above."""
    as_of_index = month_index(as_of)
    months = {month_index(m) for m in months_with_assistance}

    # Long-term: calendar year of the as-of month, January up to and including the as-of month.
    january = as_of_index - as_of_index % 12
    months_in_year = sum(1 for m in months if january <= m <= as_of_index)

    # Rolling: the 12 months ending with the as-of month, across year boundaries.
    in_rolling_window = sum(1 for m in months if as_of_index - ROLLING_WINDOW < m <= as_of_index)

    # Very long-term: 36-month window; breaks are only the gaps *between* two months with assistance.
    window = sorted(m for m in months if as_of_index - VERY_LONG_TERM_WINDOW < m <= as_of_index)
    longest_break = max(
        (later - earlier - 1 for earlier, later in zip(window, window[1:], strict=False)), default=0
    )
    very_long_term = len(window) >= VERY_LONG_TERM_MIN_MONTHS and longest_break <= VERY_LONG_TERM_MAX_BREAK

    return DurationStatus(
        months_in_year=months_in_year,
        long_term=months_in_year >= LONG_TERM_MIN_MONTHS,
        very_long_term=very_long_term,
        rolling_10_of_12=in_rolling_window >= ROLLING_MIN_MONTHS,
    )


def classify_payments(
    payments: Iterable[tuple[MonthLike, Decimal | int]], as_of: MonthLike
) -> DurationStatus:
    """Reference classification from raw (month, amount) payment rows of one household."""
    return classify_months(assistance_months(payments), as_of)


# --- Vectorised implementation (whole register, Polars) -------------------------------------------


def _month_index_expr(dtype: pl.DataType) -> pl.Expr:
    month = pl.col("month")
    if dtype.is_integer():
        return month.cast(pl.Int64)
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return month.dt.year().cast(pl.Int64) * 12 + month.dt.month().cast(pl.Int64) - 1
    if dtype == pl.String:
        parsed = (month + "-01").str.to_date("%Y-%m-%d", strict=True)
        return parsed.dt.year().cast(pl.Int64) * 12 + parsed.dt.month().cast(pl.Int64) - 1
    raise TypeError(f"month column must be an integer month index, a date or 'YYYY-MM' text, not {dtype}")


def assistance_masks(payments: pl.DataFrame | pl.LazyFrame, as_of: MonthLike) -> pl.LazyFrame:
    """One row per household in `payments`: household_id, assistance_mask (Int64).

    `payments` has columns household_id (any type), month (month index, date or "YYYY-MM") and
    amount (integer or Decimal; floats can mis-sum to a tiny positive total, so avoid them).
    Bit k of assistance_mask is set when the household's payments in the month k months before
    `as_of` sum to > 0, for k = 0..35; months outside the 36-month window are ignored, but a
    household with payments only outside it still gets a row (mask 0).

    Why two paths: most households have one row per month, and for them one group_by over
    households (OR-ing the bit of each paid row) is exact and about five times faster than summing
    per household-month first. A household is on that fast path only when its in-window rows all fall
    in distinct months (row count == number of distinct month bits); the others — several payments
    in one month, which may cancel out — are summed per month first, exactly as the reference does.
    """
    lazy = payments.lazy()
    as_of_index = month_index(as_of)
    age = pl.lit(as_of_index, pl.Int64) - _month_index_expr(lazy.collect_schema()["month"])
    in_window = (age >= 0) & (age < VERY_LONG_TERM_WINDOW)
    # Age -1 stands for "outside the window"; 2**age is the month's bit.
    rows = lazy.select(
        "household_id",
        pl.when(in_window).then(age).otherwise(-1).cast(pl.Int8).alias("age"),
        "amount",
    )
    bit = pl.lit(2, pl.Int64).pow(pl.col("age").cast(pl.Int64).clip(0, 62))
    in_window_bit = pl.when(pl.col("age") >= 0).then(bit).otherwise(0)
    paid_bit = pl.when((pl.col("age") >= 0) & (pl.col("amount") > 0)).then(bit).otherwise(0)

    per_household = rows.group_by("household_id").agg(
        paid_bit.bitwise_or().alias("assistance_mask"),
        (in_window_bit.bitwise_or().bitwise_count_ones().cast(pl.Int64) == (pl.col("age") >= 0).sum()).alias(
            "one_row_per_month"
        ),
    )
    simple = per_household.filter(pl.col("one_row_per_month")).select("household_id", "assistance_mask")
    several = per_household.filter(~pl.col("one_row_per_month")).select("household_id")
    summed = (
        rows.join(several, on="household_id", how="semi")
        .group_by("household_id", "age")
        .agg(pl.col("amount").sum())
        .group_by("household_id")
        .agg(paid_bit.bitwise_or().alias("assistance_mask"))
    )
    return pl.concat([simple, summed], how="vertical").with_columns(pl.col("assistance_mask").cast(pl.Int64))


def _count(bits: pl.Expr) -> pl.Expr:
    return bits.bitwise_count_ones().cast(pl.Int64)


def _has_long_break(mask: pl.Expr) -> pl.Expr:
    """True when the mask has a run of > VERY_LONG_TERM_MAX_BREAK zero bits between two set bits."""
    assert VERY_LONG_TERM_MAX_BREAK == 2, "the run test below looks for exactly 3 zero bits"
    zeros = ~mask & _WINDOW_BITS
    # Bit i of `run_start` is set when bits i, i+1 and i+2 are all zero (a 3-month gap starts at i).
    run_start = zeros & (zeros // 2) & (zeros // 4)
    lowest = mask.bitwise_trailing_zeros().cast(pl.Int64)  # first set bit (64 for an empty mask)
    highest = 63 - mask.bitwise_leading_zeros().cast(pl.Int64)  # last set bit (-1 for an empty mask)
    # Internal runs start at lowest+1 .. highest-3 (their three zeros must end before `highest`).
    between = pl.lit(2, pl.Int64).pow((highest - 2).clip(0, 62)) - pl.lit(2, pl.Int64).pow(
        (lowest + 1).clip(0, 62)
    )
    return pl.when(highest - lowest >= 4).then((run_start & between) != 0).otherwise(False)


def classify_masks(masks: pl.DataFrame | pl.LazyFrame, as_of: MonthLike) -> pl.LazyFrame:
    """Turn `assistance_masks` output into the duration measures (columns as in RESULT_COLUMNS)."""
    as_of_index = month_index(as_of)
    mask = pl.col("assistance_mask")
    year_bits = (1 << (as_of_index % 12 + 1)) - 1  # as-of month back to January
    months_in_year = _count(mask & year_bits)
    return masks.lazy().select(
        "household_id",
        months_in_year.alias("months_in_year"),
        (months_in_year >= LONG_TERM_MIN_MONTHS).alias("long_term"),
        ((_count(mask) >= VERY_LONG_TERM_MIN_MONTHS) & ~_has_long_break(mask)).alias("very_long_term"),
        (_count(mask & _ROLLING_BITS) >= ROLLING_MIN_MONTHS).alias("rolling_10_of_12"),
    )


def classify_table(payments: pl.DataFrame | pl.LazyFrame, as_of: MonthLike) -> pl.DataFrame:
    """Duration measures for every household in a payments table, sorted by household_id.

    Same rules as `classify_payments`, one row per household present in `payments` (see
    `assistance_masks` for the expected columns).
    """
    return classify_masks(assistance_masks(payments, as_of), as_of).sort("household_id").collect()
