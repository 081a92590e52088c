"""Per-person jobbstimulans, children's earnings per person and year, and the caseworker's judgements —
hand-checked cases (tests/rules/judgement_cases.py, arithmetic beside each) through Python and the command."""

import json

import pytest

from bistand import rules
from tests.rules.helpers import calc, check_result, lines_of, plain
from tests.rules.judgement_cases import CASES
from tests.rules.test_cli import run


def _check(result: dict, totals: dict, fragments: list[str]) -> None:
    for key, value in totals.items():
        assert result[key] == value, key
    texts = " ".join(plain(line["text"]) for line in result["lines"])
    for fragment in fragments:
        assert fragment in texts, fragment


@pytest.mark.parametrize("name", list(CASES))
def test_python(name):
    data, totals, fragments = CASES[name]
    _check(calc(data), totals, fragments)


@pytest.mark.parametrize("name", list(CASES))
def test_command(name, tmp_path):
    data, totals, fragments = CASES[name]
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = run(str(path))
    assert done.returncode == 0, done.stdout
    _check(check_result(json.loads(done.stdout)), totals, fragments)


def test_lines_name_the_member_and_the_rule():
    data, _, _ = CASES["per-person histories"]
    notes = lines_of(calc(data), "income.work_incentive")
    assert [n["member"] for n in notes] == ["p1", "p2"]
    data, _, _ = CASES["rent accepted in full"]
    (line,) = lines_of(calc(data), "cost.accepted_in_full")
    assert (line["amount"], line["kind"], line["value"]) == (9000, "rent", 5600)
    assert "SOSFS 2013:1" in line["source"]
    data, _, _ = CASES["carried surplus"]
    (line,) = lines_of(calc(data), "income.carried_surplus")
    assert (line["amount"], line["value"]) == (-1200, "2026-02")


def test_accepted_rent_still_uses_up_the_cap():
    # Two rent items, cap 5 600 (1 person, Demostad): 6 000 accepted in full uses the whole cap, so the
    # 1 000 garage rent without a judgement gets 0: costs 6 000 + 0 = 6 000.
    data = {
        "month": "2026-03",
        "members": [{"id": "p1", "role": "applicant", "birth_date": "1985-03-10"}],
        "municipality": "demostad",
        "costs": [
            {"kind": "rent", "amount": 6000, "accepted_in_full": True, "reason": "Kortvarigt behov"},
            {"kind": "rent", "amount": 1000, "description": "garage"},
        ],
    }
    assert calc(data)["costs_total"] == 6000


def test_part_time_child_counts_fully_for_common_costs():
    # The child with 12 days still makes the household two persons for the common costs: 1 410, not 1 280.
    data, _, _ = CASES["child 12 days"]
    assert lines_of(calc(data), "norm.common")[0]["amount"] == 1410


def test_per_member_history_from_typed_requests_is_sorted_and_deduplicated():
    data, totals, _ = CASES["per-person histories"]
    shuffled = json.loads(json.dumps(data))
    shuffled["members"][0]["assistance_history"] = (
        list(reversed(data["members"][0]["assistance_history"])) * 2
    )
    parsed = rules.parse_request(shuffled)
    assert [str(m) for m in parsed.members[0].assistance_history] == data["members"][0]["assistance_history"]
    assert rules.compute(parsed).assistance == totals["assistance"]


def test_the_command_help_names_the_judgement_fields():
    done = run("--help")
    assert done.returncode == 0
    for name in (
        "assistance_history",
        "days_in_household",
        "accepted_in_full",
        "norm_supplements",
        "carried_surplus",
    ):
        assert name in done.stdout
