"""Stored monthly aggregates give exactly the direct computation's figures, and go stale on late changes."""

import io
from collections import Counter
from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from bistand.cases.models import Payment
from bistand.organisation.models import Municipality
from bistand.rules.months import Month
from bistand.statistics import aggregates, trends
from bistand.statistics.models import StatisticsChange, UnitMonthTally
from bistand.statistics.report import ReportRow, Tally, build_monthly_report

# The demo city's last month is November 2026; months spread over its history, one a year earlier
# (the returns figure looks back twelve months).
MONTHS = (Month(2026, 11), Month(2026, 7), Month(2026, 2), Month(2025, 11))


@pytest.fixture
def demo_city(db):
    call_command("build_demo", households=120, seed=11, as_of="2026-11", stdout=io.StringIO())


def freeze_today(monkeypatch, day: date) -> None:
    """timezone.localdate() without arguments is `day`; with a datetime it converts as usual."""
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, **kw: real(value, **kw) if value else day)


def assert_same_rows(stored: tuple[ReportRow, ...], direct: tuple[ReportRow, ...]) -> None:
    assert [r.name for r in stored] == [r.name for r in direct]
    for got, want in zip(stored, direct, strict=True):
        for f in fields(ReportRow):
            assert getattr(got, f.name) == getattr(want, f.name), (want.name, f.name)


def assert_same_report(month: Month) -> None:
    direct = build_monthly_report(month, direct=True)
    stored = build_monthly_report(month)
    assert_same_rows(stored.units, direct.units)
    assert_same_rows(stored.districts, direct.districts)
    assert_same_rows((stored.city,), (direct.city,))
    assert stored.interventions == direct.interventions


def test_tally_survives_json():
    t = Tally(
        staff={7: Decimal("75.00"), 3: Decimal("100")},
        households_paid={5, 2, 9},
        cost=-150,
        caseload=Counter({7: 12, 3: 1}),
        decision_days=[4, 0, 4],
        enrolled={"Praktik": {8, 1}},
        meeting_minutes={7: 90},
        working_minutes={7: Decimal("9360.5")},
        first_visits=2,
    )
    data = aggregates.tally_to_json(t)
    assert data["households_paid"] == [2, 5, 9]  # sorted integer arrays
    assert aggregates.tally_from_json(data) == t


def test_stored_aggregates_equal_the_direct_computation(
    demo_city, django_assert_max_num_queries, monkeypatch
):
    freeze_today(monkeypatch, date(2026, 12, 1))
    for month in MONTHS:
        assert_same_report(month)
    units = UnitMonthTally.objects.filter(month=MONTHS[0].first).count()
    assert units > 0
    city = Municipality.objects.get()
    for month in MONTHS[:3]:
        direct_trend = trends.cost_and_households(month, 36, city, direct=True)
        assert trends.cost_and_households(month, 36, city) == direct_trend  # computed and stored
        assert trends.cost_and_households(month, 36, city) == direct_trend  # read back
        direct_durations = trends.duration_rows(month, city, direct=True)
        assert trends.duration_rows(month, city) == direct_durations
        assert trends.duration_rows(month, city) == direct_durations
    # Not an empty comparison: July has paid households and open cases in the demo city.
    july = build_monthly_report(MONTHS[1]).city
    assert july.households > 0 and july.open_cases > 0
    # A stored month is read, not recomputed.
    month = MONTHS[1]
    computed_at = set(UnitMonthTally.objects.filter(month=month.first).values_list("computed_at", flat=True))
    with django_assert_max_num_queries(8):
        build_monthly_report(month)
    again = set(UnitMonthTally.objects.filter(month=month.first).values_list("computed_at", flat=True))
    assert again == computed_at


