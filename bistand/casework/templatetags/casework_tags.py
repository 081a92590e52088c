"""Small display helpers for the caseworker pages: kronor and months the Swedish way."""

from datetime import date

from django import template

from bistand.cases.models import DecisionOutcome
from bistand.casework.decisions.labels import kind_label as _kind_label

register = template.Library()

MONTHS_SV = [
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
]


@register.filter
def kr(value) -> str:
    """12345 -> '12 345 kr' with non-breaking spaces, as Swedish money is written; '' for None."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    sign = "−" if number < 0 else ""
    grouped = f"{abs(number):,}".replace(",", "\u00a0")
    return f"{sign}{grouped}\u00a0kr"


@register.filter
def month_sv(value) -> str:
    """A date (or 'YYYY-MM') -> 'november 2026'."""
    if isinstance(value, str) and len(value) >= 7:
        year, month = int(value[:4]), int(value[5:7])
    elif isinstance(value, date):
        year, month = value.year, value.month
    else:
        return "" if value is None else str(value)
    return f"{MONTHS_SV[month - 1]} {year}"


@register.filter
def get_item(mapping, key):
    """Look up a key in a dict from a template: {{ flags|get_item:case.pk }}."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def outcome_label(value) -> str:
    """'partly_granted' -> 'Delvis bifall'."""
    try:
        return DecisionOutcome(value).label
    except ValueError:
        return str(value)


@register.filter
def kind_label(item) -> str:
    """The Swedish name of a declared item's kind (anything with .category and .kind)."""
    return _kind_label(item.category, item.kind)
