"""Jobbstimulans: decided from the assistance history (old SoL 4 kap. 1 b §, reference §3.3)."""

import pytest

from bistand.rules.income import Window, work_incentive_window
from bistand.rules.months import Month
from tests.rules.helpers import adult, calc, lines_of, plain, request


def months(first: str, last: str) -> list[str]:
    start, stop = Month.parse(first).index, Month.parse(last).index
    return [str(Month.from_index(i)) for i in range(start, stop + 1)]


def salary_result(month: str, history: list[str], amount: int = 8000, **extra) -> dict:
    incomes = [{"kind": "salary", "member": "p1", "amount": amount}]
    return calc(request(month, incomes=incomes, assistance_history=history, **extra))


@pytest.mark.parametrize(
    ("month", "history", "applies"),
    [
        ("2022-06", months("2022-01", "2022-05"), False),  # June would be month 6 of the run: not yet
        ("2022-07", months("2022-01", "2022-06"), True),  # month 7: six months in a row behind it
        ("2024-06", months("2022-01", "2022-06"), True),  # month 30: last month of the 24-month window
        ("2024-07", months("2022-01", "2022-06"), False),  # month 31: the window has ended
        ("2023-03", months("2022-01", "2022-06"), True),  # self-supporting meanwhile: the window still runs
        (
            "2022-08",
            months("2022-01", "2022-03") + months("2022-05", "2022-07"),
            False,
        ),  # run broken in April
    ],
)
def test_window_boundaries(month, history, applies):
    result = salary_result(month, history)
    # 8 000 × 25 % = 2 000 not counted when the window applies
    assert result["income_total"] == (6000 if applies else 8000)
    note = lines_of(result, "income.work_incentive")[0]
    assert note["amount"] == 0 and note["counted"] is False
    if applies:
        assert "2 000 kr (25 % av lönen 8 000 kr) räknas inte som inkomst" in plain(note["text"])
        assert "till och med 2022-06" in plain(note["text"]) and "gäller 2022-07–2024-06" in plain(
            note["text"]
        )
    else:
        assert plain(note["text"]).startswith("Jobbstimulans gäller inte denna månad")


def test_expired_window_is_explained():
    note = lines_of(salary_result("2024-07", months("2022-01", "2022-06")), "income.work_incentive")[0]
    assert "perioden 2022-07–2024-06 har löpt ut" in plain(note["text"])


def test_requalification_after_the_window():
    # Continuous assistance from Jan 2022. Window 1: qualified 2022-06, runs 2022-07 … 2024-06. Months inside it
    # do not count; the six months must be fulfilled anew after it: 2024-07 … 2024-12 -> window 2 from 2025-01.
    assert (
        salary_result("2024-12", months("2022-01", "2024-11"))["income_total"] == 8000
    )  # 5 months after: not yet
    result = salary_result("2025-01", months("2022-01", "2024-12"))
    assert result["income_total"] == 6000
    assert "gäller 2025-01–2026-12" in plain(lines_of(result, "income.work_incentive")[0]["text"])


def test_months_inside_the_window_do_not_requalify():
    # Window 2022-07 … 2024-06 from the first run; Jan–Jun 2023 lie inside it and earn nothing new.
    history = months("2022-01", "2022-06") + months("2023-01", "2023-06")
    assert salary_result("2024-08", history)["income_total"] == 8000


@pytest.mark.parametrize(("salary", "counted"), [(8001, 6001), (8002, 6001), (8003, 6002), (1, 1), (2, 1)])
def test_quarter_is_rounded_half_up(salary, counted):
    # 8 001 × 0,25 = 2 000,25 -> 2 000; 8 002 × 0,25 = 2 000,5 -> 2 001; 8 003 -> 2 000,75 -> 2 001;
    # 1 × 0,25 = 0,25 -> 0; 2 × 0,25 = 0,5 -> 1
    assert salary_result("2025-07", months("2025-01", "2025-06"), salary)["income_total"] == counted


def test_co_applicant_salary_and_other_kinds():
    history = months("2025-01", "2025-06")
    incomes = [
        {"kind": "salary", "member": "p2", "amount": 4000},  # 25 % = 1 000 not counted
        {"kind": "unemployment_benefit", "member": "p1", "amount": 4000},  # not employment income: full
    ]
    members = [adult(), adult("p2", "co_applicant")]
    result = calc(request("2025-07", members, incomes=incomes, assistance_history=history))
    assert result["income_total"] == 3000 + 4000


def test_no_work_incentive_before_july_2013():
    # SFS 2013:421 brought jobbstimulans in force on 1 July 2013: in June 2013 the whole wage counts.
    result = salary_result("2013-06", months("2012-06", "2013-05"))
    assert result["income_total"] == 8000
    assert not lines_of(result, "income.work_incentive")
    assert salary_result("2013-07", months("2013-01", "2013-06"))["income_total"] == 6000


def test_source_after_july_2025_is_the_new_law():
    note = lines_of(salary_result("2025-07", months("2025-01", "2025-06")), "income.work_incentive")[0]
    assert note["source"].startswith("SoL 2025:400")
    assert note["confidence"] == "derived"  # paragraph number in the new law not verified


def test_window_function():
    assert work_incentive_window([]) is None
    assert work_incentive_window([1, 2, 3, 4, 5]) is None
    assert work_incentive_window([1, 2, 3, 4, 5, 6]) == Window(6, 7, 30)
    assert work_incentive_window(list(range(1, 37))) == Window(36, 37, 60)  # 1–6, window 7–30, 31–36
    assert work_incentive_window([1, 2, 3, 5, 6, 7, 8, 9, 10]) == Window(10, 11, 34)
