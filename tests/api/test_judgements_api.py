"""POST /api/v1/calculations with per-person histories, children's earnings and the caseworker's judgements:
the same hand-checked cases as Python and the command (tests/rules/judgement_cases.py), and the schema."""

import json
import random

import pytest

from bistand.api.calculation_schemas import CalculationRequest, CalculationResult
from bistand.rules.samples import sample_request
from tests.rules.helpers import check_result
from tests.rules.judgement_cases import CASES

URL = "/api/v1/calculations"


@pytest.mark.parametrize("name", list(CASES))
def test_cases_through_the_api(client, name):
    data, totals, fragments = CASES[name]
    response = client.post(URL, data=json.dumps(data), content_type="application/json")
    assert response.status_code == 200, response.content
    result = check_result(response.json())
    for key, value in totals.items():
        assert result[key] == value, key
    texts = " ".join(line["text"].replace("\u00a0", " ") for line in result["lines"])  # amounts: U+00A0
    assert all(fragment in texts for fragment in fragments)
    CalculationResult.model_validate(result)


def test_missing_reason_is_a_422(client):
    data = {
        "month": "2026-03",
        "members": [{"id": "p1", "role": "applicant", "birth_date": "1985-03-10"}],
        "costs": [{"kind": "rent", "amount": 9000, "accepted_in_full": True}],
    }
    response = client.post(URL, data=json.dumps(data), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "reason_required"
    assert response.json()["errors"][0]["field"] == "costs[0].reason"


def test_documented_request_schema_accepts_the_new_fields(client):
    # Every hand-checked case and a sample with every judgement validate against the documented request.
    for data, _, _ in CASES.values():
        CalculationRequest.model_validate(data)
    rng = random.Random(5)
    for _ in range(200):
        CalculationRequest.model_validate(sample_request(rng))
    body = client.get("/api/v1/openapi.json").json()["paths"][URL]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert {"norm_supplements", "carried_surplus"} <= set(schema["properties"])
    member = schema["properties"]["members"]["items"]["properties"]
    assert {"assistance_history", "days_in_household"} <= set(member)
    cost = schema["properties"]["costs"]["items"]["properties"]
    assert {"accepted_in_full", "reason"} <= set(cost)
