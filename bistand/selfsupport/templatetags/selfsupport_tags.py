"""Display helpers for the self-support pages: percentages and hours the Swedish way."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """Decimal("0.2246") -> '22,5 %' (one decimal, comma, non-breaking space); '–' for None."""
    if value is None or value == "":
        return "–"
    rounded = (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded}".replace(".", ",") + "\u00a0%"


@register.filter
def hours(minutes) -> str:
    """Minutes -> hours with one decimal: 6144 -> '102,4 tim'."""
    if minutes is None:
        return "–"
    value = (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "\u00a0tim"


@register.filter
def bar_width(value, goal=None) -> int:
    """Width in percent (0–100) of a share drawn on a 0–50 % scale, for the small bar charts."""
    if value is None:
        return 0
    return max(0, min(100, int(Decimal(value) * 200)))
