"""Gathering the criteria's facts for a batch of applications from the database.

Bulk where the data allow (changes since last month, follow-ups, protected identities, income warnings);
the calculation itself is reused when the monthly run already stored a matching snapshot.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Sum

from bistand.automation.criteria import Facts
from bistand.cases.models import Application, DeclaredItem
from bistand.casework import applications as casework_applications
from bistand.casework.decisions import changes_for_many, propose
from bistand.casework.decisions.delegation import AUTOMATED_MANDATE
from bistand.casework.decisions.labels import kind_label
from bistand.casework.decisions.service import outcome_of, totals_for
from bistand.casework.extensions import decision_blockers, decision_warnings
from bistand.incomedata import services as income
from bistand.incomedata.models import IncomeWarning, WarningStatus
from bistand.people.models import HouseholdMember
from bistand.rules.formatting import kr


def _protected_households(applications) -> set[int]:
    households = {a.case.household_id for a in applications}
    return set(
        HouseholdMember.objects.filter(household_id__in=households)
        .exclude(person__protected_identity="")
        .values_list("household_id", flat=True)
    )


def _overdue_cases(applications, today: date) -> set[int]:
    from bistand.selfsupport.plans import overdue_case_ids  # the path-to-self-support area owns plans

    return overdue_case_ids({a.case_id for a in applications}, today)


def _extra_needs(applications) -> dict[int, int]:
    rows = (
        DeclaredItem.objects.filter(application__in=applications, category="extra_need")
        .values("application_id")
        .annotate(total=Sum("amount"))
    )
    return {r["application_id"]: r["total"] or 0 for r in rows}


def _unresolved(applications) -> dict[int, int]:
    counts: dict[int, int] = {}
    for application_id in IncomeWarning.objects.filter(
        application__in=applications, status__in=[WarningStatus.OPEN, WarningStatus.ACKNOWLEDGED]
    ).values_list("application_id", flat=True):
        counts[application_id] = counts.get(application_id, 0) + 1
    return counts


def _income(application: Application) -> tuple[bool, tuple[str, ...]]:
    fetches = income.latest_fetches(application)
    if not fetches:
        return False, ()
    lines = tuple(
        f"{kind_label('income', d.kind)} angett {kr(d.declared)}, enligt myndigheten {kr(d.fetched)}"
        for d in income.differences(application, fetches)
    )
    return True, lines


def _change_text(change) -> str:
    if change.category in ("cost", "income", "extra_need"):
        before = kr(change.before) if change.before is not None else "inget"
        after = kr(change.after) if change.after is not None else "inget"
        return f"{change.label} {before} → {after}"
    return change.label


def _calculation_facts(application: Application) -> dict:
    calculation, errors = casework_applications.prepared_calculation(application, None)
    if calculation is None:
        return {"calculable": False, "calculation": None}
    items = propose(calculation)
    totals = totals_for(items, int(calculation.result.get("income_total", 0)))
    parameters = calculation.result.get("parameters") or {}
    return {
        "calculable": True,
        "calculation": calculation,
        "outcome": str(outcome_of(items, totals)),
        "income_support": totals.income_support,
        "preliminary_norm": bool(parameters.get("preliminary")),
    }


def gather(applications: list[Application], today: date) -> dict[int, tuple[Facts, object]]:
    """application id -> (its Facts, the calculation to decide on or None)."""
    changes = changes_for_many(applications)
    protected = _protected_households(applications)
    overdue = _overdue_cases(applications, today)
    extra = _extra_needs(applications)
    unresolved = _unresolved(applications)
    result = {}
    for application in applications:
        calc = _calculation_facts(application)
        calculation = calc.pop("calculation")
        fetched, differences = _income(application)
        facts = Facts(
            kind=str(application.kind),
            limit=AUTOMATED_MANDATE.income_support,
            changes=tuple(_change_text(c) for c in changes[application.pk]),
            income_fetched=fetched,
            income_differences=differences,
            unresolved_warnings=unresolved.get(application.pk, 0),
            blockers=tuple(decision_blockers(application)),
            extra_needs=extra.get(application.pk, 0),
            follow_up_overdue=application.case_id in overdue,
            protected_identity=application.case.household_id in protected,
            reform_flags=tuple(decision_warnings(application)),
            **calc,
        )
        result[application.pk] = (facts, calculation)
    return result
