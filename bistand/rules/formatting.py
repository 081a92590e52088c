"""Kronor, dates and month names written the Swedish way — the one place Bistånd formats them.

Everything goes through Babel with the locale sv_SE (CLDR), so explanations, pages (the template
filters in bistand.casework.templatetags.casework_tags), letters, PDFs and exports all read alike:

* kronor: 12345 -> "12 345 kr"; digits are grouped with a no-break space (U+00A0) and the same space
  stands before "kr", so an amount never breaks over two lines (Språkrådet, Myndigheternas skrivregler:
  tusental skiljs med mellanrum, and CLDR's sv group separator is U+00A0). A negative amount gets a
  true minus sign (U+2212), as CLDR's sv locale writes it.
* dates: date(2026, 1, 1) -> "1 januari 2026"; months: "januari 2026", short "jan 26".

Plain Python (Babel only), no Django, so the calculation in bistand.rules can use it too.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, parse_pattern

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"

_SV = Locale.parse(LOCALE)
# CLDR's sv decimal pattern ("#,##0.###": whole kronor print without decimals) followed by a no-break
# space and the currency sign, which sv_SE writes as "kr" for SEK. Parsed once: this is what
# babel.numbers.format_currency(amount, "SEK", format=…, locale="sv_SE", currency_digits=False) does on
# every call.
_KRONOR = parse_pattern("#,##0.###\u00a0¤")
_KRONOR_2_DECIMALS = parse_pattern("#,##0.00\u00a0¤")
_CENT = Decimal("0.01")


def _true_minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


@lru_cache(maxsize=8192)  # the same norm amounts and rent caps recur in every explanation
def number(amount: int | Decimal) -> str:
    """Digits grouped the Swedish way: 1234567 -> "1 234 567", Decimal("1234.5") -> "1 234,5"."""
    return _true_minus(format_decimal(amount, locale=_SV))


@lru_cache(maxsize=8192)
def kr(amount: int | Decimal) -> str:
    """An amount in kronor: 12345 -> "12 345 kr", -1250 -> "−1 250 kr" (no-break spaces, true minus)."""
    return _true_minus(_KRONOR.apply(amount, _SV, currency="SEK", currency_digits=False))


def kr_fraction(numerator: int, denominator: int) -> str:
    """An unrounded quotient with two decimals (rounded half-up): 5210/3 -> "1 736,67 kr"."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return _true_minus(_KRONOR_2_DECIMALS.apply(value, _SV, currency="SEK", currency_digits=False))


def long_date(day: date) -> str:
    """date(2026, 12, 24) -> "24 december 2026"."""
    return format_date(day, "long", locale=_SV)


def day_and_month(day: date) -> str:
    """date(2026, 2, 3) -> "3 februari" (a date in the current year, e.g. a calendar's column)."""
    return format_date(day, "d MMMM", locale=_SV)


def weekday_name(day: date) -> str:
    """date(2026, 2, 2) -> "måndag" (lower case, as Swedish writes weekdays)."""
    return format_date(day, "EEEE", locale=_SV)


class YearMonth(Protocol):
    """Anything with a year and a month: a date or a bistand.rules.months.Month."""

    @property
    def year(self) -> int: ...

    @property
    def month(self) -> int: ...


@lru_cache(maxsize=1024)
def _month_name(year: int, month: int) -> str:
    # "LLLL": the month's stand-alone name, which Swedish writes in lower case ("januari").
    return format_date(date(year, month, 1), "LLLL yyyy", locale=_SV)


def month_name(month: YearMonth) -> str:
    """The month of a date (or a bistand.rules.months.Month): date(2026, 7, 1) -> "juli 2026"."""
    return _month_name(month.year, month.month)


def short_month_name(month: YearMonth) -> str:
    """A short label for charts: date(2025, 3, 1) -> "mar 25" (the first three letters of the name)."""
    return f"{_month_name(month.year, month.month)[:3]} {month.year % 100:02d}"
