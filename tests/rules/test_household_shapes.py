"""Couples, more than seven persons, and a case that shares a larger household (non-cohabitant)."""

import pytest

from tests.rules.helpers import adult, calc, child, lines_of, plain, request


def test_seven_to_eight_persons():
    # 2025: 7 persons 2 810; 8 persons 2 810 + (2 810 − 2 620) = 3 000
    month = "2025-06"
    seven = [adult(), adult("p2", "co_applicant")] + [child(month, 9, f"c{i}") for i in range(5)]
    eight = seven + [child(month, 9, "c9")]
    assert lines_of(calc(request(month, seven)), "norm.common")[0]["amount"] == 2810
    line = lines_of(calc(request(month, eight)), "norm.common")[0]
    assert line["amount"] == 3000
    assert "2 810 kr för sju personer + 1 × 190 kr" in plain(line["text"])
    assert "SoF 2001:937 2 kap. 1 §" in line["source"]


def test_more_than_seven_cites_12_kap_3_from_july_2025():
    month = "2025-08"
    members = [adult()] + [child(month, 9, f"c{i}") for i in range(8)]  # 9 persons: 2 810 + 2 × 190 = 3 190
    line = lines_of(calc(request(month, members)), "norm.common")[0]
    assert line["amount"] == 3190
    assert line["source"] == "SoF 2025:468 12 kap. 2 och 3 §§"


@pytest.mark.parametrize(
    ("month", "size", "expected_share"),
    [
        ("2025-06", 2, 700),  # 1 400 / 2 = 700
        ("2025-06", 3, 590),  # 1 770 / 3 = 590 (reference §2.3 D)
        ("2025-06", 4, 503),  # 2 010 / 4 = 502,5 -> 503 (half-up)
        ("2025-06", 6, 437),  # 2 620 / 6 = 436,67 -> 437
        ("2025-06", 9, 354),  # (2 810 + 2 × 190) / 9 = 3 190 / 9 = 354,44 -> 354
    ],
)
def test_lone_adult_share_of_common_costs(month, size, expected_share):
    result = calc(request(month, household_size=size))
    assert lines_of(result, "norm.common.share")[0]["amount"] == expected_share
    assert result["norm_total"] == 3910 + expected_share  # ensamstående + share


def test_share_text_explains_rounding():
    line = lines_of(calc(request("2025-06", household_size=4)), "norm.common.share")[0]
    assert "2 010 kr × 1/4 = 503 kr (avrundat från 502,50 kr)" in plain(line["text"])


def test_parent_and_child_sharing_a_larger_household():
    # A single parent and a 10-year-old living with two other adults (household of 4), 2025:
    # 3 910 + 3 790 + 2 010 × 2/4 = 3 910 + 3 790 + 1 005 = 8 705
    month = "2025-06"
    result = calc(request(month, [adult(), child(month, 10)], household_size=4))
    assert result["norm_total"] == 8705


def test_household_size_equal_to_members_is_the_ordinary_table():
    month = "2025-06"
    result = calc(request(month, [adult(), child(month, 10)], household_size=2))
    assert lines_of(result, "norm.common")[0]["amount"] == 1400
    assert not lines_of(result, "norm.common.share")
