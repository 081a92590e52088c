"""The demo's two ways to a calculation request are one request: the dict made by the product's own
request builder (bistand.cases.services, what the stored snapshots hold) and the fast path straight into
the engine's dataclasses (the 36 months of totals)."""

import random
from datetime import date

import pytest

from bistand import rules
from bistand.demo.organisation import RULES_CODE, plan_staff
from bistand.demo.plan import build_plan
from bistand.demo.requests import history_before, request_dict, typed_history, typed_request
from bistand.rules.request import parse_request


@pytest.fixture(scope="module")
def plan():
    staff = plan_staff(random.Random("5:staff"))
    for n, s in enumerate(staff, start=1):
        s.id = n
    return build_plan(5, 150, date(2026, 11, 1), staff)


def test_the_fast_path_builds_the_same_request_as_the_product_builder_for_every_application(plan):
    w0 = plan.window_start
    compared = with_income = couples = 0
    for app in plan.applications:
        h = app.case.household
        as_dict = request_dict(h, app.month, app.items, history_before(app, w0), RULES_CODE)
        try:
            parsed = parse_request(as_dict)
        except rules.CalculationError:
            continue  # the fast path skips validation; the engine refuses these either way
        assert typed_request(h, app.month, app.items, typed_history(app, w0), RULES_CODE) == parsed
        compared += 1
        with_income += bool(as_dict["incomes"])
        couples += sum(m["role"] == "co_applicant" for m in as_dict["members"]) > 0
    # Every kind of request was compared: most applications, some with incomes, some couples.
    assert compared > 0.95 * len(plan.applications)
    assert with_income > 0 and couples > 0


def test_a_demo_request_has_the_contract_form(plan):
    app = next(a for a in plan.applications if a.month == plan.as_of)
    request = request_dict(
        app.case.household, app.month, app.items, [plan.as_of - 2, plan.as_of - 1], RULES_CODE
    )
    assert request["month"] == "2026-11"
    assert request["assistance_history"] == ["2026-09", "2026-10"]
    assert request["municipality"] == "demostad"
    assert request["members"][0]["role"] == "applicant"
    assert {e["kind"] for e in request["costs"]} >= {"rent"}
