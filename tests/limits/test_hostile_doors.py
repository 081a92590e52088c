"""Each class of hostile input through both doors — `bistand calculate` and POST /api/v1/calculations.

Every class is refused with its own stable code (exit status 2 / HTTP 400, 413 or 422) and costs no more
than a normal request: before the limits, `"amount": 1e1000000` (98 bytes) took 34 s of CPU, exponents of
4 300 and more, integers of thousands of digits, 1 000 nested brackets and 2.5 MB bodies gave tracebacks.
The time bound (1 s a request, 5 s for the command with its interpreter start-up) is generous on purpose:
it catches the seconds-long conversions, never a slow machine.
"""

import json
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from bistand import rules
from tests.rules.helpers import request

BISTAND = Path(sys.executable).with_name("bistand")
COMMAND = [str(BISTAND)] if BISTAND.exists() else [sys.executable, "-m", "bistand.cli"]
URL = "/api/v1/calculations"


def _with_amount(literal: str) -> bytes:
    body = json.dumps(request("2025-06", costs=[{"kind": "rent", "amount": 1}]))
    return body.replace('"amount": 1', f'"amount": {literal}').encode()


HOSTILE = {
    # name: (body, code, HTTP status)
    "huge_exponent": (_with_amount("1e1000000"), "number_out_of_range", 400),
    "exponent_4300": (_with_amount("1e4300"), "number_out_of_range", 400),
    "tiny_exponent": (_with_amount("1e-1000000"), "number_out_of_range", 400),
    "integer_5000_digits": (_with_amount("9" * 5000), "number_too_long", 400),
    "integer_31_digits": (_with_amount("1" * 31), "number_too_long", 400),
    "nan": (_with_amount("NaN"), "non_finite_number", 400),
    "infinity": (_with_amount("-Infinity"), "non_finite_number", 400),
    "nested_1000": (b"[" * 1000 + b"]" * 1000, "nesting_too_deep", 400),
    "nested_100000_objects": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nesting_too_deep", 400),
    "unterminated_escapes": (b'["' + b'\\"' * 200_000, "malformed_json", 400),
    "latin1": ('{"month": "2025-06", "å": 1}'.encode("latin-1"), "invalid_encoding", 400),
    "not_json": (b"{not json", "malformed_json", 400),
    "over_1_mib": (b'{"a": "' + b"x" * 1_048_576 + b'"}', "body_too_large", 413),
    "amount_1e400": (_with_amount("1e400"), "number_out_of_range", 400),
    "amount_10_000_000": (_with_amount("10000000"), "amount_too_large", 422),
    "amount_10_to_12": (_with_amount("1000000000000"), "amount_too_large", 422),
    "amount_1e12_decimal": (_with_amount("1E+12"), "amount_too_large", 422),
    "501_costs": (
        json.dumps(request("2025-06", costs=[{"kind": "rent", "amount": 1}] * 501)).encode(),
        "too_many_items",
        422,
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_the_api_refuses_each_class_quickly(name):
    body, code, status = HOSTILE[name]
    client = Client(raise_request_exception=False)
    client.post(URL, _with_amount("1"), content_type="application/json")  # warm: imports, URL map
    started = time.perf_counter()
    response = client.post(URL, body, content_type="application/json")
    elapsed = time.perf_counter() - started
    assert (response.status_code, response.json()["errors"][0]["code"]) == (status, code)
    assert response.json()["errors"][0]["message"]  # Swedish text for the person
    assert elapsed < 1.0, f"{name} took {elapsed:.2f} s"


@pytest.mark.parametrize("name", HOSTILE)
def test_the_command_refuses_each_class_with_status_2(name, tmp_path):
    body, code, _ = HOSTILE[name]
    path = tmp_path / "request.json"
    path.write_bytes(body)
    started = time.perf_counter()
    done = subprocess.run([*COMMAND, "calculate", str(path)], capture_output=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert done.returncode == 2, done.stderr.decode()
    assert json.loads(done.stdout)["errors"][0]["code"] == code
    assert b"Traceback" not in done.stderr
    assert elapsed < 5.0, f"{name} took {elapsed:.2f} s"


def test_the_command_reads_stdin_with_the_same_limits():
    done = subprocess.run([*COMMAND, "calculate"], input=b"[" * 5000, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["code"] == "nesting_too_deep"


def test_a_largest_allowed_amount_is_still_calculated():
    # 9 999 999 kr rent for a single adult in June 2025: 3 910 personal + 1 270 common + 9 999 999 = 10 005 179
    body = _with_amount("9999999")
    response = Client().post(URL, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["assistance"] == 10_005_179
    assert response.json()["norm_total"] == 5180


def test_the_largest_allowed_request_is_cheap():
    # 500 entries in every list (the limit): 500 costs of 1 kr, 500 extra needs of 1 kr, 500 incomes of 1 kr
    # (not counted: small charity grants), 500 months of history — still one ordinary request.
    months = [f"{2025 - n // 12 - 1}-{n % 12 + 1:02d}" for n in range(500)]
    data = request(
        "2025-06",
        costs=[{"kind": "rent", "amount": 1}] * 500,
        extra_needs=[{"kind": "dental_care", "amount": 1}] * 500,
        incomes=[{"kind": "small_charity_grant", "amount": 1}] * 500,
        assistance_history=months,
    )
    client = Client()
    client.post(URL, _with_amount("1"), content_type="application/json")  # warm
    started = time.perf_counter()
    response = client.post(URL, json.dumps(data), content_type="application/json")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.content[:300]
    # 5 180 norm (3 910 + 1 270) + 500 costs + 500 extra needs; the grants are not counted
    assert response.json()["assistance"] == 6180
    assert elapsed < 1.0, f"took {elapsed:.2f} s"


@pytest.mark.parametrize("amount", [Decimal("1e1000000"), 10**400, 10_000_000])
def test_python_callers_get_amount_too_large_at_once(amount):
    data = request("2025-06", costs=[{"kind": "rent", "amount": amount}])
    started = time.perf_counter()
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(data)
    assert time.perf_counter() - started < 1.0
    assert caught.value.errors[0]["code"] == "amount_too_large"
    assert caught.value.errors[0]["field"] == "costs[0].amount"


PARSE_LEVEL = [name for name, (_, _, status) in HOSTILE.items() if status in (400, 413)]


def _endpoints_with_a_body() -> list[str]:
    """Every operation of the OpenAPI document that takes a request body."""
    document = Client().get("/api/v1/openapi.json").json()
    return [
        path
        for path, operations in document["paths"].items()
        for op in operations.values()
        if "requestBody" in op
    ]


@pytest.mark.django_db
def test_every_api_endpoint_refuses_every_parse_level_class_the_same_way(settings):
    from tests.casework.factories import make_staff, make_unit

    endpoints = _endpoints_with_a_body()
    assert {"/api/v1/calculations", "/api/v1/applications"} <= set(endpoints)
    client = Client(raise_request_exception=False)
    client.force_login(make_staff(make_unit()).user)  # so the applications endpoint reads the body
    for path in endpoints:
        client.post(path, b"{}", content_type="application/json")  # warm
        for name in PARSE_LEVEL:
            body, code, status = HOSTILE[name]
            started = time.perf_counter()
            response = client.post(path, body, content_type="application/json")
            elapsed = time.perf_counter() - started
            assert (response.status_code, response.json()["errors"][0]["code"]) == (status, code), (
                path,
                name,
            )
            assert elapsed < 1.0, f"{path} {name} took {elapsed:.2f} s"
