"""Kronor and months written the Swedish way with Babel (plain Python): 5180 -> "5 180 kr".

The spaces are non-breaking (U+00A0, as Babel's sv_SE locale groups digits), so an amount never breaks
over two lines in a letter.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "sv_SE"


def number(amount: int | Decimal) -> str:
    """Digits grouped with non-breaking spaces; a negative amount gets a real minus sign (U+2212)."""
    text = format_decimal(amount, locale=LOCALE)
    return "\u2212" + text[1:] if text.startswith("-") else text


def kr(amount: int | Decimal) -> str:
    return f"{number(amount)}\u00a0kr"


def month_name(month: date) -> str:
    """date(2026, 7, 1) -> "juli 2026"."""
    return format_date(month, "LLLL yyyy", locale=LOCALE)


def long_date(day: date) -> str:
    """date(2026, 12, 24) -> "24 december 2026"."""
    return format_date(day, "long", locale=LOCALE)
