"""Incomes: what is counted, what is not (and why), and children's own earnings around one prisbasbelopp."""

import pytest

from bistand import rules
from tests.rules.helpers import adult, calc, child, error_codes, lines_of, plain, request

COUNTED = [
    "salary", "unemployment_benefit", "sickness_benefit", "parental_benefit", "activity_support",
    "child_allowance", "housing_allowance", "maintenance_support", "student_aid", "pension", "other",
]  # fmt: skip
NOT_COUNTED = [
    "disability_allowance_tax_free",
    "csn_extra_supplement",
    "small_charity_grant",
    "damages_non_income",
]


@pytest.mark.parametrize("kind", COUNTED)
def test_counted_kinds_are_deducted(kind):
    result = calc(request("2025-06", incomes=[{"kind": kind, "member": "p1", "amount": 1000}]))
    # 5 180 − 1 000 = 4 180
    assert (result["income_total"], result["assistance"]) == (1000, 4180)
    assert lines_of(result, "income.counted")[0]["amount"] == -1000


@pytest.mark.parametrize("kind", NOT_COUNTED)
def test_not_counted_kinds_are_shown_with_a_reason(kind):
    result = calc(request("2025-06", incomes=[{"kind": kind, "amount": 1000}]))
    assert (result["income_total"], result["assistance"]) == (0, 5180)
    line = lines_of(result, "income.not_counted")[0]
    assert line["amount"] == 0 and line["counted"] is False
    assert "räknas inte som inkomst" in plain(line["text"])
    assert line["member"] == "p1"  # no member given: the applicant


def test_income_member_defaults_to_applicant():
    result = calc(request("2025-06", incomes=[{"kind": "pension", "amount": 500}]))
    assert lines_of(result, "income.counted")[0]["member"] == "p1"


PBB_2025 = 58800  # prisbasbelopp 2025


@pytest.mark.parametrize(
    ("year_to_date", "amount", "counted"),
    [
        (0, 5000, 0),  # 5 000 ≤ 58 800
        (53800, 5000, 0),  # 53 800 + 5 000 = 58 800, exactly one prisbasbelopp: nothing counted
        (53801, 5000, 1),  # 58 801 − 58 800 = 1
        (55000, 5000, 1200),  # 60 000 − 58 800 = 1 200
        (58800, 5000, 5000),  # already at the limit: all of it counts
        (70000, 5000, 5000),  # max(0, 75 000 − 58 800) − max(0, 70 000 − 58 800) = 16 200 − 11 200
    ],
)
def test_child_earnings_around_one_price_base_amount(year_to_date, amount, counted):
    month = "2025-09"
    income = {"kind": "salary", "member": "c1", "amount": amount, "year_to_date": year_to_date}
    result = calc(request(month, [adult(), child(month, 17)], incomes=[income]))
    assert result["income_total"] == counted
    exempt = lines_of(result, "income.child_earnings_exempt")
    if counted < amount:
        assert exempt[0]["amount"] == 0 and exempt[0]["value"] == PBB_2025
        assert "58 800 kr för 2025" in plain(exempt[0]["text"])
    else:
        assert not exempt


def test_school_youth_19_to_20_earnings_are_also_free():
    month = "2025-09"
    income = {"kind": "salary", "member": "c1", "amount": 4000}
    assert calc(request(month, [adult(), child(month, 20)], incomes=[income]))["income_total"] == 0


def test_half_price_base_amount_before_july_2013():
    # SFS 2007:1429: half a prisbasbelopp until 30 June 2013 (44 500 / 2 = 22 250), one from 1 July (SFS 2013:421)
    month = "2013-06"
    income = {"kind": "salary", "member": "c1", "amount": 5000, "year_to_date": 20000}
    assert (
        calc(request(month, [adult(), child(month, 16)], incomes=[income]))["income_total"] == 2750
    )  # 25 000 − 22 250
    month = "2013-07"
    assert calc(request(month, [adult(), child(month, 16)], incomes=[income]))["income_total"] == 0


def test_child_earnings_never_get_work_incentive():
    month = "2025-09"
    income = {"kind": "salary", "member": "c1", "amount": 5000, "year_to_date": 58800}
    history = [f"2025-0{m}" for m in range(1, 9)]
    result = calc(request(month, [adult(), child(month, 17)], incomes=[income], assistance_history=history))
    assert result["income_total"] == 5000
    assert not lines_of(result, "income.work_incentive")


def test_child_allowance_of_a_child_counts_in_full():
    month = "2025-09"
    income = {"kind": "child_allowance", "member": "c1", "amount": 1250}
    assert calc(request(month, [adult(), child(month, 7)], incomes=[income]))["income_total"] == 1250


def test_child_earnings_without_price_base_amount_is_an_error(monkeypatch):
    from bistand.rules import context, params

    real = params.price_base_amounts()
    monkeypatch.setattr(params, "price_base_amounts", lambda: {y: v for y, v in real.items() if y != 2025})
    context.month_context.cache_clear()
    try:
        month = "2025-09"
        data = request(
            month, [adult(), child(month, 17)], incomes=[{"kind": "salary", "member": "c1", "amount": 10}]
        )
        with pytest.raises(rules.CalculationError) as caught:
            rules.calculate(data)
        assert error_codes(caught.value) == [("no_price_base_amount", "incomes[0]")]
        assert "2025" in caught.value.errors[0]["message"]
        # an adult's salary does not need a prisbasbelopp
        assert calc(request(month, incomes=[{"kind": "salary", "amount": 10}]))["income_total"] == 10
    finally:
        context.month_context.cache_clear()


def test_income_description_is_shown():
    incomes = [
        {"kind": "other", "amount": 500, "description": "swish från förälder"},
        {"kind": "small_charity_grant", "amount": 300, "description": "Stiftelsen X"},
    ]
    lines = calc(request("2025-06", incomes=incomes))["lines"]
    assert (
        plain(lines[-2]["text"])
        == "Övrig inkomst (swish från förälder): 500 kr räknas som inkomst (SoL 2001:453 4 kap. 1 §)"
    )
    assert plain(lines[-1]["text"]).startswith(
        "Tillfälligt mindre bidrag från fond eller stiftelse (Stiftelsen X): 300 kr räknas inte"
    )
