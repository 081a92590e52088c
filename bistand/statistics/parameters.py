"""The municipal targets the dashboards compare against: time with clients and the caseload cap.

Both are the municipality's own choices, so they belong with its other parameters in
bistand.rules.municipal_parameters (looked up by Municipality.rules_code). Until that module knows them,
the defaults below apply; they are named with their sources so a municipality can see where they come from.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from decimal import Decimal

# seeds/000 (Göteborg, Projekt minskat försörjningsstöd): "minst 25 procent av arbetstiden till klientmöten".
DEFAULT_CLIENT_TIME_GOAL = Decimal("0.25")
# Issue 5: a cap of 35 cases per caseworker, a municipal parameter (no national source; DERIVED).
DEFAULT_CASELOAD_CAP = 35


@dataclass(frozen=True)
class FollowUpTargets:
    client_time_goal: Decimal  # share of working time, 0..1
    caseload_cap: int  # open cases per caseworker
    source: str  # Swedish, shown under the charts


def _lookup(module, rules_code: str, names: tuple[str, ...]):
    """Try the parameter module's likely accessors without assuming one API."""
    for getter in ("get", "parameters_for", "for_municipality", "load"):
        fn = getattr(module, getter, None)
        if not callable(fn):
            continue
        try:
            params = fn(rules_code)
        except Exception:  # unknown municipality or a different signature: fall back to defaults
            continue
        for name in names:
            value = params.get(name) if isinstance(params, dict) else getattr(params, name, None)
            if value is not None:
                return value
    return None


def targets_for(rules_code: str | None) -> FollowUpTargets:
    try:
        module = importlib.import_module("bistand.rules.municipal_parameters")
    except ImportError:
        module = None
    goal = cap = None
    if module is not None and rules_code:
        goal = _lookup(
            module, rules_code, ("client_time_goal", "client_time_share_goal", "time_with_clients")
        )
        cap = _lookup(module, rules_code, ("caseload_cap", "max_caseload", "cases_per_caseworker_cap"))
    from_params = goal is not None or cap is not None
    goal_value = Decimal(str(goal)) if goal is not None else DEFAULT_CLIENT_TIME_GOAL
    if goal_value > 1:  # given in percent
        goal_value = goal_value / 100
    return FollowUpTargets(
        client_time_goal=goal_value,
        caseload_cap=int(cap) if cap is not None else DEFAULT_CASELOAD_CAP,
        source="kommunens parametrar"
        if from_params
        else "standardvärden (25 % enligt Göteborgs projekt, tak 35)",
    )
