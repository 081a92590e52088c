"""Follow-up at least every third month (seeds/003; Kolada U31514)."""

from datetime import date

import pytest

from bistand.rules.months import add_months
from bistand.selfsupport.schedule import is_overdue, latest_allowed_follow_up


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (date(2026, 8, 15), date(2026, 11, 15)),  # plain: Aug + 3 = Nov
        (date(2026, 11, 30), date(2027, 2, 28)),  # Feb 2027 has 28 days: 30 → 28
        (date(2027, 11, 30), date(2028, 2, 29)),  # 2028 is a leap year
        (date(2026, 10, 31), date(2027, 1, 31)),  # over the year end
        (date(2026, 12, 1), date(2027, 3, 1)),
    ],
)
def test_latest_follow_up_is_three_calendar_months_later(start, due):
    assert latest_allowed_follow_up(start) == due


def test_add_months_backwards():
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_overdue_only_after_the_due_day():
    assert not is_overdue(date(2026, 11, 23), date(2026, 11, 23))
    assert is_overdue(date(2026, 11, 22), date(2026, 11, 23))
    assert not is_overdue(None, date(2026, 11, 23))
