"""Calendar months and ages: the month is the unit of every calculation.

Försörjningsstöd is assessed per calendar month, so every date in the engine is reduced to a `Month`.
A month also has an integer `index` (year * 12 + month - 1) so that "six months in a row" and
"the next 24 months" are plain integer arithmetic.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")


class Month(NamedTuple):
    """A calendar month; compares and sorts chronologically, prints as 'YYYY-MM'."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2025-06' -> Month(2025, 6). Raises ValueError for anything else (e.g. '2025-13', '2025-6')."""
        if not isinstance(text, str):
            raise ValueError(text)
        return _parse(text)

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@lru_cache(maxsize=4096)  # histories repeat the same few hundred months
def _parse(text: str) -> Month:
    match = _MONTH_RE.fullmatch(text)
    if not match or not (1 <= int(match[2]) <= 12 and int(match[1]) >= 1):
        raise ValueError(text)
    return Month(int(match[1]), int(match[2]))


def age_at_end_of_month(birth: date, month: Month) -> int:
    """Completed years on the LAST day of `month` — the age the member reaches during the month.

    Why the last day (a decided rule; no statute says which day counts):
    * the month is the unit of calculation, so a birthday inside the month never needs proration;
    * a child's costs grow with age and the riksnorm amount rises at every band change (the one
      exception is 1–2 -> 3 år, where the table itself falls), so taking the age reached during the
      month means the household is not under-provided in the month its costs change;
    * it matches the household rule "barn under 21 år": a child who turns 21 during the month is no
      longer a household member for that month (the engine reports `child_over_20`).

    A person born on 29 February reaches the new age on 1 March in common years.
    """
    last = month.last_day
    return last.year - birth.year - ((last.month, last.day) < (birth.month, birth.day))
