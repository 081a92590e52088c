"""Shared view helpers: access, the chosen month, the sub-navigation, suppressed tables for districts."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bistand.organisation.models import Municipality
from bistand.rules.months import InvalidMonth, Month, months_back, parse_input, previous_complete_month
from bistand.statistics import privacy
from bistand.statistics.access import access_for
from bistand.statistics.cells import LEGEND, Cell, format_value, hidden_keys

# (url name, Swedish label, open to caseworkers)
PAGES = (
    ("statistics:overview", "Översikt", False),
    ("statistics:monthly", "Månadsrapport", True),
    ("statistics:comparison", "Jämförelse", False),
    ("statistics:durations", "Varaktighet", False),
    ("statistics:work", "Arbetssätt", True),
    ("statistics:barriers", "Försörjningshinder", False),
    ("statistics:results", "Resultat", False),
)
MONTHS_TO_CHOOSE = 36
# The earliest month a page may show: trend pages look years further back, and a year before 1 is no date.
EARLIEST_MONTH = Month(2000, 1)


def statistics_view(caseworkers: bool = False):
    """Sign-in and a statistics role required; sets request.stats (StatisticsAccess) and request.month."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.stats = access_for(request.user)
            if not request.stats.all_districts and not caseworkers:
                from django.core.exceptions import PermissionDenied

                raise PermissionDenied(
                    "Sidan jämför stadsområden och är till för enhetschefer, förste socialsekreterare, "
                    "analytiker och administratörer. Din enhets siffror finns under Månadsrapport och Arbetssätt."
                )
            request.month, request.month_error = month_from(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def month_from(request) -> tuple[Month, str]:
    default = previous_complete_month(timezone.localdate())
    text = request.GET.get("month", "").strip()
    if not text:
        return default, ""
    try:
        month = parse_input(text)
    except InvalidMonth as exc:
        return default, str(exc)
    if month > default:
        return default, f"{month.label.capitalize()} har inte tagit slut än; visar {default.label}."
    if month < EARLIEST_MONTH:
        return default, f"Statistiken börjar {EARLIEST_MONTH.label}; visar {default.label}."
    return month, ""


def municipality():
    return Municipality.objects.order_by("pk").first()


def page(request, template: str, context: dict, current: str):
    latest = previous_complete_month(timezone.localdate())
    nav = [
        {"url": reverse(name), "label": label, "current": name == current}
        for name, label, open_to_caseworkers in PAGES
        if request.stats.all_districts or open_to_caseworkers
    ]
    month_choices = [(str(m), m.label) for m in reversed(months_back(latest, MONTHS_TO_CHOOSE))]
    return render(
        request,
        template,
        {
            "legend": LEGEND,
            **context,
            "nav": nav,
            "month": request.month,
            "month_str": str(request.month),
            "month_error": request.month_error,
            "month_choices": month_choices,
            "stats": request.stats,
        },
    )


def suppressed_column(values: dict, lines: list[list]) -> dict:
    """Counts per key with small groups hidden (primary and secondary, cells.hidden_keys) -> Cell."""
    hidden = hidden_keys(values, lines)
    return {
        key: Cell(None, privacy.SUPPRESSED, True)
        if key in hidden
        else Cell(value, format_value(value, "count"))
        for key, value in values.items()
    }


def share_cell(numerator: Cell, denominator: Cell) -> Cell:
    """A share shown only when both counts are shown and privacy.share allows it."""
    if numerator.suppressed or denominator.suppressed:
        return Cell(None, privacy.SUPPRESSED, True)
    if not denominator.value:
        return Cell(None, format_value(None, "share"))
    if privacy.share(numerator.value, denominator.value) is None:
        return Cell(None, privacy.SUPPRESSED, True)
    from decimal import Decimal

    value = (Decimal(numerator.value) / Decimal(denominator.value)).quantize(Decimal("0.0001"))
    return Cell(value, format_value(value, "share"))
