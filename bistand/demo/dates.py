"""Months and bank days for the demo history.

The history is built month by month, so months are handled as integer indexes (year * 12 + month - 1)
that subtract across year boundaries. Payments in Sweden are made on bank days: not weekends, public
holidays, nor midsommarafton, julafton and nyårsafton, when the banks are closed too (the `holidays`
package's "public" and "de_facto" categories for Sweden).
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


@cache
def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@cache
def month_end(index: int) -> date:
    return month_start(index + 1) - timedelta(days=1)


def month_key(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def day_in_month(index: int, day: int) -> date:
    """The given day of the month, or the month's last day if the month is shorter."""
    return min(date(index // 12, index % 12 + 1, 1) + timedelta(days=day - 1), month_end(index))


@cache
def _closed_days(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=[year], categories=("public", "de_facto")).keys())


@cache
def is_bank_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(day.year)


def bank_day_on_or_before(day: date) -> date:
    while not is_bank_day(day):
        day -= timedelta(days=1)
    return day


def bank_day_on_or_after(day: date) -> date:
    while not is_bank_day(day):
        day += timedelta(days=1)
    return day


def add_bank_days(day: date, count: int) -> date:
    for _ in range(count):
        day = bank_day_on_or_after(day + timedelta(days=1))
    return day


def regular_pay_day(month: int) -> date:
    """Recurring assistance for a month is paid before it starts: the last bank day on or before the
    25th of the previous month (the usual monthly pay day)."""
    return bank_day_on_or_before(day_in_month(month - 1, 25))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime in Swedish time, as the application would have recorded it."""
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)
