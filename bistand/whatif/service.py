"""One what-if run: the caseload from the database, the comparison and its suppressed summary.

Shared by the management command and the page, so both show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from bistand.organisation.models import Municipality
from bistand.rules.months import Month
from bistand.statistics import privacy
from bistand.whatif.caseload import load_caseload
from bistand.whatif.compare import compare
from bistand.whatif.scenario import Scenario
from bistand.whatif.summary import Summary, summarise


@dataclass(frozen=True)
class Run:
    scenario: Scenario
    month: Month
    summary: Summary
    left_out: int
    pseudonyms: bool  # False when no pseudonym key is configured (the list of largest losses is left out)


def pseudonym_secret() -> bytes | None:
    try:
        return privacy.load_pseudonym_key()
    except ValueError:
        return None


def run_scenario(scenario: Scenario, month: Month, municipality=None, workers: int = 1) -> Run:
    """Raises ScenarioError (Swedish) when the scenario cannot run yet, e.g. the cap without amounts."""
    scenario.check_ready()
    city = municipality or Municipality.objects.order_by("pk").first()
    caseload = load_caseload(month, city)
    outcomes = compare(caseload.households, scenario, workers)
    secret = pseudonym_secret()
    return Run(scenario, month, summarise(outcomes, secret), caseload.left_out, secret is not None)
