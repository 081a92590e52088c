"""Bad input: a stable English code, a Swedish message and the field path — every problem at once."""

from decimal import Decimal

import pytest

from bistand import rules
from bistand.rules.errors import MESSAGES
from tests.rules.helpers import adult, calc, child, error_codes, request


def errors_of(data) -> list[tuple[str, str]]:
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(data)
    for item in caught.value.errors:
        assert item["message"] and item["message"][0].isupper()
    return error_codes(caught.value)


def message_of(data, code) -> str:
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(data)
    return next(e["message"] for e in caught.value.errors if e["code"] == code)


# One case per kind of bad input: (request, expected [(code, field)]).
CASES = {
    "impossible month": (request("2025-13"), [("invalid_month", "month")]),
    "month zero": (request("2025-00"), [("invalid_month", "month")]),
    "month not padded": (request("2025-6"), [("invalid_month", "month")]),
    "month as number": (request(202506), [("invalid_month", "month")]),
    "malformed date": (
        request("2025-06", [adult(birth="1990-02-30")]),
        [("invalid_date", "members[0].birth_date")],
    ),
    "date with slashes": (
        request("2025-06", [adult(birth="1990/02/01")]),
        [("invalid_date", "members[0].birth_date")],
    ),
    "born after the month": (
        request("2025-06", [adult(), {"id": "c1", "role": "child", "birth_date": "2025-07-01"}]),
        [("member_not_born", "members[1].birth_date")],
    ),
    "child over 20": (
        request("2025-06", [adult(), {"id": "c1", "role": "child", "birth_date": "2003-01-01"}]),
        [("child_over_20", "members[1].birth_date")],
    ),
    "negative cost": (
        request("2025-06", costs=[{"kind": "rent", "amount": -1}]),
        [("negative_amount", "costs[0].amount")],
    ),
    "negative income": (
        request("2025-06", incomes=[{"kind": "pension", "amount": -5}]),
        [("negative_amount", "incomes[0].amount")],
    ),
    "negative year to date": (
        request("2025-06", incomes=[{"kind": "pension", "amount": 5, "year_to_date": -1}]),
        [("negative_amount", "incomes[0].year_to_date")],
    ),
    "decimal amount": (
        request("2025-06", extra_needs=[{"kind": "glasses", "amount": Decimal("99.5")}]),
        [("non_integer_amount", "extra_needs[0].amount")],
    ),
    "float amount": (
        request("2025-06", costs=[{"kind": "rent", "amount": 10.0}]),
        [("non_integer_amount", "costs[0].amount")],
    ),
    "text amount": (
        request("2025-06", costs=[{"kind": "rent", "amount": "100"}]),
        [("non_integer_amount", "costs[0].amount")],
    ),
    "boolean amount": (
        request("2025-06", costs=[{"kind": "rent", "amount": True}]),
        [("non_integer_amount", "costs[0].amount")],
    ),
    "unknown cost kind": (
        request("2025-06", costs=[{"kind": "car", "amount": 1}]),
        [("unknown_kind", "costs[0].kind")],
    ),
    "unknown need kind": (
        request("2025-06", extra_needs=[{"kind": "holiday", "amount": 1}]),
        [("unknown_kind", "extra_needs[0].kind")],
    ),
    "unknown income kind": (
        request("2025-06", incomes=[{"kind": "lottery", "amount": 1}]),
        [("unknown_kind", "incomes[0].kind")],
    ),
    "unknown member": (
        request("2025-06", incomes=[{"kind": "pension", "member": "x9", "amount": 1}]),
        [("unknown_member", "incomes[0].member")],
    ),
    "year before the tables": (request("2012-12"), [("no_parameters_for_year", "month")]),
    "year after the tables": (request("2027-01"), [("no_parameters_for_year", "month")]),
    "two applicants": (
        request("2025-06", [adult(), adult("p2")]),
        [("too_many_applicants", "members[1].role")],
    ),
    "no applicant": (request("2025-06", [adult(role="co_applicant")]), [("missing_applicant", "members")]),
    "empty members": (request("2025-06", []) | {"members": []}, [("missing_applicant", "members")]),
    "two co-applicants": (
        request("2025-06", [adult(), adult("p2", "co_applicant"), adult("p3", "co_applicant")]),
        [("too_many_co_applicants", "members[2].role")],
    ),
    "household smaller than members": (
        request("2025-06", [adult(), child("2025-06", 3)], household_size=1),
        [("household_size_too_small", "household_size")],
    ),
    "household size zero": (
        request("2025-06", household_size=0),
        [("invalid_household_size", "household_size")],
    ),
    "unknown municipality": (
        request("2025-06", municipality="atlantis"),
        [("unknown_municipality", "municipality")],
    ),
    "unknown role": (
        request("2025-06", [adult(), adult("p2", "lodger")]),
        [("invalid_role", "members[1].role")],
    ),
    "duplicate member id": (
        request("2025-06", [adult(), child("2025-06", 3, "p1")]),
        [("duplicate_member_id", "members[1].id")],
    ),
    "lunch flag on an adult": (
        request("2025-06", [adult() | {"preschool_lunch": True}]),
        [("preschool_lunch_not_child", "members[0].preschool_lunch")],
    ),
    "lunch flag not boolean": (
        request("2025-06", [adult(), child("2025-06", 3) | {"preschool_lunch": "ja"}]),
        [("invalid_boolean", "members[1].preschool_lunch")],
    ),
    "history month not before": (
        request("2025-06", assistance_history=["2025-05", "2025-06"]),
        [("history_not_before_month", "assistance_history[1]")],
    ),
    "history month malformed": (
        request("2025-06", assistance_history=["maj"]),
        [("invalid_month", "assistance_history[0]")],
    ),
    "unknown field": (request("2025-06") | {"montly_rent": 1}, [("unknown_field", "montly_rent")]),
    "unknown item field": (
        request("2025-06", costs=[{"kind": "rent", "amount": 1, "amt": 2}]),
        [("unknown_field", "costs[0].amt")],
    ),
    "missing month": ({"members": [adult()]}, [("missing_field", "month")]),
    "missing members": ({"month": "2025-06"}, [("missing_field", "members")]),
    "missing amount": (request("2025-06", costs=[{"kind": "rent"}]), [("missing_field", "costs[0].amount")]),
    "costs not a list": (request("2025-06", costs={"kind": "rent"}), [("not_a_list", "costs")]),
    "request not an object": ([1, 2], [("not_an_object", "")]),
    "item not an object": (request("2025-06", costs=["rent"]), [("not_an_object", "costs[0]")]),
    "accepted in full without reason": (
        request("2026-03", costs=[{"kind": "rent", "amount": 9000, "accepted_in_full": True}]),
        [("reason_required", "costs[0].reason")],
    ),
    "accepted in full, blank reason": (
        request(
            "2026-03", costs=[{"kind": "rent", "amount": 9000, "accepted_in_full": True, "reason": "  "}]
        ),
        [("reason_required", "costs[0].reason")],
    ),
    "accepted in full not a boolean": (
        request("2026-03", costs=[{"kind": "rent", "amount": 9000, "accepted_in_full": "ja", "reason": "x"}]),
        [("invalid_boolean", "costs[0].accepted_in_full")],
    ),
    "days in household zero": (
        request("2026-03", [adult(), {**child("2026-03", 4), "days_in_household": 0}]),
        [("invalid_days_in_household", "members[1].days_in_household")],
    ),
    "days in household 32": (
        request("2026-03", [adult(), {**child("2026-03", 4), "days_in_household": 32}]),
        [("invalid_days_in_household", "members[1].days_in_household")],
    ),
    "days in household as text": (
        request("2026-03", [adult(), {**child("2026-03", 4), "days_in_household": "12"}]),
        [("invalid_days_in_household", "members[1].days_in_household")],
    ),
    "days in household for an adult": (
        request("2026-03", [{**adult(), "days_in_household": 12}]),
        [("days_not_child", "members[0].days_in_household")],
    ),
    "member history not before the month": (
        request("2026-03", [{**adult(), "assistance_history": ["2026-02", "2026-03"]}]),
        [("history_not_before_month", "members[0].assistance_history[1]")],
    ),
    "member history not a list": (
        request("2026-03", [{**adult(), "assistance_history": "2026-02"}]),
        [("not_a_list", "members[0].assistance_history")],
    ),
    "member history bad month": (
        request("2026-03", [{**adult(), "assistance_history": ["2026-2"]}]),
        [("invalid_month", "members[0].assistance_history[0]")],
    ),
    "child's year to date differs between items": (
        request(
            "2026-06",
            [adult(), child("2026-06", 16)],
            incomes=[
                {"kind": "salary", "member": "c1", "amount": 100, "year_to_date": 1000},
                {"kind": "salary", "member": "c1", "amount": 100, "year_to_date": 2000},
            ],
        ),
        [("conflicting_year_to_date", "incomes[1].year_to_date")],
    ),
    "norm supplement without reason": (
        request("2026-03", norm_supplements=[{"kind": "medical_diet", "amount": 400}]),
        [("reason_required", "norm_supplements[0].reason")],
    ),
    "norm supplement of unknown kind": (
        request("2026-03", norm_supplements=[{"kind": "caviar", "amount": 400, "reason": "x"}]),
        [("unknown_kind", "norm_supplements[0].kind")],
    ),
    "norm supplement for an unknown member": (
        request(
            "2026-03",
            norm_supplements=[{"kind": "school_meals", "amount": 400, "reason": "x", "member": "c9"}],
        ),
        [("unknown_member", "norm_supplements[0].member")],
    ),
    "carried surplus from the same month": (
        request("2026-03", carried_surplus={"amount": 100, "from_month": "2026-03"}),
        [("surplus_not_before_month", "carried_surplus.from_month")],
    ),
    "carried surplus without month": (
        request("2026-03", carried_surplus={"amount": 100}),
        [("missing_field", "carried_surplus.from_month")],
    ),
    "carried surplus negative": (
        request("2026-03", carried_surplus={"amount": -5, "from_month": "2026-02"}),
        [("negative_amount", "carried_surplus.amount")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name):
    data, expected = CASES[name]
    assert errors_of(data) == expected


def test_all_errors_are_collected():
    data = {
        "month": "2025-06",
        "household_size": 1,
        "members": [
            {"id": "p1", "role": "applicant", "birth_date": "1990-02-30"},
            {"id": "c1", "role": "child", "birth_date": "2001-01-01"},
        ],
        "costs": [{"kind": "rent", "amount": -7200}, {"kind": "boat", "amount": 10.5}],
        "incomes": [{"kind": "salary", "member": "nobody", "amount": 100}],
        "municipality": "atlantis",
    }
    assert errors_of(data) == [
        ("invalid_date", "members[0].birth_date"),
        ("negative_amount", "costs[0].amount"),
        ("non_integer_amount", "costs[1].amount"),
        ("child_over_20", "members[1].birth_date"),
        ("household_size_too_small", "household_size"),
        ("unknown_kind", "costs[1].kind"),
        ("unknown_member", "incomes[0].member"),
        ("unknown_municipality", "municipality"),
    ]


def test_income_naming_an_unreadable_member_is_not_reported_twice():
    data = request(
        "2025-06",
        [adult(), {"id": "c1", "role": "child", "birth_date": "bad"}],
        incomes=[{"kind": "child_allowance", "member": "c1", "amount": 1250}],
    )
    assert errors_of(data) == [("invalid_date", "members[1].birth_date")]


def test_messages_are_swedish_and_name_the_problem():
    assert message_of(request("2027-01"), "no_parameters_for_year") == (
        "Det finns ingen riksnorm för år 2027 i regelverket. Beräkningen kan inte göras."
    )
    assert "2025-06" in message_of(request("2025-06", [adult(birth="2025-07-02")]), "member_not_born")
    over = message_of(request("2025-06", [adult(), child("2025-06", 21)]), "child_over_20")
    assert "fyller 21 år senast den 2025-06-30" in over
    assert "”lottery”" in message_of(
        request("2025-06", incomes=[{"kind": "lottery", "amount": 1}]), "unknown_kind"
    )
    assert "”atlantis”" in message_of(request("2025-06", municipality="atlantis"), "unknown_municipality")
    assert all(text.rstrip().endswith(".") for text in MESSAGES.values())


def test_municipality_without_a_version_for_the_month(monkeypatch):
    from datetime import date

    from bistand.rules import municipal

    versions = municipal._versions("demostad")
    late = tuple(
        v.__class__(
            **{**{f: getattr(v, f) for f in v.__dataclass_fields__}, "effective_from": date(2030, 1, 1)}
        )
        for v in versions
    )
    monkeypatch.setattr(municipal, "_versions", lambda code: late if code == "demostad" else None)
    municipal.find_municipal_parameters.cache_clear()
    try:
        assert errors_of(request("2025-06", municipality="demostad")) == [
            ("no_municipal_parameters", "municipality")
        ]
    finally:
        municipal.find_municipal_parameters.cache_clear()


def test_decimal_with_no_fraction_is_accepted():
    # Values from a Django DecimalField arrive as Decimal("7200.00"): whole kronor, accepted as 7 200.
    result = calc(request("2025-06", costs=[{"kind": "rent", "amount": Decimal("7200.00")}]))
    assert result["costs_total"] == 7200


def test_typed_requests_are_validated_too():
    req = rules.parse_request(request("2025-06"))
    bad = rules.CalculationRequest(req.month, req.members, costs=(rules.Cost("rent", -5),))
    with pytest.raises(rules.CalculationError) as caught:
        rules.compute(bad)
    assert error_codes(caught.value) == [("negative_amount", "costs[0].amount")]


def test_null_municipality_means_none():
    assert calc(request("2025-06", municipality=None))["parameters"]["municipality"] is None


def test_incomes_without_any_member_are_refused_cleanly():
    # Found by schemathesis: with no members there is no applicant to own an income, and two different
    # year_to_date values used to crash the validation (IndexError) instead of naming the problems.
    request = {
        "month": "2026-01",
        "members": [],
        "incomes": [
            {"kind": "salary", "amount": 100, "year_to_date": 5},
            {"kind": "salary", "amount": 100, "year_to_date": 7},
        ],
    }
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(request)
    assert "missing_applicant" in [e["code"] for e in caught.value.errors]
