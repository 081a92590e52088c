"""Whole kronor: rounding (Swedish formatting is bistand.rules.formatting).

Amounts in the engine are whole kronor held as `int` (exact, and fast enough for the batch path).
Wherever a fraction can arise — 25 % jobbstimulans, a share of the common household costs — the
arithmetic is done in `decimal.Decimal` and rounded half-up to whole kronor; floats are never used.
"""

from decimal import ROUND_HALF_UP, Decimal

_ONE = Decimal(1)


def round_half_up(value: Decimal) -> int:
    """Round to whole kronor, halves away from zero (2,5 -> 3), the rounding people expect on paper."""
    return int(value.quantize(_ONE, rounding=ROUND_HALF_UP))


def share(amount: int, numerator: int, denominator: int) -> int:
    """amount × numerator / denominator, rounded half-up to whole kronor (exact when it divides evenly)."""
    if numerator == denominator:
        return amount
    quotient, remainder = divmod(amount * numerator, denominator)
    if remainder == 0:
        return quotient
    return round_half_up(Decimal(amount * numerator) / Decimal(denominator))


def percent_of(amount: int, rate: Decimal) -> int:
    """rate × amount, rounded half-up to whole kronor (rate 0.25 -> 25 %)."""
    return round_half_up(rate * amount)
