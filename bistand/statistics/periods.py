"""Calendar months for follow-up: parsing "YYYY-MM", first/last day, shifting, Swedish labels.

Every figure in the monthly report is about one calendar month, because Socialstyrelsen's statistics
are monthly (HSLF-FS 2015:30 3 §: "Uppgifterna ska avse den kalendermånad som biståndet gäller för").
Pure Python, no Django.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH_NAMES_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
SHORT_MONTH_NAMES_SV = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

_MONTH_RE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class InvalidMonth(ValueError):
    """Raised with a Swedish message for the person who typed the month."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH_RE.fullmatch((text or "").strip())
        if match is None:
            raise InvalidMonth(f"”{text}” är inte en månad. Skriv år och månad som ÅÅÅÅ-MM, t.ex. 2025-03.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def index(self) -> int:
        """Same month index as bistand.statistics.durations.month_index (year * 12 + month - 1)."""
        return self.year * 12 + self.month - 1

    def shift(self, months: int) -> Month:
        index = self.index + months
        return Month(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """Swedish label, e.g. "mars 2025"."""
        return f"{MONTH_NAMES_SV[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        return f"{SHORT_MONTH_NAMES_SV[self.month - 1]} {self.year % 100:02d}"


def months_back(last: Month, count: int) -> list[Month]:
    """The `count` months ending with `last`, oldest first."""
    return [last.shift(-k) for k in range(count - 1, -1, -1)]


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    target = Month.of(day).shift(months)
    return date(target.year, target.month, min(day.day, target.last.day))


def previous_complete_month(today: date) -> Month:
    """The default report month: the last month that has ended."""
    return Month.of(today).shift(-1)
