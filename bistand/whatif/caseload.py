"""The caseload a scenario runs on: every household's latest application, read from the database.

A household is in the caseload for a month when its latest application up to and including that month
is for that month or one of the two before it (RECENT_MONTHS): the households the unit is working with,
not those that left years ago. Each is calculated as of that application, under the rules in force for
its month. The request is the stored calculation snapshot of the application (Calculation.request) when
there is one — it is exactly what the caseworker calculated — otherwise it is built from the application
as the case file would (cases.services.build_request). A request the rules cannot calculate (a draft
with an error) is left out and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from bistand import rules
from bistand.cases.models import Application, Calculation
from bistand.cases.services import build_request
from bistand.rules.months import Month
from bistand.whatif.compare import HouseholdInput

RECENT_MONTHS = 3
CHUNK = 2000  # ids per IN (...) query, well under SQLite's limit on parameters


@dataclass(frozen=True)
class Caseload:
    month: Month
    households: list[HouseholdInput]
    left_out: int  # applications whose request could not be calculated


def _latest_applications(month: Month, municipality) -> dict[int, tuple[int, str]]:
    """Application id -> (household id, district name) of each household's latest application."""
    rows = (
        Application.objects.filter(
            month__lte=month.first,
            month__gte=month.shift(-(RECENT_MONTHS - 1)).first,
            case__unit__district__municipality=municipality,
        )
        .order_by("case__household_id", "-month", "-received_at", "-id")
        .values_list("id", "case__household_id", "case__household__district__name")
    )
    latest: dict[int, tuple[int, str]] = {}
    seen_household: set[int] = set()
    for application_id, household_id, district in rows.iterator(chunk_size=CHUNK):
        if household_id in seen_household:
            continue
        seen_household.add(household_id)
        latest[application_id] = (household_id, district or "")
    return latest


def _snapshots(application_ids: list[int]) -> dict[int, dict]:
    """Application id -> the request of its latest calculation snapshot."""
    found: dict[int, dict] = {}
    for start in range(0, len(application_ids), CHUNK):
        chunk = application_ids[start : start + CHUNK]
        for application_id, request in (
            Calculation.objects.filter(application_id__in=chunk)
            .order_by("application_id", "-created_at", "-id")
            .values_list("application_id", "request")
        ):
            found.setdefault(application_id, request)
    return found


def load_caseload(month: Month, municipality, build_missing: bool = True) -> Caseload:
    """Every household's latest application up to `month` as typed requests, ordered by household id.

    `build_missing=False` leaves out (and counts) applications without a calculation snapshot instead of
    building their requests — for a benchmark on a database whose schema is older than the code.
    """
    latest = _latest_applications(month, municipality)
    snapshots = _snapshots(list(latest))
    missing = [a for a in latest if a not in snapshots] if build_missing else []
    for application in Application.objects.filter(pk__in=missing).select_related(
        "case__household", "case__unit__district__municipality"
    ):
        snapshots[application.pk] = build_request(application)
    households = []
    left_out = 0
    for application_id, (household_id, district) in sorted(latest.items(), key=lambda item: item[1][0]):
        if application_id not in snapshots:
            left_out += 1
            continue
        try:
            request = rules.parse_request(snapshots[application_id])
        except rules.CalculationError:
            left_out += 1
            continue
        households.append(HouseholdInput(str(household_id), district, request))
    return Caseload(month, households, left_out)
