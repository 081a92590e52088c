"""The demo's income data and automated decisions: warnings exactly where declared and fetched differ, a
visible share decided automatically and the rest sent to a person with reasons, her own cases left alone."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from bistand.automation.models import Assessment
from bistand.cases.models import Application, Decision, DeclaredItem
from bistand.cases.models.application import ApplicationStatus
from bistand.incomedata.models import IncomeFetch, IncomeWarning
from bistand.incomedata.provider import COMPARED_KINDS

pytestmark = pytest.mark.django_db
MONTH = date(2026, 11, 1)


def sums(pairs) -> dict[str, int]:
    total: dict[str, int] = {}
    for kind, amount in pairs:
        if kind in COMPARED_KINDS:
            total[kind] = total.get(kind, 0) + amount
    return {k: v for k, v in total.items() if v}


def test_the_demo_fetches_income_data_and_decides_some_applications(settings):
    settings.INCOME_DATA_PROVIDER = "bistand.incomedata.demo_provider.DemoProvider"
    call_command("build_demo", households=200, seed=7, as_of="2026-11", stdout=io.StringIO())
    month_apps = list(Application.objects.filter(month=MONTH).select_related("case__caseworker__user"))
    fetched = set(IncomeFetch.objects.values_list("application_id", flat=True))
    differing = 0
    for application in month_apps:
        if application.pk not in fetched:
            continue
        declared = sums(
            DeclaredItem.objects.filter(application=application, category="income").values_list(
                "kind", "amount"
            )
        )
        agencies = sums(
            (r["kind"], r["amount"])
            for f in IncomeFetch.objects.filter(application=application)
            for r in f.records
        )
        warned = {w.kind for w in IncomeWarning.objects.filter(application=application)}
        assert warned == {
            k for k in declared.keys() | agencies.keys() if declared.get(k, 0) != agencies.get(k, 0)
        }
        differing += bool(warned)
    assert differing > 0

    assessed = list(Assessment.objects.select_related("application__case__caseworker__user"))
    results = {a.result for a in assessed}
    assert {"decided", "to_person"} <= results
    assert all(a.reasons for a in assessed if a.result == "to_person")
    assert all(a.application.case.caseworker.user.username != "handlaggare" for a in assessed)
    for decision in Decision.objects.exclude(automated=""):
        assert decision.outcome == "granted" and decision.application.kind == "recurring"
        assert decision.decided_by is None
    # The demo caseworker's queue still has applications to decide by hand.
    assert Application.objects.filter(
        month=MONTH, status=ApplicationStatus.RECEIVED, case__caseworker__user__username="handlaggare"
    ).exists()
