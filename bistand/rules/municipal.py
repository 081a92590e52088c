"""Municipal parameters: one TOML file per municipality under parameters/municipalities/<code>.toml.

Each file holds dated versions (a version applies from its `effective_from` until the next one). The
engine reads the rent caps; other parts of Bistånd read the caseload cap and the client-meeting time
goal through `municipal_parameters(code, on_date)`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from bistand.rules.errors import CalculationError, ErrorItem, error
from bistand.rules.months import Month
from bistand.rules.params import PARAMETER_DIR

MUNICIPAL_DIR = PARAMETER_DIR / "municipalities"


@dataclass(frozen=True, slots=True)
class MunicipalParameters:
    """One version of a municipality's parameters.

    rent_cap[n - 1] is the highest reasonable housing cost per month for a case of n persons; the last
    entry applies to that size and every larger one.
    """

    code: str
    name: str
    version: str
    effective_from: date
    rent_cap: tuple[int, ...]
    caseload_cap: int  # households per caseworker
    client_meeting_time_goal: Decimal  # share of working time spent meeting clients, 0.25 = 25 %
    source: str
    decision: str
    confidence: str  # "official" for a decided guideline, "example" for the demo city

    def rent_cap_for(self, persons: int) -> int:
        return self.rent_cap[min(persons, len(self.rent_cap)) - 1]

    def describe(self) -> dict[str, Any]:
        """JSON-ready description for the `parameters` block of a result."""
        return {
            "code": self.code,
            "name": self.name,
            "version": self.version,
            "effective_from": self.effective_from.isoformat(),
            "source": self.source,
            "confidence": self.confidence,
        }


@cache
def _versions(code: str) -> tuple[MunicipalParameters, ...] | None:
    path = MUNICIPAL_DIR / f"{code}.toml"
    if not code.isidentifier() or not path.is_file():
        return None
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    versions = [
        MunicipalParameters(
            code=raw["code"],
            name=raw["name"],
            version=v["id"],
            effective_from=v["effective_from"],
            rent_cap=tuple(v["rent_cap"]),
            caseload_cap=v["caseload_cap"],
            client_meeting_time_goal=Decimal(v["client_meeting_time_goal"]),
            source=raw["source"],
            decision=v.get("decision", ""),
            confidence=raw.get("confidence", "official"),
        )
        for v in raw["version"]
    ]
    return tuple(sorted(versions, key=lambda v: v.effective_from))


def municipality_codes() -> list[str]:
    """Every municipality that has a parameter file."""
    return sorted(p.stem for p in MUNICIPAL_DIR.glob("*.toml"))


@lru_cache(maxsize=4096)
def find_municipal_parameters(
    code: str, on_date: date, field: str = "municipality"
) -> tuple[MunicipalParameters, None] | tuple[None, ErrorItem]:
    """(parameters, None) or (None, ErrorItem): the non-raising form used while collecting errors."""
    versions = _versions(code) if isinstance(code, str) else None
    if versions is None:
        return None, error("unknown_municipality", field, code=code)
    valid = [v for v in versions if v.effective_from <= on_date]
    if not valid:
        return None, error("no_municipal_parameters", field, code=code, month=Month.of(on_date))
    return valid[-1], None


def municipal_parameters(code: str, on_date: date) -> MunicipalParameters:
    """The version of municipality `code`'s parameters in force on `on_date`.

    Raises CalculationError (unknown_municipality / no_municipal_parameters) when there is none.
    """
    found, problem = find_municipal_parameters(code, on_date)
    if found is None:
        assert problem is not None  # one of the two is always set
        raise CalculationError([problem])
    return found


# --- the follow-up targets, with the one fall-back for a municipality without parameters ---------------

# Göteborgs stad, Projekt minskat försörjningsstöd (docs/sources.md): "minst 25 procent av arbetstiden
# till klientmöten".
DEFAULT_CLIENT_TIME_GOAL = Decimal("0.25")
# A cap of 35 cases per caseworker: about the caseload social workers call normal (Vision, the union,
# and social workers' op-eds; docs/sources.md). A municipal parameter; no national source.
DEFAULT_CASELOAD_CAP = 35
DEFAULT_TARGETS_SOURCE = "standardvärden: 25 % enligt Göteborgs projekt, tak 35 ärenden"
MUNICIPAL_TARGETS_SOURCE = "kommunens parametrar"


@dataclass(frozen=True, slots=True)
class FollowUpTargets:
    """The targets the follow-up compares against: time with clients and the caseload cap."""

    client_time_goal: Decimal  # share of working time, 0..1
    caseload_cap: int  # open cases per caseworker
    source: str  # Swedish, shown beside the charts
    from_parameters: bool  # False: the defaults above, for a municipality without a parameter file


def follow_up_targets(code: str | None, on_date: date) -> FollowUpTargets:
    """The municipality's `client_meeting_time_goal` and `caseload_cap` in force on `on_date`.

    The one fall-back policy: a municipality without parameters for the date (or no municipality) gets
    the defaults above, named with their sources (`from_parameters` False, and `source` says so).
    """
    found = find_municipal_parameters(code, on_date)[0] if code else None
    if found is None:
        return FollowUpTargets(DEFAULT_CLIENT_TIME_GOAL, DEFAULT_CASELOAD_CAP, DEFAULT_TARGETS_SOURCE, False)
    return FollowUpTargets(
        Decimal(found.client_meeting_time_goal), int(found.caseload_cap), MUNICIPAL_TARGETS_SOURCE, True
    )
