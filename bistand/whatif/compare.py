"""Every household through the rules in force and through the scenario, with the batch path of the rules.

Plain Python: the caller (caseload.py for the database, or a test) hands over typed requests; the
comparison is two runs of rules.calculate_many — one with the parameters in force, one with the
scenario's changed parameters — and the cap applied to the scenario's result afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from bistand.rules.batch import calculate_many
from bistand.rules.request import CalculationRequest
from bistand.whatif.apply import scenario_lookups
from bistand.whatif.cap import capped
from bistand.whatif.scenario import Scenario

HOUSEHOLD_TYPES = (
    "Ensamstående utan barn",
    "Ensamstående med barn",
    "Sammanboende utan barn",
    "Sammanboende med barn",
)


@dataclass(frozen=True, slots=True)
class HouseholdInput:
    key: str  # the household's id in the database (pseudonymised before it is shown)
    district: str
    request: CalculationRequest


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    district: str
    household_type: str
    children: int  # members with the role child (children and school youth under 21 at home)
    persons: int
    before: int  # försörjningsstöd per month under the rules in force
    after: int  # under the scenario

    @property
    def change(self) -> int:
        return self.after - self.before


def household_type(request: CalculationRequest) -> str:
    couple = any(m.role == "co_applicant" for m in request.members)
    children = any(m.role == "child" for m in request.members)
    return HOUSEHOLD_TYPES[2 * couple + children]


def compare(households: list[HouseholdInput], scenario: Scenario, workers: int = 1) -> list[Outcome]:
    """One Outcome per household, in the order given. Raises ScenarioError if the scenario is not ready."""
    scenario.check_ready()
    requests = [h.request for h in households]
    before = calculate_many(requests, workers)
    after = calculate_many(requests, workers, scenario_lookups(scenario))
    cap = scenario.cap
    outcomes = []
    for household, old, new in zip(households, before, after, strict=True):
        request = household.request
        assistance = new.assistance
        if cap is not None:
            assistance = capped(assistance, request, cap)[0]
        outcomes.append(
            Outcome(
                household.key,
                household.district,
                household_type(request),
                sum(1 for m in request.members if m.role == "child"),
                len(request.members),
                old.assistance,
                assistance,
            )
        )
    return outcomes
