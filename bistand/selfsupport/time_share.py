"""Share of a caseworker's working time spent in client meetings (pure Python, no Django).

Why: Göteborg's "Projekt minskat försörjningsstöd" asked that at least 25 % of working time go to client
meetings (Göteborgs stad, Projekt minskat försörjningsstöd), and no existing system measures it ("Features none of the anchors
covers"). The share is computed from two kinds of data the municipality already has: the meetings that
were held, and each worker's contracted hours minus absence.

Working time in a period (DERIVED, the issue's definition):
    working days  = weekdays in the period that are not Swedish holidays
    daily hours   = weekly hours at full time / 5 × employment rate
    working hours = working days × daily hours − absence hours
    absence hours = for each working day inside an absence: daily hours × the absence's extent
    share         = meeting minutes / working minutes

Holidays come from the `holidays` library (Sweden). Besides the public holidays we also count its
"de_facto" days — midsommarafton, julafton and nyårsafton — as days off, because in practice municipal
staff do not work them; the library marks them de_facto, not public (stack-notes, holidays 0.109).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

import holidays

HOLIDAY_CATEGORIES = ("public", "de_facto")
WORKDAYS_PER_WEEK = 5
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class AbsencePeriod:
    """An absence from `start` to `end` inclusive; `extent` is the percent of the day's hours (100 = whole)."""

    start: date
    end: date
    extent: Decimal = HUNDRED


@dataclass(frozen=True)
class TimeShare:
    working_minutes: Decimal
    meeting_minutes: int
    share: Decimal | None  # None when there was no working time at all (e.g. a month of leave)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=year, categories=HOLIDAY_CATEGORIES).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_days(start: date, end: date) -> list[date]:
    """The working days from start to end, both inclusive."""
    days = []
    day = start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def daily_hours(weekly_hours_full_time: Decimal, employment_rate: Decimal) -> Decimal:
    """Hours of one working day for this worker; employment_rate is in percent (100 = full time)."""
    return Decimal(weekly_hours_full_time) / WORKDAYS_PER_WEEK * Decimal(employment_rate) / HUNDRED


def absence_hours(start: date, end: date, day_hours: Decimal, absences: Iterable[AbsencePeriod]) -> Decimal:
    """Hours of absence on working days inside the period; overlapping absences never exceed a whole day."""
    extent_by_day: dict[date, Decimal] = {}
    for absence in absences:
        for day in working_days(max(start, absence.start), min(end, absence.end)):
            extent_by_day[day] = min(HUNDRED, extent_by_day.get(day, Decimal(0)) + Decimal(absence.extent))
    return sum((day_hours * extent / HUNDRED for extent in extent_by_day.values()), Decimal(0))


def working_minutes(
    start: date,
    end: date,
    employment_rate: Decimal,
    weekly_hours_full_time: Decimal,
    absences: Iterable[AbsencePeriod] = (),
) -> Decimal:
    day_hours = daily_hours(weekly_hours_full_time, employment_rate)
    hours = len(working_days(start, end)) * day_hours - absence_hours(start, end, day_hours, absences)
    return hours * 60


def share(meeting_minutes: int, work_minutes: Decimal) -> Decimal | None:
    if work_minutes <= 0:
        return None
    return Decimal(meeting_minutes) / work_minutes


def time_share(
    start: date,
    end: date,
    employment_rate: Decimal,
    weekly_hours_full_time: Decimal,
    meeting_minutes: int,
    absences: Iterable[AbsencePeriod] = (),
) -> TimeShare:
    minutes = working_minutes(start, end, employment_rate, weekly_hours_full_time, absences)
    return TimeShare(
        working_minutes=minutes, meeting_minutes=meeting_minutes, share=share(meeting_minutes, minutes)
    )


def combine(shares: Iterable[TimeShare]) -> TimeShare:
    """A unit's share: all meeting minutes over all working minutes (not the mean of the workers' shares)."""
    shares = list(shares)
    minutes = sum((s.working_minutes for s in shares), Decimal(0))
    meetings = sum(s.meeting_minutes for s in shares)
    return TimeShare(working_minutes=minutes, meeting_minutes=meetings, share=share(meetings, minutes))
