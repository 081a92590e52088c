"""Bank days and pay dates, worked out by hand from the calendar.

Calendar facts used (2026 starts on a Thursday; day-of-year d falls on weekday (d − 1) mod 7 after Thursday):
- Easter 2026: långfredagen Fri 3 April, påskdagen Sun 5 April, annandag påsk Mon 6 April.
- Kristi himmelsfärd Thu 14 May (Easter + 39); pingstdagen Sun 24 May; Mon 25 May is an ordinary day
  (annandag pingst stopped being a holiday in 2005).
- Midsommarafton Fri 19 June 2026, midsommardagen Sat 20 June.
- Julafton Thu 24 Dec, juldagen Fri 25 Dec, annandag jul Sat 26 Dec; nyårsafton Thu 31 Dec;
  nyårsdagen Fri 1 Jan 2027.
- 2027: midsommarafton is Fri 25 June 2027 (the Friday between 19 and 25 June) — the municipal pay day itself.
"""

from datetime import date

import pytest

from bistand.payments.bankdays import is_bank_day, municipal_pay_day, next_bank_day_after, pay_date_for


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (date(2026, 6, 19), False, "midsommarafton (de facto holiday)"),
        (date(2026, 6, 18), True, "day before midsommarafton: banks close early but execute payments"),
        (date(2026, 6, 20), False, "midsommardagen, a Saturday"),
        (date(2026, 6, 22), True, "Monday after midsommar"),
        (date(2026, 12, 23), True, "day before julafton: a half day, still a bank day"),
        (date(2026, 12, 24), False, "julafton (de facto)"),
        (date(2026, 12, 25), False, "juldagen (public)"),
        (date(2026, 12, 26), False, "annandag jul, a Saturday"),
        (date(2026, 12, 28), True, "Monday after Christmas"),
        (date(2026, 12, 31), False, "nyårsafton (de facto)"),
        (date(2027, 1, 1), False, "nyårsdagen"),
        (date(2026, 4, 2), True, "skärtorsdagen (half day)"),
        (date(2026, 4, 3), False, "långfredagen"),
        (date(2026, 4, 6), False, "annandag påsk"),
        (date(2026, 4, 7), True, "Tuesday after Easter"),
        (date(2026, 3, 7), False, "Saturday (day 66: 65 mod 7 = 2 after Thursday)"),
        (date(2026, 3, 8), False, "Sunday"),
        (date(2026, 5, 14), False, "Kristi himmelsfärdsdag"),
        (date(2026, 5, 15), True, "klämdag: an ordinary bank day"),
        (date(2026, 5, 25), True, "Monday after pingst: not a holiday since 2005"),
    ],
)
def test_bank_days(day, expected, why):
    assert is_bank_day(day) is expected, why


@pytest.mark.parametrize(
    ("month", "expected", "why"),
    [
        (date(2026, 7, 1), date(2026, 6, 25), "25 June 2026 is a Thursday"),
        (date(2026, 6, 1), date(2026, 5, 25), "25 May 2026 is a Monday (not annandag pingst any more)"),
        (date(2026, 5, 1), date(2026, 4, 24), "25 April is a Saturday -> Friday 24"),
        (date(2026, 11, 1), date(2026, 10, 23), "25 Oct is a Sunday, 24 a Saturday -> Friday 23"),
        (date(2026, 12, 1), date(2026, 11, 25), "25 Nov is a Wednesday"),
        (date(2027, 1, 1), date(2026, 12, 23), "25 Dec juldagen, 24 julafton -> Wednesday 23"),
        (date(2027, 7, 1), date(2027, 6, 24), "25 June 2027 is midsommarafton -> Thursday 24"),
    ],
)
def test_municipal_pay_day_is_the_25th_of_the_month_before_or_the_bank_day_before(month, expected, why):
    assert municipal_pay_day(month) == expected, why


@pytest.mark.parametrize(
    ("month", "decided_on", "expected", "why"),
    [
        (date(2026, 7, 1), date(2026, 6, 10), date(2026, 6, 25), "decided in time: the regular pay day"),
        (
            date(2026, 7, 1),
            date(2026, 6, 25),
            date(2026, 6, 26),
            "decided on the pay day: next bank day (Fri)",
        ),
        (date(2026, 7, 1), date(2026, 7, 3), date(2026, 7, 6), "Fri 3 July -> Sat, Sun -> Mon 6 July"),
        (
            date(2026, 6, 1),
            date(2026, 6, 18),
            date(2026, 6, 22),
            "19 midsommarafton, 20–21 weekend -> Mon 22",
        ),
        (date(2027, 1, 1), date(2026, 12, 22), date(2026, 12, 23), "before the moved pay day 23 Dec"),
        (date(2027, 1, 1), date(2026, 12, 23), date(2026, 12, 28), "24, 25 closed, 26–27 weekend -> Mon 28"),
        (
            date(2026, 12, 1),
            date(2026, 12, 30),
            date(2027, 1, 4),
            "31 Dec, 1 Jan closed, 2–3 weekend -> Mon 4",
        ),
        (
            date(2026, 4, 1),
            date(2026, 4, 2),
            date(2026, 4, 7),
            "3 långfredag, 4–5 weekend, 6 annandag -> Tue 7",
        ),
    ],
)
def test_pay_date_for_a_decision(month, decided_on, expected, why):
    assert pay_date_for(month, decided_on) == expected, why


def test_next_bank_day_after_is_strictly_after():
    # Mon 22 June 2026 is a bank day; the next one after it is Tue 23 June.
    assert next_bank_day_after(date(2026, 6, 22)) == date(2026, 6, 23)
