"""POST /api/v1/calculations: same contract as Python and the command; errors 400/422; OpenAPI document."""

import json
import random
from decimal import Decimal

import pytest

from bistand import rules
from bistand.api.calculation_schemas import CalculationResult
from bistand.rules.samples import sample_request
from tests.rules.helpers import adult, check_result, child, request
from tests.rules.reference_tables import TABLES
from tests.rules.test_errors import CASES

URL = "/api/v1/calculations"


def post(client, body: str, content_type="application/json"):
    return client.post(URL, data=body, content_type=content_type)


def as_json(data) -> str:
    return json.dumps(data, default=lambda value: float(value) if isinstance(value, Decimal) else str(value))


def test_issue_example(client):
    data = {
        "month": "2025-06", "household_size": 4,
        "members": [
            {"id": "p1", "role": "applicant", "birth_date": "1990-04-01"},
            {"id": "p2", "role": "co_applicant", "birth_date": "1991-05-02"},
            {"id": "c1", "role": "child", "birth_date": "2023-01-10", "preschool_lunch": True},
            {"id": "c2", "role": "child", "birth_date": "2017-02-01"},
        ],
        "costs": [{"kind": "rent", "amount": 7200}, {"kind": "electricity", "amount": 350}],
        "incomes": [{"kind": "child_allowance", "member": "c1", "amount": 1250},
                    {"kind": "salary", "member": "p1", "amount": 4000}],
        "assistance_history": ["2025-01", "2025-02", "2025-03"],
    }  # fmt: skip
    response = post(client, json.dumps(data))
    assert response.status_code == 200
    result = check_result(response.json())
    # 7 050 + 2 780 + 3 790 + 2 010 = 15 630 norm; + 7 550 costs − 5 250 income = 17 930
    assert result["assistance"] == 17930
    assert result == rules.calculate(data)


@pytest.mark.parametrize("year", [2014, 2017, 2019, 2021, 2023, 2025, 2026])
def test_tables_through_the_api(client, year):
    with_lunch, without, single, couple, common = TABLES[year]
    month = f"{year}-03"
    members = [adult(), child(month, 0, "c1", lunch=True), child(month, 3, "c2"), child(month, 19, "c3")]
    result = check_result(post(client, json.dumps(request(month, members))).json())
    # ensamstående + 0 år utan lunch + 3 år + 19–20 år + common 4 persons
    assert result["norm_total"] == single + without[0] + with_lunch[2] + with_lunch[7] + common[3]


def test_malformed_json_is_400(client):
    response = post(client, "{not json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "malformed_json"
    assert response.json()["errors"][0]["message"].startswith("Begäran är inte giltig JSON")
    assert post(client, b"\xff\xfe".decode("latin-1")).status_code == 400


# A Python float has no JSON form of its own (10.0 arrives as the whole number 10): Python-only case.
JSON_CASES = [name for name in CASES if name != "float amount"]


@pytest.mark.parametrize("name", JSON_CASES)
def test_bad_input_is_422_with_the_same_errors(client, name):
    data, expected = CASES[name]
    response = post(client, as_json(data))
    assert response.status_code == 422
    body = response.json()
    assert [(e["code"], e["field"]) for e in body["errors"]] == expected
    assert all(e["message"] for e in body["errors"])


def test_fractional_kronor_are_refused_but_a_zero_fraction_is_a_whole_number(client):
    body = '{"month": "2025-06", "members": [{"id": "p1", "role": "applicant", "birth_date": "1990-01-01"}], '
    refused = post(client, body + '"costs": [{"kind": "rent", "amount": 7200.5}]}')
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "non_integer_amount"
    accepted = post(client, body + '"costs": [{"kind": "rent", "amount": 7200.0}]}')
    assert check_result(accepted.json())["costs_total"] == 7200


def test_error_body_equals_the_python_error(client):
    data = request("2025-06", [adult(), adult("p2")], costs=[{"kind": "boat", "amount": -1}])
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(data)
    assert post(client, json.dumps(data)).json() == caught.value.to_dict()


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_results_match_the_documented_schema(client):
    rng = random.Random(99)
    for _ in range(150):
        response = post(client, json.dumps(sample_request(rng)))
        assert response.status_code == 200
        CalculationResult.model_validate(check_result(response.json()))


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json()
    operation = doc["paths"]["/api/v1/calculations"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"month", "members"}
    assert {
        "month",
        "members",
        "costs",
        "incomes",
        "extra_needs",
        "assistance_history",
        "household_size",
    } <= set(body["properties"])
    assert "$defs" not in json.dumps(body)
    cost_kinds = body["properties"]["costs"]["items"]["properties"]["kind"]["enum"]
    assert cost_kinds == [
        "rent",
        "electricity",
        "work_travel",
        "home_insurance",
        "union_fee",
        "unemployment_fund_fee",
    ]
    assert body["examples"][0]["month"] == "2025-06"
    responses = operation["responses"]
    assert (
        responses["200"]["content"]["application/json"]["schema"]["$ref"]
        == "#/components/schemas/CalculationResult"
    )
    for status in ("400", "422"):
        assert responses[status]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/CalculationErrors"
        )
    components = doc["components"]["schemas"]
    assert {"code", "message", "field"} <= set(components["CalculationErrorItem"]["properties"])
    assert "lines" in components["CalculationResult"]["properties"]
