"""The date windows: which application months and case dates are accepted, and the Swedish messages."""

from datetime import date

import pytest

from bistand.casework import windows

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("month", "ok"),
    [
        (date(2026, 9, 1), True),  # three months back: the first month allowed
        (date(2026, 8, 1), False),  # four months back
        (date(2027, 2, 1), True),  # two months ahead: the last month allowed
        (date(2027, 3, 1), False),
        (date(1990, 1, 1), False),
        (date(2099, 12, 1), False),
        (date(2026, 12, 15), True),  # any day of a month in the window
    ],
)
def test_the_application_month_window_runs_from_three_months_back_to_two_ahead(month, ok):
    assert (windows.month_problem(month, TODAY) is None) is ok


def test_the_month_window_crosses_the_year():
    assert windows.month_window(date(2026, 1, 31)) == (date(2025, 10, 1), date(2026, 3, 1))


def test_a_month_too_far_back_says_which_months_are_allowed():
    assert windows.month_problem(date(1990, 1, 1), TODAY) == (
        "Januari 1990 ligger för långt tillbaka. En ansökan kan avse en månad från september 2026 till "
        "februari 2027. Kontrollera år och månad."
    )


def test_a_month_too_far_ahead_says_so():
    message = windows.month_problem(date(2100, 1, 1), TODAY)
    assert message.startswith("Januari 2100 ligger för långt fram i tiden.")


def test_a_case_date_before_the_case_opened_is_refused():
    message = windows.case_date_problem(date(1900, 1, 1), opened_on=date(2026, 3, 2), today=TODAY)
    assert message == (
        "Datumet 1 januari 1900 ligger före 2 mars 2026, då ärendet aktualiserades. Kontrollera datumet."
    )
    assert windows.case_date_problem(date(2026, 3, 2), opened_on=date(2026, 3, 2), today=TODAY) is None


def test_a_case_date_more_than_a_year_ahead_is_refused():
    # 366 days after 1 December 2026 is 2 December 2027 (2027 is not a leap year: 365 days to 1 Dec 2027).
    assert windows.case_date_problem(date(2027, 12, 2), opened_on=None, today=TODAY) is None
    message = windows.case_date_problem(date(2027, 12, 3), opened_on=None, today=TODAY)
    assert message == "Datumet 3 december 2027 ligger mer än ett år fram i tiden. Kontrollera året."