def test_a_late_correction_makes_the_month_stale(demo_city, monkeypatch):
    freeze_today(monkeypatch, date(2026, 12, 1))
    month = MONTHS[1]
    before = build_monthly_report(month)
    build_monthly_report(MONTHS[2])  # February, stored before the correction
    city = Municipality.objects.get()
    trend_before = trends.cost_and_households(MONTHS[0], 36, city)  # ends with November
    july = trend_before.months.index(month)
    february = dict(
        UnitMonthTally.objects.filter(month=MONTHS[2].first).values_list("unit_id", "computed_at")
    )
    paid = Payment.objects.filter(month=month.first, amount__gt=0).order_by("pk").first()
    assert paid is not None
    total_before = Payment.objects.filter(month=month.first).aggregate(s=Sum("amount"))["s"]
    assert before.city.cost == total_before
    # A correction decided in December for July: 1 000 kr more for the same case and month.
    Payment.objects.create(
        key="late-correction-test",
        case=paid.case,
        decision=paid.decision,
        month=month.first,
        amount=1000,
        pay_date=date(2026, 12, 1),
        recipient_name=paid.recipient_name,
        corrects=paid,
    )
    change = StatisticsChange.objects.order_by("-pk").first()
    assert change.from_month == month.first
    after = build_monthly_report(month)
    assert after.city.cost == before.city.cost + 1000  # the stored July was recomputed
    trend_after = trends.cost_and_households(MONTHS[0], 36, city)
    assert trend_after.city[july][0] == trend_before.city[july][0] + 1000
    assert trend_after == trends.cost_and_households(MONTHS[0], 36, city, direct=True)
    assert_same_report(month)
    # Earlier months are untouched by a change reaching back only to July.
    build_monthly_report(MONTHS[2])
    still = dict(UnitMonthTally.objects.filter(month=MONTHS[2].first).values_list("unit_id", "computed_at"))
    assert still == february
    # A payment for the current month reaches back into no closed month: nothing goes stale.
    changes = StatisticsChange.objects.count()
    freeze_today(monkeypatch, date(2026, 12, 5))
    Payment.objects.create(
        key="current-month-test",
        case=paid.case,
        decision=paid.decision,
        month=date(2026, 12, 1),
        amount=500,
        pay_date=date(2026, 12, 5),
        recipient_name=paid.recipient_name,
        corrects=paid,
    )
    assert StatisticsChange.objects.count() == changes


def test_the_command_fills_closed_months_and_refuses_the_open_one(demo_city, monkeypatch):
    freeze_today(monkeypatch, date(2026, 12, 5))
    out = io.StringIO()
    call_command("aggregate_statistics", month="2026-10", stdout=out)
    assert UnitMonthTally.objects.filter(month=date(2026, 10, 1)).exists()
    assert "2026-10" in out.getvalue()
    with pytest.raises(CommandError, match="har inte tagit slut"):
        call_command("aggregate_statistics", month="2026-12", stdout=io.StringIO())

    # Before November has ended, November is computed live and not stored.
    freeze_today(monkeypatch, date(2026, 11, 20))
    report = build_monthly_report(Month(2026, 11))
    assert not UnitMonthTally.objects.filter(month=date(2026, 11, 1)).exists()
    assert report.city == build_monthly_report(Month(2026, 11), direct=True).city


def test_which_case_changes_reach_back():
    from types import SimpleNamespace

    from bistand.statistics.invalidation import case_change_reaches_back

    old = {
        "unit_id": 1,
        "household_id": 2,
        "caseworker_id": 3,
        "status": "open",
        "opened_on": date(2025, 3, 10),
        "closed_on": None,
        "exit_reason": "",
    }

    def case(**changes):
        has_history = SimpleNamespace(exists=lambda: True)
        return SimpleNamespace(**{**old, **changes}, assignments=has_history)

    assert case_change_reaches_back(old, case()) == []
    # A new caseworker with assignment history: the history decides past months, not Case.caseworker.
    assert case_change_reaches_back(old, case(caseworker_id=4)) == []
    # Closed today: past months saw it open, and still do; the closing month is today's.
    assert case_change_reaches_back(old, case(status="closed", closed_on=date(2026, 12, 1))) == [
        None,
        date(2026, 12, 1),
    ]
    # Moved to another unit: every month since it opened.
    assert case_change_reaches_back(old, case(unit_id=9)) == [date(2025, 3, 10)]
