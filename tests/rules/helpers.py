"""Small builders for calculation requests, and the checks every result must pass."""

import json

from bistand import rules


def born(month: str, age: int, day: int = 15) -> str:
    """A birth date giving exactly `age` completed years on the last day of `month` (birthday on `day`)."""
    year, mon = map(int, month.split("-"))
    return f"{year - age:04d}-{mon:02d}-{day:02d}"


def adult(member_id="p1", role="applicant", birth="1985-03-10"):
    return {"id": member_id, "role": role, "birth_date": birth}


def child(month: str, age: int, member_id="c1", lunch=False):
    member = {"id": member_id, "role": "child", "birth_date": born(month, age)}
    if lunch:
        member["preschool_lunch"] = True
    return member


def request(month: str, members=None, **extra) -> dict:
    return {"month": month, "members": members or [adult()], **extra}


def check_result(result: dict) -> dict:
    """The invariants of every result: explanation sums up, amounts are ints, JSON round-trips."""
    lines = result["lines"]
    assert sum(line["amount"] for line in lines) == result["assistance"] - result["surplus"]
    assert result["assistance"] >= 0 and result["surplus"] >= 0
    assert min(result["assistance"], result["surplus"]) == 0
    for key in (
        "norm_total",
        "costs_total",
        "extra_needs_total",
        "need_total",
        "income_total",
        "assistance",
        "surplus",
    ):
        assert type(result[key]) is int, key
    for line in lines:
        assert type(line["amount"]) is int
        assert line["counted"] or line["amount"] == 0
        assert line["text"] and line["source"] and line["rule"]
    assert result["need_total"] == result["norm_total"] + result["costs_total"] + result["extra_needs_total"]
    assert json.loads(json.dumps(result)) == result
    return result


def calc(data: dict) -> dict:
    """rules.calculate with the invariants checked."""
    return check_result(rules.calculate(data))


def lines_of(result: dict, rule: str) -> list[dict]:
    return [line for line in result["lines"] if line["rule"] == rule]


def error_codes(exc) -> list[tuple[str, str]]:
    return [(e["code"], e["field"]) for e in exc.errors]


def plain(text: str) -> str:
    """Explanation text with its no-break spaces read as plain ones.

    Amounts are written "5\u00a0220\u00a0kr" (bistand.rules.formatting: no-break spaces, so an amount never
    breaks over two lines); the expected texts in the tests are typed with ordinary spaces.
    """
    return text.replace("\u00a0", " ")
