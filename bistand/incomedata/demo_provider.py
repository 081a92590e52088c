"""The demo city's agencies: deterministic income data consistent with what Demostad's households declare.

What the "agencies" report is what the household declared for the month, except for a fixed share of
adults (chosen by a hash of personnummer and month, so every build and every test gives the same answer)
whose data differ the way real cases do: a salary or benefit higher than declared, or an income not
declared at all. Demo data only; a real installation plugs in an SSBTEK provider (docs/income-data.md).
"""

from __future__ import annotations

import hashlib
from datetime import date

from bistand.cases.models import DeclaredItem
from bistand.cases.models.application import ApplicationStatus
from bistand.cases.needs import LIVELIHOOD
from bistand.incomedata.provider import KIND_SOURCE, IncomeRecord, PersonReport
from bistand.people.models import HouseholdMember, MemberRole

# Out of 100 buckets per adult and month: 0–6 a declared income is 1 000 kr higher at the agency,
# 7–10 a salary of 1 850 kr that was not declared (employer declaration). About one adult in nine.
RAISED_BELOW = 7
UNDECLARED_BELOW = 11
RAISE = 1_000
UNDECLARED_SALARY = 1_850


def bucket(personal_number: str, period: date) -> int:
    digest = hashlib.sha256(f"demo-income:{personal_number}:{period:%Y-%m}".encode()).hexdigest()
    return int(digest[:8], 16) % 100


def is_adult(personal_number: str, period: date) -> bool:
    born = date(int(personal_number[:4]), int(personal_number[4:6]), min(int(personal_number[6:8]), 28))
    return (period.year - born.year) * 12 + period.month - born.month >= 18 * 12


def _declared(personal_numbers: list[str], period: date) -> dict[str, list[tuple[str, int]]]:
    """personnummer -> declared (kind, amount) of the month; household-level items go to the applicant."""
    items = (
        DeclaredItem.objects.filter(
            category="income", application__month=period, application__need=LIVELIHOOD
        )
        .exclude(application__status=ApplicationStatus.WITHDRAWN)
        .filter(kind__in=KIND_SOURCE)
    )
    result: dict[str, list[tuple[str, int]]] = {pnr: [] for pnr in personal_numbers}
    for pnr, kind, amount in items.filter(member__personal_number__in=personal_numbers).values_list(
        "member__personal_number", "kind", "amount"
    ):
        result[pnr].append((kind, amount))
    applicants = dict(
        HouseholdMember.objects.filter(
            role=MemberRole.APPLICANT, person__personal_number__in=personal_numbers
        ).values_list("household_id", "person__personal_number")
    )
    for household_id, kind, amount in items.filter(
        member__isnull=True, application__case__household_id__in=applicants
    ).values_list("application__case__household_id", "kind", "amount"):
        result[applicants[household_id]].append((kind, amount))
    return result


def _report(personal_number: str, period: date, declared: list[tuple[str, int]]) -> PersonReport:
    records = [IncomeRecord(KIND_SOURCE[kind], kind, amount) for kind, amount in sorted(declared)]
    if is_adult(personal_number, period):
        b = bucket(personal_number, period)
        own = [r for r in records if r.kind not in ("child_allowance", "housing_allowance")]
        if b < RAISED_BELOW and own:
            first = own[0]
            records[records.index(first)] = IncomeRecord(first.source, first.kind, first.amount + RAISE)
        elif b < UNDECLARED_BELOW or (b < RAISED_BELOW and not own):
            records.append(IncomeRecord("skv", "salary", UNDECLARED_SALARY))
    registered = None
    if is_adult(personal_number, period):
        registered = not any(r.kind in ("salary", "pension", "student_aid") for r in records)
    return PersonReport(personal_number, period, tuple(records), registered)


class DemoProvider:
    name = "Demostads myndigheter (demodata)"

    def fetch(self, personal_numbers: list[str], period: date) -> list[PersonReport]:
        declared = _declared(personal_numbers, period)
        return [_report(pnr, period, declared[pnr]) for pnr in personal_numbers]
