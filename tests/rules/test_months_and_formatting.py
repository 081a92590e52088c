"""The one month type, the one age rule and the one formatting module (Babel, sv_SE).

Expected texts are written out by hand as Swedish practice writes them (Språkrådet: thousands are
separated by a space, here the no-break space U+00A0 that CLDR's sv locale uses, and the same space
before "kr"; a negative amount gets a true minus sign U+2212; months in lower case).
"""

from datetime import date
from decimal import Decimal

import pytest

from bistand.rules import formatting
from bistand.rules.months import (
    InvalidMonth,
    Month,
    add_months,
    age_at_end_of_month,
    age_on,
    first_of_month,
    last_of_month,
    month_key,
    months_back,
    parse_input,
    previous_complete_month,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (12345, f"12{NBSP}345{NBSP}kr"),
        (5220, f"5{NBSP}220{NBSP}kr"),
        (999, f"999{NBSP}kr"),
        (0, f"0{NBSP}kr"),
        (1234567, f"1{NBSP}234{NBSP}567{NBSP}kr"),
        (-1250, f"\u22121{NBSP}250{NBSP}kr"),  # true minus sign
        (Decimal("1234.5"), f"1{NBSP}234,5{NBSP}kr"),  # decimal comma
    ],
)
def test_kronor_are_grouped_with_no_break_spaces(amount, text):
    assert formatting.kr(amount) == text


def test_kronor_never_use_a_plain_or_narrow_space():
    text = formatting.kr(12345)
    assert " " not in text and "\u202f" not in text


def test_a_quotient_is_shown_with_two_decimals_rounded_half_up():
    # 5 210 / 3 = 1 736,666… -> 1 736,67; 1 005 / 2 = 502,50 (two decimals even when exact).
    assert formatting.kr_fraction(5210, 3) == f"1{NBSP}736,67{NBSP}kr"
    assert formatting.kr_fraction(1005, 2) == f"502,50{NBSP}kr"


def test_number_groups_digits_without_a_unit():
    assert formatting.number(35100) == f"35{NBSP}100"
    assert formatting.number(-4000) == f"\u22124{NBSP}000"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 1, 1), "1 januari 2026"),
        (date(2026, 12, 24), "24 december 2026"),
        (date(2024, 2, 29), "29 februari 2024"),
    ],
)
def test_long_dates(day, text):
    assert formatting.long_date(day) == text


def test_weekdays_and_days_in_the_calendar():
    # 1 January 2026 is a Thursday; 1 February is 31 days (4 weeks + 3 days) later, a Sunday: 2 February is a Monday.
    assert formatting.weekday_name(date(2026, 2, 2)) == "måndag"
    assert formatting.weekday_name(date(2026, 2, 8)) == "söndag"
    assert formatting.day_and_month(date(2026, 2, 3)) == "3 februari"


@pytest.mark.parametrize(
    ("month", "label", "short"),
    [
        (Month(2026, 1), "januari 2026", "jan 26"),
        (Month(2025, 3), "mars 2025", "mar 25"),
        (Month(2026, 5), "maj 2026", "maj 26"),
        (Month(2009, 10), "oktober 2009", "okt 09"),
    ],
)
def test_month_names_are_lower_case_swedish(month, label, short):
    assert month.label == label == formatting.month_name(month) == formatting.month_name(month.first)
    assert month.short_label == short


def test_month_arithmetic():
    assert Month.parse("2025-12").shift(1) == Month(2026, 1)
    assert Month(2026, 1).shift(-13) == Month(2024, 12)
    assert Month(2024, 2).last == date(2024, 2, 29)  # leap year
    assert Month(2025, 2).last == date(2025, 2, 28)
    assert Month(2025, 3).first == date(2025, 3, 1)
    assert Month(2025, 3).index == 2025 * 12 + 2 == Month.from_index(24302).index
    assert str(Month(2025, 3)) == "2025-03" == month_key(date(2025, 3, 17))
    assert months_back(Month(2026, 2), 3) == [Month(2025, 12), Month(2026, 1), Month(2026, 2)]
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)  # clamped to the month's last day
    assert add_months(date(2026, 3, 1), -3) == date(2025, 12, 1)
    assert first_of_month(date(2026, 7, 19)) == date(2026, 7, 1)
    assert last_of_month(date(2026, 4, 2)) == date(2026, 4, 30)
    assert previous_complete_month(date(2026, 1, 5)) == Month(2025, 12)


@pytest.mark.parametrize(
    "bad", ["2025-13", "2025-00", "2025-6", "25-06", "2025/06", " 2025-06", "", None, 202506]
)
def test_a_month_is_exactly_yyyy_mm(bad):
    with pytest.raises(InvalidMonth):
        Month.parse(bad)


def test_a_typed_month_may_have_spaces_around_it_and_a_bad_one_gets_a_swedish_message():
    assert parse_input(" 2025-06 ") == Month(2025, 6)
    with pytest.raises(InvalidMonth, match="är inte en månad. Skriv år och månad som ÅÅÅÅ-MM"):
        parse_input("juni")
    with pytest.raises(ValueError):  # InvalidMonth is a ValueError
        parse_input(None)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2000, 5, 10), date(2026, 5, 9), 25),  # the day before the birthday
        (date(2000, 5, 10), date(2026, 5, 10), 26),  # the birthday itself counts
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # leap-day birthday, common year: not yet on 28 Feb
        (date(2008, 2, 29), date(2026, 3, 1), 18),  # … reached on 1 March
        (date(2008, 2, 29), date(2028, 2, 29), 20),  # in a leap year on the day
    ],
)
def test_age_on_a_day(birth, day, age):
    assert age_on(birth, day) == age


@pytest.mark.parametrize(
    ("birth", "month", "age"),
    [
        # A birthday on 31 January 2026 counts for January (the last day of the month is the 31st) ...
        (date(2008, 1, 31), Month(2026, 1), 18),
        # ... one on 1 February does not count for January.
        (date(2008, 2, 1), Month(2026, 1), 17),
        # Leap-day birthday: February 2026 ends on the 28th, so 29 February 2008 is 17 for February
        # (2026 − 2008 = 18, minus 1 because 28 Feb < 29 Feb) and 18 for March.
        (date(2008, 2, 29), Month(2026, 2), 17),
        (date(2008, 2, 29), Month(2026, 3), 18),
        # February 2028 ends on the 29th: 2028 − 2008 = 20.
        (date(2008, 2, 29), Month(2028, 2), 20),
    ],
)
def test_age_on_the_last_day_of_the_month_across_a_birthday(birth, month, age):
    assert age_at_end_of_month(birth, month) == age
