"""`bistand calculate` as a subprocess: a representative subset of the tables, and bad input (exit 2)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.rules.helpers import adult, check_result, child, request
from tests.rules.reference_tables import TABLES
from tests.rules.test_errors import CASES

BISTAND = Path(sys.executable).with_name("bistand")
COMMAND = [str(BISTAND)] if BISTAND.exists() else [sys.executable, "-m", "bistand.cli"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COMMAND, "calculate", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("year", [2013, 2016, 2018, 2020, 2025, 2026])
def test_family_per_year_through_the_command(year, tmp_path):
    with_lunch, without, single, couple, common = TABLES[year]
    month = f"{year}-11"
    members = [
        adult(),
        adult("p2", "co_applicant"),
        child(month, 2, "c1", lunch=True),
        child(month, 16, "c2"),
    ]
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request(month, members, costs=[{"kind": "rent", "amount": 6000}])))
    done = run(str(path))
    assert done.returncode == 0, done.stderr
    result = check_result(json.loads(done.stdout))
    # sambor + 1–2 år utan lunch + 15–18 år + common 4 persons; 2025: 7 050 + 2 780 + 4 920 + 2 010 = 16 760
    assert result["norm_total"] == couple + without[1] + with_lunch[6] + common[3]
    assert result["assistance"] == result["norm_total"] + 6000


def test_reads_stdin_and_prints_compact_json():
    done = run("--compact", stdin=json.dumps(request("2025-06")))
    assert done.returncode == 0
    assert done.stdout.count("\n") == 1
    assert json.loads(done.stdout)["norm_total"] == 5180  # 3 910 + 1 270
    assert run("-", stdin=json.dumps(request("2025-06"))).returncode == 0


@pytest.mark.parametrize(
    ("stdin", "code"),
    [
        ("{not json", "malformed_json"),
        (json.dumps(request("2025-13")), "invalid_month"),
        (json.dumps(request("2027-01")), "no_parameters_for_year"),
        (json.dumps(request("2025-06", costs=[{"kind": "rent", "amount": 10.5}])), "non_integer_amount"),
        (json.dumps(request("2025-06", [adult(), adult("p2")])), "too_many_applicants"),
    ],
)
def test_bad_input_exits_2_with_json_errors_on_stdout(stdin, code):
    done = run(stdin=stdin)
    assert done.returncode == 2
    body = json.loads(done.stdout)
    assert body["errors"][0]["code"] == code
    assert body["errors"][0]["message"] in done.stderr  # the Swedish summary line


def test_missing_file_exits_2():
    done = run("/nonexistent/request.json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["code"] == "file_not_found"


def test_main_in_process(capsys, tmp_path):
    from bistand.rules.cli import main

    path = tmp_path / "r.json"
    path.write_text(json.dumps(request("2025-06", [adult(birth="2030-01-01")])))
    assert main([str(path)]) == 2
    assert json.loads(capsys.readouterr().out)["errors"][0]["code"] == "member_not_born"


@pytest.mark.parametrize(
    "name", [name for name in CASES if name != "float amount"]
)  # no JSON form for a float
def test_every_bad_input_case_exits_2(name, capsys, monkeypatch):
    import io

    from bistand.rules.cli import main

    data, expected = CASES[name]
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(data, default=float)))
    assert main([]) == 2
    captured = capsys.readouterr()
    assert [(e["code"], e["field"]) for e in json.loads(captured.out)["errors"]] == expected
    assert captured.err.startswith("bistand calculate: ")
