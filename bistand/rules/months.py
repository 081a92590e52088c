"""Calendar months and ages: the month is the unit of every calculation and of every statistic.

Försörjningsstöd is assessed per calendar month, so every date in the engine is reduced to a `Month`;
the follow-up counts per calendar month too, because Socialstyrelsen's statistics are monthly
(HSLF-FS 2015:30 3 §: "Uppgifterna ska avse den kalendermånad som biståndet gäller för").
A month also has an integer `index` (year * 12 + month - 1) so that "six months in a row" and
"the next 24 months" are plain integer arithmetic.

This is the one month type of Bistånd (the calculation, the follow-up, the what-if scenarios) and the one
place for month arithmetic and ages. Plain Python, no Django.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from bistand.rules.formatting import month_name, short_month_name

_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")


class InvalidMonth(ValueError):
    """Not a month in the form YYYY-MM; the message is Swedish, for the person who typed it."""


class Month(NamedTuple):
    """A calendar month; compares and sorts chronologically, prints as 'YYYY-MM'."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: object) -> Month:
        """'2025-06' -> Month(2025, 6). Raises InvalidMonth (a ValueError) for anything else
        (e.g. '2025-13', '2025-6', ' 2025-06'); see `parse_input` for text a person typed."""
        if not isinstance(text, str):
            raise InvalidMonth(_invalid(text))
        return _parse(text)

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def index(self) -> int:  # type: ignore[override]  # tuple.index(value) is not used on a Month
        return self.year * 12 + self.month - 1

    @property
    def first(self) -> date:
        """The month's first day."""
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        """The month's last day."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shift(self, months: int) -> Month:
        """The month `months` later (earlier when negative): Month(2025, 12).shift(1) == Month(2026, 1)."""
        return Month.from_index(self.index + months)

    @property
    def label(self) -> str:
        """Swedish label, e.g. "mars 2025"."""
        return month_name(self)

    @property
    def short_label(self) -> str:
        """Short Swedish label for charts, e.g. "mar 25"."""
        return short_month_name(self)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _invalid(text: object) -> str:
    return f"”{text}” är inte en månad. Skriv år och månad som ÅÅÅÅ-MM, t.ex. 2025-03."


@lru_cache(maxsize=4096)  # histories repeat the same few hundred months
def _parse(text: str) -> Month:
    match = _MONTH_RE.fullmatch(text)
    if not match or not (1 <= int(match[2]) <= 12 and int(match[1]) >= 1):
        raise InvalidMonth(_invalid(text))
    return Month(int(match[1]), int(match[2]))


def parse_input(text: str | None) -> Month:
    """A month typed by a person (a form field, a command option): surrounding spaces are ignored.

    Raises InvalidMonth with a Swedish message."""
    return Month.parse((text or "").strip())


def month_key(day: date) -> str:
    """The 'YYYY-MM' of `day`'s month, as the calculation request writes months."""
    return str(Month.of(day))


def first_of_month(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    """The last day of `day`'s month."""
    return Month.of(day).last


def months_back(last: Month, count: int) -> list[Month]:
    """The `count` months ending with `last`, oldest first."""
    return [last.shift(-k) for k in range(count - 1, -1, -1)]


def add_months(day: date, months: int) -> date:
    """Same day `months` later (earlier when negative), clamped to the month's last day
    (31 Jan + 1 month = 28/29 Feb); the first of a month gives the first of the other month."""
    target = Month.of(day).shift(months)
    return date(target.year, target.month, min(day.day, target.last.day))


def previous_complete_month(today: date) -> Month:
    """The default report month: the last month that has ended."""
    return Month.of(today).shift(-1)


def age_on(birth: date, day: date) -> int:
    """Completed years on `day`: the birthday itself counts (born 2000-05-10 is 26 on 2026-05-10).

    A person born on 29 February reaches the new age on 1 March in common years.
    """
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


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
    return age_on(birth, month.last)
