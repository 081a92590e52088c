"""Small shared helpers: today's date, the client-meeting goal, and names that differ per municipality."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from bistand.rules.municipal import follow_up_targets


def today() -> date:
    return timezone.localdate()


def municipal_labour_unit_name(municipality) -> str:
    """The municipal labour-market unit's name, e.g. "Jobb Demostad" (after Malmö's "Jobb Malmö")."""
    return f"Jobb {municipality.name}" if municipality is not None else "Kommunens arbetsmarknadsenhet"


def client_meeting_time_goal(municipality, on: date) -> Decimal:
    """The municipality's goal for the share of working time in client meetings (e.g. 0.25).

    Read from the municipal parameters of the rules package (`client_meeting_time_goal`), with the
    follow-up's one fall-back (bistand.rules.municipal.follow_up_targets) for a municipality without them.
    """
    return follow_up_targets(
        municipality.rules_code if municipality is not None else None, on
    ).client_time_goal


def municipality_of(case):
    return case.unit.district.municipality
