"""Hand-built payment histories for the duration measures (reference.md §4, seeds/003 fn 3, seeds/000).

Every case is checked against both implementations: the plain-Python reference
(`classify_payments`) and the vectorised Polars one (`classify_table`). Expected values are worked
out by hand in the comment beside each case. Notation: "2023-01..2025-12" is every month from
January 2023 to December 2025 inclusive.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from bistand.rules.months import Month
from bistand.statistics.durations import (
    DurationStatus,
    assistance_months,
    classify_months,
    classify_payments,
    classify_table,
    month_index,
)


def span(first: str, last: str, amount: int = 5000) -> list[tuple[str, int]]:
    """One payment of `amount` in every month from `first` to `last` inclusive."""
    return [(str(Month.from_index(m)), amount) for m in range(month_index(first), month_index(last) + 1)]


def without(payments: list[tuple[str, int]], *months: str) -> list[tuple[str, int]]:
    return [(month, amount) for month, amount in payments if month not in months]


def offsets(as_of: str, *ranges: tuple[int, int]) -> list[tuple[str, int]]:
    """Payments at window offsets: offset 0 = first month of the 36-month window ending at as_of."""
    first = month_index(as_of) - 35
    return [(str(Month.from_index(first + k)), 5000) for lo, hi in ranges for k in range(lo, hi + 1)]


S = DurationStatus  # S(months_in_year, long_term, very_long_term, rolling_10_of_12)

CASES = [
    # 36 of 36 months, no gaps. 2025: Jan..Dec = 12 >= 10; last 12 months all paid.
    ("three full years", span("2023-01", "2025-12"), "2025-12", S(12, True, True, True)),
    # Break of exactly 2 (2024-05, 2024-06): 34 of 36 months, longest break 2 <= 2 -> very long-term.
    (
        "break of exactly 2 months",
        without(span("2023-01", "2025-12"), "2024-05", "2024-06"),
        "2025-12",
        S(12, True, True, True),
    ),
    # Break of 3 (2024-05..07): 33 months >= 27 but a 3-month avbrott -> not very long-term.
    (
        "break of 3 months",
        without(span("2023-01", "2025-12"), "2024-05", "2024-06", "2024-07"),
        "2025-12",
        S(12, True, False, True),
    ),
    # 27 months: Oct-Dec 2023 (3) + 2024 (12) + 2025 (12) = 27 >= 27. The 9 empty months at the
    # start of the window (2023-01..09) come before the first payment: not an avbrott.
    ("27 months, gap only before", span("2023-10", "2025-12"), "2025-12", S(12, True, True, True)),
    # 26 months: Nov-Dec 2023 (2) + 24 = 26 < 27.
    ("26 months", span("2023-11", "2025-12"), "2025-12", S(12, True, False, True)),
    # 27 months then none: 2023 (12) + 2024 (12) + Jan-Mar 2025 (3) = 27; the last 9 months of the
    # window are after the last payment, not an avbrott -> very long-term (decided interpretation).
    # 2025 so far: Jan-Mar = 3 -> not long-term; last 12 months (2025-01..12): 3 -> not rolling.
    ("27 months, gap only after", span("2023-01", "2025-03"), "2025-12", S(3, False, True, False)),
    # Seven on, two off, four times: 4 * 7 = 28 months >= 27, every break exactly 2 -> very long.
    # Offsets 0-6, 9-15, 18-24, 27-33 paid; window 2023-01..2025-12, so offsets 24..35 = 2025:
    # paid 24 (Jan), 27-33 (Apr-Oct) = 8 months -> not long-term; rolling the same 8 -> false.
    (
        "four breaks of 2 months",
        offsets("2025-12", (0, 6), (9, 15), (18, 24), (27, 33)),
        "2025-12",
        S(8, False, True, False),
    ),
    # Offset 0 paid, 1-3 empty, 4-35 paid: 1 + 32 = 33 months, and the 3-month gap lies *between*
    # two payments -> not very long-term. 2025 (offsets 24-35) fully paid -> long-term and rolling.
    (
        "3-month gap after a lone first month",
        offsets("2025-12", (0, 0), (4, 35)),
        "2025-12",
        S(12, True, False, True),
    ),
    # The same without the lone first month: 32 months, the gap is before the first payment -> very long.
    ("same gap at the window's start", offsets("2025-12", (4, 35)), "2025-12", S(12, True, True, True)),
    # Months before the window do not count: 2022-01..2024-12 is 36 months, but the window
    # 2023-01..2025-12 holds only 2023-2024 = 24 < 27. Nothing in 2025.
    ("history before the window", span("2022-01", "2024-12"), "2025-12", S(0, False, False, False)),
    # Across a new year: 2024-03..2025-02 (12 months), as-of 2025-02. Calendar year 2025: Jan, Feb = 2
    # -> not long-term; last 12 months 2024-03..2025-02 all paid = 12 >= 10 -> rolling.
    ("rolling window across new year", span("2024-03", "2025-02"), "2025-02", S(2, False, False, True)),
    # Rolling exactly 10: 2024-07..2025-06 is 12 months, minus 2024-09 and 2025-02 = 10 -> true.
    # 2025 up to June: Jan, Mar, Apr, May, Jun = 5.
    (
        "rolling exactly 10 of 12",
        without(span("2024-07", "2025-06"), "2024-09", "2025-02"),
        "2025-06",
        S(5, False, False, True),
    ),
    # Minus one more (2024-12): 9 of 12 -> false. 2025 unchanged: 5.
    (
        "rolling 9 of 12",
        without(span("2024-07", "2025-06"), "2024-09", "2025-02", "2024-12"),
        "2025-06",
        S(5, False, False, False),
    ),
    # Long-term exactly 10: Jan-Oct 2025 as-of Oct -> 10 >= 10. Rolling (2024-11..2025-10): 10.
    ("long-term reached in October", span("2025-01", "2025-10"), "2025-10", S(10, True, False, True)),
    # Jan-Sep only: 9 -> false at as-of December too (Oct-Dec empty). Rolling 2025-01..12: 9.
    ("nine months in the year", span("2025-01", "2025-09"), "2025-12", S(9, False, False, False)),
    # As-of in January: all of 2024 plus 2025-01. months_in_year counts only January 2025 = 1, so not
    # long-term; rolling 2024-02..2025-01 = 11 + 1 = 12 -> true. Window 2022-02..2025-01 holds
    # 2024-01..2025-01 = 13 < 27.
    ("as-of January", span("2024-01", "2025-01"), "2025-01", S(1, False, False, True)),
    # As-of January, 36 months 2022-02..2025-01 all paid -> very long-term; still months_in_year 1.
    ("as-of January, three full years", span("2022-02", "2025-01"), "2025-01", S(1, False, True, True)),
    # Zero and negative totals are no assistance: 2025 has a row every month, but Mar and Jul are 0 kr
    # and Nov is -200 kr (a repayment). 12 - 3 = 9 months -> not long-term; rolling 9 -> false.
    (
        "zero-amount and negative rows",
        [
            (m, 0 if m in ("2025-03", "2025-07") else -200 if m == "2025-11" else 4000)
            for m, _ in span("2025-01", "2025-12")
        ],
        "2025-12",
        S(9, False, False, False),
    ),
    # Several rows in one month are summed: Jan-Oct 5000 each, May also -5000 (sum 0 -> not a month),
    # Nov two rows of 2500 (one month, not two), Dec the same 100 kr row twice (one month).
    # Months: Jan-Apr (4) + Jun-Oct (5) + Nov + Dec = 11 -> long-term; rolling 11 -> true.
    (
        "duplicated rows for a month",
        span("2025-01", "2025-10")
        + [("2025-05", -5000), ("2025-11", 2500), ("2025-11", 2500)]
        + [("2025-12", 100)] * 2,
        "2025-12",
        S(11, True, False, True),
    ),
    # Payments only after the as-of month are ignored: 2026 paid in full, as-of 2025-12 -> nothing.
    ("only after the as-of month", span("2026-01", "2026-12"), "2025-12", S(0, False, False, False)),
    # Jan-Sep 2025 plus Jan-Mar 2026: the 2026 months are after the as-of month and do not lift 9 to 12.
    (
        "later months ignored",
        span("2025-01", "2025-09") + span("2026-01", "2026-03"),
        "2025-12",
        S(9, False, False, False),
    ),
]


@pytest.mark.parametrize(("payments", "as_of", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_reference(payments, as_of, expected):
    assert classify_payments(payments, as_of) == expected


@pytest.mark.parametrize(("payments", "as_of", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_vectorised(payments, as_of, expected):
    frame = pl.DataFrame(
        {
            "household_id": ["h"] * len(payments),
            "month": [m for m, _ in payments],
            "amount": [a for _, a in payments],
        },
        schema={"household_id": pl.String, "month": pl.String, "amount": pl.Int64},
    )
    result = classify_table(frame, as_of)
    row = result.row(0, named=True)
    assert result.height == 1
    assert (
        S(row["months_in_year"], row["long_term"], row["very_long_term"], row["rolling_10_of_12"]) == expected
    )


def test_all_cases_in_one_table_give_one_row_each_in_id_order():
    # The cases as households "00".."20" of one register: each row must match its own case.
    rows = [(f"{i:02d}", month, amount) for i, case in enumerate(CASES) for month, amount in case[1]]
    frame = pl.DataFrame(
        rows, schema={"household_id": pl.String, "month": pl.String, "amount": pl.Int64}, orient="row"
    )
    for as_of in {case[2] for case in CASES}:
        result = classify_table(frame, as_of)
        assert result["household_id"].to_list() == [f"{i:02d}" for i in range(len(CASES))]
        for i, (_, payments, case_as_of, expected) in enumerate(CASES):
            got = S(*result.row(i)[1:])
            assert got == classify_payments(payments, as_of)
            if case_as_of == as_of:
                assert got == expected


def test_month_column_as_dates_and_amounts_as_decimals():
    # Same history as "break of exactly 2 months", months given as dates (any day) and Decimal kronor.
    payments = without(span("2023-01", "2025-12"), "2024-05", "2024-06")
    frame = pl.DataFrame(
        {
            "household_id": [7] * len(payments),
            "month": [date(int(m[:4]), int(m[5:]), 15) for m, _ in payments],
            "amount": [Decimal("4999.50") for _ in payments],
        }
    )
    assert isinstance(frame.schema["amount"], pl.Decimal)
    assert classify_table(frame, date(2025, 12, 31)).rows() == [(7, 12, True, True, True)]


def test_household_with_no_rows_in_the_window_still_gets_a_row():
    frame = pl.DataFrame({"household_id": ["a", "b"], "month": ["2020-01", "2025-12"], "amount": [100, 100]})
    # a: paid only in 2020, far before the window -> zeros; b: December 2025 -> 1 month.
    assert classify_table(frame, "2025-12").rows() == [
        ("a", 0, False, False, False),
        ("b", 1, False, False, False),
    ]


def test_assistance_months_sums_per_month_and_keeps_positive_totals():
    # Jan: 100 - 100 = 0 (no); Feb: -1 + 2 = 1 (yes); Mar: 0 (no); Apr: 0.01 kr (yes, one öre is > 0).
    payments = [("2025-01", 100), ("2025-01", -100), ("2025-02", -1), ("2025-02", 2), ("2025-03", 0)]
    payments.append(("2025-04", Decimal("0.01")))
    assert assistance_months(payments) == {month_index("2025-02"), month_index("2025-04")}


def test_float_amounts_are_refused():
    with pytest.raises(TypeError):
        assistance_months([("2025-01", 0.1)])


def test_classify_months_takes_months_in_any_form():
    # 2025-11 as text, 2025-12 as a date, 2025-10 as an index (2025 * 12 + 9): 3 months in 2025.
    months = ["2025-11", date(2025, 12, 1), 2025 * 12 + 9]
    assert classify_months(months, "2025-12") == S(3, False, False, False)


@pytest.mark.parametrize(
    ("text", "index"),
    [("2025-01", 2025 * 12), ("2025-12", 2025 * 12 + 11), ("0001-01", 12)],
)
def test_month_index_round_trip(text, index):
    assert month_index(text) == index
    assert str(Month.from_index(index)) == text


@pytest.mark.parametrize("bad", ["2025-13", "2025-00", "2025-1", "25-01", "2025/01", " 2025-01", ""])
def test_month_index_rejects_malformed_months(bad):
    with pytest.raises(ValueError):
        month_index(bad)
