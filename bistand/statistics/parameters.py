"""The municipal targets the follow-up compares against: time with clients and the caseload cap.

Both are the municipality's own choices, kept with its other parameters in the rules package
(bistand.rules.municipal_parameters: `client_meeting_time_goal`, `caseload_cap`, valid from a date).
For a municipality without a parameter file the defaults below apply, named with their sources, and
the pages say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Göteborgs stad, Projekt minskat försörjningsstöd (docs/sources.md): "minst 25 procent av arbetstiden till klientmöten".
DEFAULT_CLIENT_TIME_GOAL = Decimal("0.25")
# A cap of 35 cases per caseworker: about the caseload social workers call normal (Vision, the union,
# and social workers' op-eds; docs/sources.md). A municipal parameter; no national source.
DEFAULT_CASELOAD_CAP = 35


@dataclass(frozen=True)
class FollowUpTargets:
    client_time_goal: Decimal  # share of working time, 0..1
    caseload_cap: int  # open cases per caseworker
    source: str  # Swedish, shown beside the charts


def targets_for(rules_code: str | None, on: date) -> FollowUpTargets:
    from bistand.rules import CalculationError, municipal_parameters

    if rules_code:
        try:
            params = municipal_parameters(rules_code, on)
            return FollowUpTargets(
                Decimal(params.client_meeting_time_goal), int(params.caseload_cap), "kommunens parametrar"
            )
        except CalculationError:
            pass
    return FollowUpTargets(
        DEFAULT_CLIENT_TIME_GOAL,
        DEFAULT_CASELOAD_CAP,
        "standardvärden: 25 % enligt Göteborgs projekt, tak 35 ärenden",
    )
