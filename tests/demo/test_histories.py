"""Assistance histories give Malmö 2012's long-term shares, by the project's own definitions."""

import random

import pytest

from bistand.demo.histories import CURRENT, History, HistoryFactory, episodes

try:  # the statistics area's reference definitions (reference §4)
    from bistand.statistics.durations import classify_months
except ImportError:  # pragma: no cover
    classify_months = None

AS_OF = 2026 * 12 + 10  # 2026-11 as a month index (year * 12 + month - 1)
W0 = AS_OF - CURRENT  # first month of the 36-month window: 2023-12
YEAR_START = 2025 * 12 - W0  # January 2025 in window indexes (13)


def _local(months: list[int]):
    """Tiny stand-in for the definitions if the statistics area is missing: 10–12 months of the
    calendar year; ≥ 27 of 36 months with no gap > 2 between months with assistance."""
    in_2025 = sum(1 for m in months if 2025 * 12 <= m <= 2025 * 12 + 11)
    window = sorted(m for m in months if AS_OF - 36 < m <= AS_OF)
    gaps = [b - a - 1 for a, b in zip(window, window[1:], strict=False)]
    return in_2025 >= 10, len(window) >= 27 and max(gaps, default=0) <= 2


def _classify(months: list[int]):
    if classify_months is None:
        return _local(months)
    return (
        classify_months(months, 2025 * 12 + 11).long_term,  # as of December 2025: the calendar year
        classify_months(months, AS_OF).very_long_term,  # the 36 months ending with the as-of month
    )


def test_shares_like_malmo_2012():
    factory = HistoryFactory(random.Random(11), YEAR_START)
    histories = [factory.history(course) for course in factory.courses(3000)]
    recipients = long_term = very_long = 0
    for h in histories:
        months = [W0 + i for i in h.assistance_months]
        if not any(2025 * 12 <= m <= 2025 * 12 + 11 for m in months):
            continue
        recipients += 1
        lt, vlt = _classify(months)
        long_term += lt
        very_long += vlt
    # seeds/003: Malmö 2012, 42 % long-term and 33 % very long-term.
    assert abs(100 * long_term / recipients - 42) <= 2
    assert abs(100 * very_long / recipients - 33) <= 2


def test_the_current_month_is_never_paid():
    factory = HistoryFactory(random.Random(12), YEAR_START)
    for course in factory.courses(500):
        assert len(factory.history(course).months) == CURRENT  # months 0..34; 35 is the as-of month


@pytest.mark.parametrize(
    ("paid", "current", "expected"),
    [
        # paid 0–4, pause 5–6 (2 months), paid 7–9: one case, closed two months after month 9 (month 11).
        ([0, 1, 2, 3, 4, 7, 8, 9], False, [(0, 9, 11)]),
        # pause 5–7 (3 months) closes the first case two months after month 4 (month 6); a new case 8–9.
        ([0, 1, 2, 3, 4, 8, 9], False, [(0, 4, 6), (8, 9, 11)]),
        # paid up to month 34 with an application waiting in 35: open.
        ([30, 31, 32, 33, 34], True, [(30, 35, None)]),
        # last paid in 33 and nothing waiting: still open (closing would be in the as-of month).
        ([30, 31, 32, 33], False, [(30, 33, None)]),
    ],
)
def test_episodes(paid, current, expected):
    months = [i in paid for i in range(CURRENT)]
    h = History("short", months, current=current)
    assert [(e.first, e.last, e.closed_month) for e in episodes(h)] == expected
