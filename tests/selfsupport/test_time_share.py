"""Working time and the share spent in client meetings, worked out by hand from the calendar.

Holidays used (holidays.Sweden, public + de facto): 2026-12-24 julafton (Thu), 2026-12-25 juldagen (Fri),
2026-12-26 annandag jul (Sat), 2026-12-31 nyårsafton (Thu); November 2026 has no holiday on a weekday
(Alla helgons dag is Saturday 2026-10-31).
"""

from datetime import date
from decimal import Decimal

import pytest

from bistand.selfsupport.time_share import (
    AbsencePeriod,
    TimeShare,
    combine,
    daily_hours,
    is_working_day,
    time_share,
    working_days,
)


def test_december_2026_part_time_with_vacation_and_a_sick_day():
    # December 2026: the 1st is a Tuesday. Weekdays: 1–4 (4), 7–11 (5), 14–18 (5), 21–25 (5), 28–31 (4)
    # = 23. Weekday holidays: 24 (julafton), 25 (juldagen), 31 (nyårsafton) -> 23 − 3 = 20 working days.
    # Employment 80 % of 40 h/week: 40 / 5 × 0.80 = 6.4 h per day; 20 × 6.4 = 128 h.
    # Absence: sick Mon 7 Dec (1 day) + vacation Mon 28 – Wed 30 Dec (3 days) = 4 × 6.4 = 25.6 h.
    # Working time 128 − 25.6 = 102.4 h = 6 144 min.
    # Meetings: 20 × 60 min + 4 × 45 min = 1 200 + 180 = 1 380 min; share 1 380 / 6 144 = 0.224609375.
    result = time_share(
        date(2026, 12, 1),
        date(2026, 12, 31),
        employment_rate=Decimal("80"),
        weekly_hours_full_time=Decimal("40"),
        meeting_minutes=20 * 60 + 4 * 45,
        absences=[
            AbsencePeriod(date(2026, 12, 7), date(2026, 12, 7)),
            AbsencePeriod(date(2026, 12, 28), date(2026, 12, 30)),
        ],
    )
    assert result.working_minutes == Decimal("6144")
    assert result.meeting_minutes == 1380
    assert result.share == Decimal("0.224609375")


def test_november_2026_half_day_training_and_weekend_absence():
    # November 2026: the 1st is a Sunday. Weekdays 2–6, 9–13, 16–20, 23–27 (20) + Mon 30 = 21, no holidays.
    # Full time 40 h: 8 h a day; 21 × 8 = 168 h.
    # Training at 50 % Mon 16 – Tue 17 Nov: 2 × 8 × 0.5 = 8 h. Absence on Sat 21 – Sun 22: 0 h.
    # Working time 168 − 8 = 160 h = 9 600 min. Meetings 2 400 min -> 2 400 / 9 600 = 0.25 exactly.
    result = time_share(
        date(2026, 11, 1),
        date(2026, 11, 30),
        employment_rate=Decimal("100"),
        weekly_hours_full_time=Decimal("40"),
        meeting_minutes=2400,
        absences=[
            AbsencePeriod(date(2026, 11, 16), date(2026, 11, 17), Decimal("50")),
            AbsencePeriod(date(2026, 11, 21), date(2026, 11, 22)),
        ],
    )
    assert result.working_minutes == Decimal("9600")
    assert result.share == Decimal("0.25")


def test_absence_outside_the_period_is_clipped_and_overlaps_count_once():
    # Period Mon 2 – Fri 6 Nov 2026: 5 days × 8 h = 40 h.
    # Vacation 26 Oct – Tue 3 Nov counts only Mon 2 and Tue 3 (2 days); a sick day on Tue 3 overlaps it
    # and a day cannot be more than wholly absent -> 2 × 8 = 16 h away; 40 − 16 = 24 h = 1 440 min.
    result = time_share(
        date(2026, 11, 2),
        date(2026, 11, 6),
        Decimal("100"),
        Decimal("40"),
        meeting_minutes=360,
        absences=[
            AbsencePeriod(date(2026, 10, 26), date(2026, 11, 3)),
            AbsencePeriod(date(2026, 11, 3), date(2026, 11, 3)),
        ],
    )
    assert result.working_minutes == Decimal("1440")
    assert result.share == Decimal("0.25")  # 360 / 1 440


def test_a_month_entirely_on_leave_has_no_share():
    result = time_share(
        date(2026, 11, 1),
        date(2026, 11, 30),
        Decimal("100"),
        Decimal("40"),
        0,
        [AbsencePeriod(date(2026, 11, 1), date(2026, 11, 30))],
    )
    assert result.working_minutes == 0
    assert result.share is None


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 6, 19), False),  # midsommarafton (de facto holiday), Friday
        (date(2026, 6, 18), True),  # ordinary Thursday
        (date(2026, 5, 14), False),  # Kristi himmelsfärdsdag, Thursday
        (date(2026, 4, 6), False),  # annandag påsk, Monday
        (date(2026, 11, 21), False),  # Saturday
        (date(2027, 1, 6), False),  # trettondedag jul 2027, Wednesday
    ],
)
def test_working_days(day, working):
    assert is_working_day(day) is working


def test_working_days_in_week_with_national_day_on_saturday():
    # 1–7 June 2026: Mon 1 … Fri 5 are working days; Nationaldagen is Saturday 6 June.
    assert len(working_days(date(2026, 6, 1), date(2026, 6, 7))) == 5


def test_daily_hours_for_part_time_and_shorter_full_time_week():
    # 38.25 h full time at 75 %: 38.25 / 5 × 0.75 = 7.65 × 0.75 = 5.7375 h.
    assert daily_hours(Decimal("38.25"), Decimal("75")) == Decimal("5.7375")


def test_unit_share_is_total_meetings_over_total_working_time_not_a_mean():
    # Worker A: 600 of 9 600 min (6.25 %); worker B: 2 400 of 4 800 min (50 %).
    # Unit: (600 + 2 400) / (9 600 + 4 800) = 3 000 / 14 400 = 0.208333…; the mean would be 28.125 %.
    unit = combine(
        [
            TimeShare(Decimal(9600), 600, Decimal("0.0625")),
            TimeShare(Decimal(4800), 2400, Decimal("0.5")),
        ]
    )
    assert unit.meeting_minutes == 3000
    assert unit.working_minutes == Decimal(14400)
    assert unit.share.quantize(Decimal("0.000001")) == Decimal("0.208333")
