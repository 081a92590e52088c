"""Swedish bank days and the pay date of a decision (plain Python, no Django).

A bank day is a weekday that is neither a public holiday nor a de facto holiday. The categories of the
`holidays` library (0.109) are chosen on purpose:

- PUBLIC: the allmänna helgdagar of lag (1989:253) om allmänna helgdagar (nyårsdagen, långfredagen,
  annandag påsk, första maj, nationaldagen, juldagen …). Banks do not execute payments on them.
- DE_FACTO: midsommarafton, julafton and nyårsafton. They are not helgdagar in law, but Swedish banks
  and Bankgirot keep them closed (non-banking days in the banks' published calendars), so no payment
  can be executed on them. Lag (1930:173) om beräkning av lagstadgad tid likewise names them beside
  the helgdagar (from memory; the text was not retrieved — verify).
- BANK is deliberately NOT used: in this library it lists the half days "från kl. 14.00"
  (skärtorsdagen, dag före julafton …). Those ARE bank days — payments are executed in the morning —
  so treating them as closed would move pay dates for no reason. (It also repeats the de facto eves.)
- OPTIONAL (påskafton, pingstafton, "klämdag") is not used either: påskafton and pingstafton are
  Saturdays anyway, and a klämdag is an ordinary bank day.

The municipality's pay day (utbetalningsdag) for income support is the 25th of the month before the
month the support is for, moved to the previous bank day when the 25th is not one, so the money is in
the account before the month starts and before rent falls due. A decision made on or after that day is
paid on the next bank day after the decision date (a payment cannot be executed on the day it is
decided: the bank file for a day is produced in the morning).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

# Day of the month before the support month on which recurring income support is paid
# (municipal routine, adopted by the social committee; 25 is common practice — DERIVED, configurable here).
MUNICIPAL_PAY_DAY = 25

HOLIDAY_CATEGORIES = (holidays.PUBLIC, holidays.DE_FACTO)


@lru_cache(maxsize=64)
def _closed_days(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=year, categories=HOLIDAY_CATEGORIES).keys())


def is_bank_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(day.year)


def previous_or_same_bank_day(day: date) -> date:
    while not is_bank_day(day):
        day -= timedelta(days=1)
    return day


def next_bank_day_after(day: date) -> date:
    day += timedelta(days=1)
    while not is_bank_day(day):
        day += timedelta(days=1)
    return day


def municipal_pay_day(month: date) -> date:
    """The regular pay day for support for `month` (any day in it): the 25th of the month before."""
    first = month.replace(day=1)
    before = (first - timedelta(days=1)).replace(day=MUNICIPAL_PAY_DAY)
    return previous_or_same_bank_day(before)


def pay_date_for(month: date, decided_on: date) -> date:
    """The day a payment for `month`, decided on `decided_on`, is executed.

    Decided before the regular pay day: paid on the regular pay day (never early).
    Decided on the pay day or later: the next bank day after the decision date.
    """
    regular = municipal_pay_day(month)
    if decided_on < regular:
        return regular
    return next_bank_day_after(decided_on)
