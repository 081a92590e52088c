"""Small display helpers for the caseworker pages: kronor and months the Swedish way.

The formatting itself is bistand.rules.formatting (Babel, sv_SE); these filters only accept what a
template hands them (None, text, numbers, dates)."""

from datetime import date, datetime
from functools import lru_cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.formats import date_format

from bistand.cases.models import DecisionOutcome
from bistand.casework.decisions.labels import kind_label as _kind_label
from bistand.rules import formatting
from bistand.rules.months import Month

register = template.Library()


@register.filter(expects_localtime=True)
def long_day(value) -> str:
    """A date, or a date and time (in local time), as Django's date:"j F Y" writes it: '2 november 2026'.

    A case's timeline has a row for every application, decision, payment and meeting of three years;
    the days recur from case to case, so each is formatted once per language rather than once per row.
    """
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return date_filter(value, "j F Y")
    return _long_day(value, translation.get_language())


@lru_cache(maxsize=4096)
def _long_day(day: date, language: str | None) -> str:
    return date_format(day, "j F Y")


@register.filter
def kr(value) -> str:
    """12345 -> '12 345 kr' with non-breaking spaces, as Swedish money is written; '' for None."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return formatting.kr(number)


@register.filter
def month_sv(value) -> str:
    """A date (or 'YYYY-MM') -> 'november 2026'."""
    if isinstance(value, str) and len(value) >= 7:
        return formatting.month_name(Month(int(value[:4]), int(value[5:7])))
    if isinstance(value, date):
        return formatting.month_name(value)
    return "" if value is None else str(value)


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
