"""Age = completed years on the last day of the month; the riksnorm year follows the calendar month."""

from datetime import date

import pytest

from bistand import rules
from bistand.rules.months import Month, age_at_end_of_month
from tests.rules.helpers import adult, calc, error_codes, lines_of, request


def child_born(birth: str, member_id="c1", **extra):
    return {"id": member_id, "role": "child", "birth_date": birth, **extra}


def child_amount(month: str, birth: str, **extra) -> int:
    return lines_of(calc(request(month, [adult(), child_born(birth, **extra)])), "norm.personal.child")[0][
        "amount"
    ]


@pytest.mark.parametrize(
    ("birth", "month", "age"),
    [
        ("2021-06-30", Month(2025, 6), 4),  # birthday on the last day of the month counts for the month
        ("2021-07-01", Month(2025, 6), 3),  # birthday on the first day of the next month does not
        ("2021-07-01", Month(2025, 7), 4),
        ("2025-06-30", Month(2025, 6), 0),  # born during the month: 0 år
        ("2020-02-29", Month(2025, 2), 4),  # leap-day birthday: Feb 28 in a common year is not reached yet
        ("2020-02-29", Month(2025, 3), 5),  # … it is reached in March
        ("2020-02-29", Month(2024, 2), 4),  # in a leap year it is reached on Feb 29
    ],
)
def test_age_at_end_of_month(birth, month, age):
    assert age_at_end_of_month(date.fromisoformat(birth), month) == age


def test_band_change_birthday_on_last_day_of_month():
    # 2025: 3 år 2 700, 4–6 år 3 030. Turning 4 on 30 June -> June already uses 4–6 år.
    assert child_amount("2025-05", "2021-06-30") == 2700
    assert child_amount("2025-06", "2021-06-30") == 3030


def test_band_change_birthday_on_first_day_of_next_month():
    # Turning 4 on 1 July -> June is still 3 år (2 700), July 4–6 år (3 030).
    assert child_amount("2025-06", "2021-07-01") == 2700
    assert child_amount("2025-07", "2021-07-01") == 3030


def test_band_change_with_preschool_lunch():
    # 2025 utan lunch: 3 år 2 480, 4–6 år 2 700; turning 7 ends the lunch variant: 7–10 år 3 790.
    assert child_amount("2025-06", "2021-06-30", preschool_lunch=True) == 2700
    assert child_amount("2025-06", "2018-06-30", preschool_lunch=True) == 3790  # 7 on 30 June
    assert child_amount("2025-06", "2018-07-01", preschool_lunch=True) == 2700  # still 6 in June


def test_school_youth_turning_21_leaves_the_household():
    # 19–20 år 2025: 4 960. Turning 21 on 1 July: June is fine, July is an error (child_over_20).
    assert child_amount("2025-06", "2004-07-01") == 4960
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(request("2025-07", [adult(), child_born("2004-07-01")]))
    assert error_codes(caught.value) == [("child_over_20", "members[1].birth_date")]
    # turning 21 on the last day of the month already counts for that month
    with pytest.raises(rules.CalculationError):
        rules.calculate(request("2025-06", [adult(), child_born("2004-06-30")]))


def test_year_change_december_to_january():
    # single adult: Dec 2024 3 800 + 1 230 = 5 030; Jan 2025 3 910 + 1 270 = 5 180
    assert calc(request("2024-12"))["norm_total"] == 5030
    assert calc(request("2025-01"))["norm_total"] == 5180
    # a child born 2020-01-01: 4 år in Dec 2024 (2 940, 2024 table), 5 år in Jan 2025 (3 030, 2025 table)
    assert child_amount("2024-12", "2020-01-01") == 2940
    assert child_amount("2025-01", "2020-01-01") == 3030


def test_young_adult_applicant_gets_the_adult_amount():
    # An applicant of 19 living alone is an adult case: ensamstående 3 910 (2025), not the 19–20 år band.
    result = calc(request("2025-06", [adult(birth="2006-01-01")]))
    assert lines_of(result, "norm.personal.single")[0]["amount"] == 3910


def test_2025_source_switch_on_1_july():
    # Same amounts all 2025; the legal source is 2001:937 2 kap. 1 § until June, 2025:468 12 kap. 2 § from July.
    june, july = calc(request("2025-06")), calc(request("2025-07"))
    assert june["norm_total"] == july["norm_total"] == 5180
    assert june["lines"][0]["source"] == "SoF 2001:937 2 kap. 1 §"
    assert july["lines"][0]["source"] == "SoF 2025:468 12 kap. 2 §"
    assert "SoF 2025:468 12 kap. 2 §" in july["lines"][0]["text"]
    assert july["parameters"]["norm"]["source"] == "SoF 2025:468 12 kap. 2 §"
