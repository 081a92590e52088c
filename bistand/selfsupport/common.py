"""Small shared helpers: today's date, Swedish month names, and names that differ per municipality."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

MONTHS_SV = (
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
)

# Fallback for a municipality without a parameter file in bistand/rules/parameters/municipalities:
# Göteborg's "Projekt minskat försörjningsstöd" asked for at least 25 % of working time in client meetings
# (Göteborgs stad, Projekt minskat försörjningsstöd: "minst 25 procent av arbetstiden till klientmöten"). Demostad's own value is the municipal
# parameter `client_meeting_time_goal` in bistand/rules/parameters/municipalities/demostad.toml.
CLIENT_MEETING_TIME_GOAL_FALLBACK = Decimal("0.25")


def today() -> date:
    return timezone.localdate()


def month_name(month: date) -> str:
    """'november 2026' — how a month is written in Swedish running text."""
    return f"{MONTHS_SV[month.month - 1]} {month.year}"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def municipal_labour_unit_name(municipality) -> str:
    """The municipal labour-market unit's name, e.g. "Jobb Demostad" (after Malmö's "Jobb Malmö")."""
    return f"Jobb {municipality.name}" if municipality is not None else "Kommunens arbetsmarknadsenhet"


def client_meeting_time_goal(municipality, on: date) -> Decimal:
    """The municipality's goal for the share of working time in client meetings (e.g. 0.25).

    Read from the municipal parameters of the rules package (`client_meeting_time_goal`); the fallback
    is used only for a municipality that has no parameter file.
    """
    from bistand.rules.errors import CalculationError
    from bistand.rules.municipal import municipal_parameters

    if municipality is None:
        return CLIENT_MEETING_TIME_GOAL_FALLBACK
    try:
        return Decimal(municipal_parameters(municipality.rules_code, on).client_meeting_time_goal)
    except CalculationError:
        return CLIENT_MEETING_TIME_GOAL_FALLBACK


def municipality_of(case):
    return case.unit.district.municipality
