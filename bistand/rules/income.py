"""Income formulas: children's own earnings and jobbstimulans (the work incentive).

Both are special calculation rules of the old SoL 4 kap. 1 a § and 1 b § (SFS 2013:421). Their values
(the prisbasbelopp share, 25 %, 6 and 24 months) come from law.toml, dated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


def child_earnings_counted(amount: int, year_to_date: int, yearly_limit: int) -> int:
    """The part of a child's earnings this month that is counted.

    Earnings are free up to `yearly_limit` (one prisbasbelopp) per calendar year; with `year_to_date`
    earned earlier in the year, the counted part is the growth of the excess over the limit:
        max(0, ytd + amount − limit) − max(0, ytd − limit)
    """
    return max(0, year_to_date + amount - yearly_limit) - max(0, year_to_date - yearly_limit)


class Window(NamedTuple):
    """A jobbstimulans period as month indexes (Month.index), both ends included."""

    qualified: int  # the sixth month in a row with försörjningsstöd
    start: int
    end: int


def work_incentive_window(history: Iterable[int], qualifying: int = 6, length: int = 24) -> Window | None:
    """The latest jobbstimulans window earned by a household's assistance history, or None.

    `history` holds the month indexes with försörjningsstöd, ascending and without repeats. Walking the
    months in order: when a run of `qualifying` consecutive months ends at month m (outside any window),
    the window is m+1 … m+`length`. The window runs for its full length whatever happens meanwhile
    ("Det saknar betydelse om den enskilde är självförsörjande under en del av tvåårsperioden", Malmö
    Soctanter); months inside it do not count towards the next qualification, which must be fulfilled
    anew by months after the window ends (SoL 2001:453 4 kap. 1 b §).

    Because every history month precedes the calculation month, only the latest window can cover it.
    """
    qualified = None
    window_end = -1  # last month of the latest window; months up to here do not count towards a new one
    run = 0
    expected = None  # the month that would continue the current run
    for month in history:
        if month <= window_end:
            continue
        run = run + 1 if month == expected else 1
        expected = month + 1
        if run == qualifying:
            qualified, window_end = month, month + length
            run, expected = 0, None
    return None if qualified is None else Window(qualified, qualified + 1, qualified + length)
