"""Monthly report figures on small hand-built fixtures; expected values worked out by hand beside them."""

from datetime import date
from decimal import Decimal

import pytest

from bistand.cases.models import CaseAssignment
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from bistand.rules.months import Month
from bistand.selfsupport.models import Absence
from bistand.statistics.report import build_monthly_report
from tests.casework.factories import (
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_staff,
    make_unit,
    single_household,
)
from tests.statistics.report_fixtures import decide, first_application, local, meeting, pay, plan

JUNE = Month(2025, 6)
MARCH = Month(2025, 3)


@pytest.fixture
def city(db):
    municipality = make_municipality()
    a1 = make_unit("Enhet A1", "Alfa", municipality)
    a2 = make_unit("Enhet A2", "Alfa", municipality)
    b1 = make_unit("Enhet B1", "Beta", municipality)
    return a1, a2, b1


def rows(report):
    return {r.name: r for r in (*report.units, *report.districts, report.city)}


def test_households_and_cost_count_a_household_once_in_its_district(city):
    a1, a2, _ = city
    june, may = date(2025, 6, 1), date(2025, 5, 1)
    h1, _ = single_household(a1)
    pay(h1, june, 5000)
    pay(h1, june, 1200)
    h2, _ = single_household(a1)
    pay(h2, june, 3000)
    pay(h2, june, -3000)  # corrected away: the month sums to 0 kr -> not a household with assistance
    h3, _ = single_household(a1)
    pay(h3, may, 4000)  # another month
    h4, _ = single_household(a2)
    pay(h4, june, 4000)
    h5_a1, person = single_household(a1)
    h5_a2 = make_case(h5_a1.household, a2)
    pay(h5_a1, june, 1000)
    pay(h5_a2, june, 2000)

    r = rows(build_monthly_report(JUNE))
    # A1: households H1 and H5; cost 5000 + 1200 + 3000 - 3000 + 1000 = 7200
    assert (r["Enhet A1"].households, r["Enhet A1"].cost) == (2, 7200)
    # A2: H4 and H5; cost 4000 + 2000 = 6000
    assert (r["Enhet A2"].households, r["Enhet A2"].cost) == (2, 6000)
    # District Alfa: H1, H4, H5 = 3 households (H5 once); cost 7200 + 6000 = 13200; per household 4400
    alfa = r["Alfa"]
    assert (alfa.households, alfa.cost, alfa.cost_per_household) == (3, 13200, 4400)
    # Persons: one applicant in each of H1, H4, H5 = 3
    assert alfa.persons == 3
    assert r["Beta"].households == 0 and r["Beta"].cost_per_household is None


def test_days_from_application_to_decision_mean_and_median(city):
    a1, _, _ = city
    cases = [single_household(a1)[0] for _ in range(5)]
    mar = date(2025, 3, 1)
    # Received 00:30 local time on 1 March (23:30 UTC on 28 February): counts from 1 March.
    app1 = first_application(cases[0], mar, local(2025, 3, 1, 0, 30))
    decide(cases[0], mar, date(2025, 3, 5), application=app1)  # 5 - 1 = 4 days
    app2 = first_application(cases[1], mar, local(2025, 3, 3))
    first2 = decide(cases[1], mar, date(2025, 3, 13), application=app2)  # 13 - 3 = 10 days
    decide(cases[1], mar, date(2025, 3, 20), application=app2, corrects=first2)  # a correction: ignored
    app3 = first_application(cases[2], mar, local(2025, 3, 10))
    decide(cases[2], mar, date(2025, 3, 11), application=app3)  # 1 day
    # Not counted: a recurring application, and a first application first decided in February.
    from tests.casework.factories import make_application

    recurring = make_application(cases[3], month=mar, kind="recurring", received_at=local(2025, 3, 1))
    decide(cases[3], mar, date(2025, 3, 30), application=recurring)
    app5 = first_application(cases[4], date(2025, 2, 1), local(2025, 2, 20))
    february = decide(cases[4], date(2025, 2, 1), date(2025, 2, 27), application=app5)
    # An application is decided once; a later decision on it is a correction of the first.
    decide(cases[4], mar, date(2025, 3, 2), application=app5, outcome="rejected", corrects=february)

    a = rows(build_monthly_report(MARCH))["Enhet A1"]
    # Days 4, 10, 1: mean (4 + 10 + 1) / 3 = 5.0; sorted 1, 4, 10 -> median 4
    assert a.decisions == 3
    assert a.decision_days_mean == Decimal("5.0")
    assert a.decision_days_median == Decimal("4.0")


def test_median_of_an_even_number_of_waits_is_the_mean_of_the_middle_two(city):
    a1, _, _ = city
    mar = date(2025, 3, 1)
    for received, decided in ((1, 3), (2, 9), (5, 6), (10, 30)):  # 2, 7, 1, 20 days
        case = single_household(a1)[0]
        app = first_application(case, mar, local(2025, 3, received))
        decide(case, mar, date(2025, 3, decided), application=app)
    a = rows(build_monthly_report(MARCH))["Enhet A1"]
    # sorted 1, 2, 7, 20 -> median (2 + 7) / 2 = 4.5; mean 30 / 4 = 7.5
    assert (a.decision_days_median, a.decision_days_mean) == (Decimal("4.5"), Decimal("7.5"))


def test_returns_within_twelve_months(city):
    a1, _, b1 = city
    p1, p2, child = make_person(first_name="P1"), make_person(first_name="P2"), make_person(date(2015, 1, 1))
    household_x = make_household(
        a1.district, [(p1, MemberRole.APPLICANT), (p2, MemberRole.CO_APPLICANT), (child, MemberRole.CHILD)]
    )
    case_x = make_case(household_x, a1)
    close(case_x, date(2024, 6, 15), "work")
    # P1 comes back in a new household in district Beta with 500 kr for February 2025 (month 8 after).
    back = make_case(make_household(b1.district, [(p1, MemberRole.APPLICANT)]), b1)
    pay(back, date(2025, 2, 1), 500)

    case_y, p3 = single_household(a1, person=make_person(first_name="P3"))
    close(case_y, date(2024, 6, 30), "other")
    pay(case_y, date(2025, 7, 1), 900)  # July 2025 is month 13 after June 2024: too late

    case_z, _ = single_household(a1)
    close(case_z, date(2024, 6, 10), "deceased")  # not in the cohort

    case_w, _ = single_household(a1)
    close(case_w, date(2024, 5, 31), "work")  # closed in May: another cohort

    case_v, p4 = single_household(a1, person=make_person(first_name="P4"))
    close(case_v, date(2024, 6, 20), "moved")
    pay(case_v, date(2024, 6, 1), 700)  # for the closing month itself: not a return
    pay(case_v, date(2024, 7, 1), 1000)
    pay(case_v, date(2024, 7, 1), -1000)  # July sums to 0 kr: not a return

    r = rows(build_monthly_report(JUNE))
    a = r["Enhet A1"]
    # Cohort: adults of cases closed in June 2024, deceased excluded: P1, P2 (X), P3 (Y), P4 (V) = 4
    # Returned: P1 only -> not returned 3; share 3 / 4 = 0.75
    assert (a.return_cohort, a.not_returned, a.not_returned_share) == (4, 3, Decimal("0.7500"))
    # Exits in June 2025 are a different thing: none.
    assert a.exits == 0
    # The return is credited to the unit that closed the case, not to Beta.
    assert r["Enhet B1"].return_cohort == 0


def close(case, day, reason):
    case.status, case.closed_on, case.exit_reason = "closed", day, reason
    case.save()


def test_exits_and_exits_to_self_support(city):
    a1, _, _ = city
    for reason in ("work", "studies", "moved", "no_contact"):
        close(single_household(a1)[0], date(2025, 6, 10), reason)
    close(single_household(a1)[0], date(2025, 7, 1), "work")  # July
    a = rows(build_monthly_report(JUNE))["Enhet A1"]
    # work and studies are exits to self-support (bistand.cases.codes.EXIT_REASONS): 2 of 4
    assert (a.exits, a.exits_self_support) == (4, 2)


def test_action_plans_within_three_months_follow_ups_and_overdue(city):
    a1, _, _ = city
    c1, p1 = single_household(a1)
    c1.opened_on = date(2025, 1, 10)
    c1.save()
    plan(c1, p1, date(2025, 4, 10))  # deadline 10 Jan + 3 months = 10 Apr: in time
    c2, p2 = single_household(a1)
    c2.opened_on = date(2025, 2, 15)
    c2.save()
    plan(c2, p2, date(2025, 5, 16))  # deadline 15 May: one day late
    c3, _ = single_household(a1)
    c3.opened_on = date(2025, 3, 31)  # deadline 30 Jun <= 30 Jun: due, no plan
    c3.save()
    c4, _ = single_household(a1)
    c4.opened_on = date(2025, 4, 1)  # deadline 1 Jul: not yet due
    c4.save()
    c5, p5 = single_household(a1)
    c5.opened_on = date(2024, 12, 1)
    c5.save()
    close(c5, date(2025, 6, 20), "work")  # closed: not open at month end
    old, p_old = single_household(a1, person=make_person(first_name="Old"))
    old.opened_on = date(2024, 10, 1)
    old.save()
    plan(old, p_old, date(2024, 10, 20))  # within 3 months of 1 Oct
    plan(old, p_old, date(2025, 1, 5), follow_ups=[(date(2025, 4, 1), date(2025, 7, 1))])
    old2, p_old2 = single_household(a1, person=make_person(first_name="Old2"))
    old2.opened_on = date(2024, 11, 1)
    old2.save()
    plan(old2, p_old2, date(2024, 12, 1), follow_ups=[(date(2025, 3, 15), date(2025, 6, 15))])
    plan(c1, p1, date(2025, 2, 1), ended_on=date(2025, 5, 1))  # ended: not current

    a = rows(build_monthly_report(JUNE))["Enhet A1"]
    # Current plans at 30 Jun: c1 (10 Apr), c2, old (20 Oct), old (5 Jan), old2 = 5
    assert a.current_plans == 5
    # U31512: open cases opened on or before 30 Mar: c1, c2, c3, old, old2 = 5.
    # In time: c1 (first plan 1 Feb), old (20 Oct <= 1 Jan), old2 (1 Dec <= 1 Feb) = 3 -> 3 / 5 = 0.6
    assert (a.plan_due, a.plan_in_time, a.plan_within_three_months_share) == (5, 3, Decimal("0.6000"))
    # U31514: current plans established on or before 30 Mar: old (20 Oct), old (5 Jan), old2 (1 Dec) = 3.
    # Followed up after 30 Mar (30 Jun - 3 months): only old's 5 Jan plan (1 Apr) -> 1 / 3 = 0.3333
    assert (a.follow_up_due, a.followed_up, a.followed_up_share) == (3, 1, Decimal("0.3333"))
    # Overdue at 30 Jun: old 20 Oct (due 20 Jan), old2 (due 15 Jun); old 5 Jan is due 1 Jul,
    # c1 due 10 Jul, c2 due 16 Aug -> 2
    assert a.overdue_follow_ups == 2


def test_meetings_by_kind_and_multi_party_with_af_and_the_labour_unit(city):
    a1, a2, _ = city
    case, _ = single_household(a1)
    meeting(case, "first_visit", local(2025, 6, 2))
    meeting(case, "first_visit", local(2025, 6, 30, 23, 30))  # late on the last day: June
    meeting(case, "first_visit", local(2025, 6, 3), status="cancelled")
    meeting(case, "planning_visit", local(2025, 6, 4))
    meeting(case, "follow_up_visit", local(2025, 5, 31, 23, 30))  # May
    meeting(case, "home_visit", local(2025, 6, 5))
    meeting(case, "multi_party", local(2025, 6, 9), parties=["af", "municipal_labour"])
    meeting(case, "multi_party", local(2025, 6, 10), parties=["af", "fk"])
    meeting(case, "multi_party", local(2025, 6, 11), parties=["fk"])
    meeting(single_household(a2)[0], "first_visit", local(2025, 6, 2))

    a = rows(build_monthly_report(JUNE))["Enhet A1"]
    assert (a.first_visits, a.planning_visits, a.follow_up_visits, a.home_visits) == (2, 1, 0, 1)
    # AF took part in the meetings of 9 and 10 June; the labour unit in that of 9 June
    assert (a.multi_party_af, a.multi_party_labour_unit) == (2, 1)
    assert rows(build_monthly_report(JUNE))["Alfa"].first_visits == 3


def test_time_with_clients_against_working_time(city):
    a1, _, _ = city
    worker = make_staff(a1, role=Role.CASEWORKER)
    worker.employment_rate = Decimal("50")
    worker.save()
    make_staff(a1, role=Role.UNIT_MANAGER, first_name="Chef")  # not a caseworker
    Absence.objects.create(
        staff=worker, kind="vacation", start_date=date(2025, 6, 23), end_date=date(2025, 6, 27)
    )
    case, _ = single_household(a1, caseworker=worker)
    for kind, minutes in (("first_visit", 120), ("first_visit", 120), ("planning_visit", 180)):
        meeting(case, kind, local(2025, 6, 3), staff=[worker], minutes=minutes)
    meeting(case, "multi_party", local(2025, 6, 4), staff=[worker], minutes=240, parties=["af"])
    meeting(case, "multi_party", local(2025, 6, 5), staff=[worker], minutes=180, parties=["fk"])
    meeting(case, "first_visit", local(2025, 6, 12), staff=[worker], minutes=600, status="no_show")
    meeting(case, "planning_visit", local(2025, 6, 13), staff=[worker], minutes=300, clients=[])  # no client

    a = rows(build_monthly_report(JUNE))["Enhet A1"]
    # June 2025: 21 weekdays minus 6 Jun (national day) and 20 Jun (midsommarafton) = 19 working days,
    # minus the vacation 23–27 Jun (5 days) = 14. At 50 % of 40 h: 4 h = 240 min a day -> 3360 min.
    # Held meetings with a client: 120 + 120 + 180 + 240 + 180 = 840 min -> 840 / 3360 = 0.25
    # (the no-show and the meeting without a client present are not time with clients)
    assert a.caseworkers == 1
    assert a.full_time_equivalents == Decimal("0.50")
    assert a.client_time_share == Decimal("0.2500")


def test_caseload_and_clients_not_met_by_their_current_caseworker(city):
    a1, _, _ = city
    s1 = make_staff(a1, first_name="Ett")
    s2 = make_staff(a1, first_name="Två", role=Role.SENIOR_CASEWORKER)
    met, _ = single_household(a1, caseworker=s1)
    meeting(met, "first_visit", local(2025, 6, 2), staff=[s1])
    other, _ = single_household(a1, caseworker=s1)
    meeting(other, "first_visit", local(2025, 6, 2), staff=[s2])  # met, but not by s1
    handed_over, _ = single_household(a1, caseworker=s1)
    CaseAssignment.objects.create(
        case=handed_over, caseworker=s2, start_date=date(2025, 1, 2), end_date=date(2025, 5, 31)
    )
    CaseAssignment.objects.create(case=handed_over, caseworker=s1, start_date=date(2025, 6, 1))
    meeting(handed_over, "first_visit", local(2025, 5, 5), staff=[s2])
    later, _ = single_household(a1, caseworker=s2)
    meeting(later, "first_visit", local(2025, 7, 2), staff=[s2])  # after the month: not yet met
    phoned, _ = single_household(a1, caseworker=s1)
    meeting(phoned, "follow_up_visit", local(2025, 6, 3), staff=[s1], mode="phone")  # a call is not a meeting
    absent, _ = single_household(a1, caseworker=s1)
    meeting(absent, "multi_party", local(2025, 6, 3), staff=[s1], clients=[])  # client not present

    a = rows(build_monthly_report(JUNE))["Enhet A1"]
    # 6 open cases, 2 caseworkers (caseworker + senior caseworker) -> 3.0 per caseworker
    assert (a.open_cases, a.caseworkers, a.cases_per_caseworker) == (6, 2, Decimal("3.0"))
    # Not met: other (s1 never met them), handed_over (only s2, before s1 took over), later (July),
    # phoned, absent = 5; only `met` was met
    assert a.not_met == 5
    # Held at 30 Jun: s1 met, other, handed_over (assigned from 1 Jun), phoned, absent = 5; s2 later = 1
    assert a.caseloads == (1, 5)
    assert a.caseworkers_over_cap == 0  # the cap is 35


def test_goals_reviewed_and_achieved_at_follow_ups_in_the_month(city):
    from bistand.selfsupport.models import FollowUp, Goal, GoalReview

    a1, _, _ = city
    case, person = single_household(a1)
    p = plan(case, person, date(2025, 1, 10))
    goals = [Goal.objects.create(plan=p, text=f"Mål {i}") for i in range(3)]
    june = FollowUp.objects.create(plan=p, held_on=date(2025, 6, 12), next_due=date(2025, 9, 12))
    may = FollowUp.objects.create(plan=p, held_on=date(2025, 5, 12), next_due=date(2025, 8, 12))
    GoalReview.objects.create(follow_up=june, goal=goals[0], progress="achieved")
    GoalReview.objects.create(follow_up=june, goal=goals[1], progress="progressing")
    GoalReview.objects.create(follow_up=may, goal=goals[2], progress="achieved")  # May
    a = rows(build_monthly_report(JUNE))["Enhet A1"]
    # June's follow-up reviewed goals 0 and 1; goal 0 achieved
    assert (a.goals_reviewed, a.goals_achieved) == (2, 1)


def test_not_met_this_month_agrees_with_the_start_pages_continuity_rule(city):
    """For the current month (all meetings so far) the report counts what selfsupport.continuity flags."""
    from datetime import timedelta

    from django.utils import timezone

    from bistand.cases.models import Case
    from bistand.selfsupport.continuity import not_met_case_ids

    a1, _, _ = city
    today = timezone.localdate()
    s1, s2 = make_staff(a1, first_name="Ett"), make_staff(a1, first_name="Två")
    earlier = today - timedelta(days=40)
    when = local(earlier.year, earlier.month, earlier.day)
    met, _ = single_household(a1, caseworker=s1)
    meeting(met, "first_visit", when, staff=[s1])
    by_other, _ = single_household(a1, caseworker=s1)
    meeting(by_other, "first_visit", when, staff=[s2])
    by_phone, _ = single_household(a1, caseworker=s1)
    meeting(by_phone, "first_visit", when, staff=[s1], mode="phone")
    taken_over, _ = single_household(a1, caseworker=s2)
    CaseAssignment.objects.create(
        case=taken_over, caseworker=s1, start_date=date(2025, 1, 2), end_date=earlier
    )
    CaseAssignment.objects.create(case=taken_over, caseworker=s2, start_date=earlier + timedelta(days=1))
    meeting(taken_over, "first_visit", when, staff=[s1, s2])  # before s2 took over
    report = build_monthly_report(Month.of(today))
    unit_row = rows(report)["Enhet A1"]
    flagged = not_met_case_ids(Case.objects.filter(unit=a1))
    assert flagged == {by_other.pk, by_phone.pk, taken_over.pk}
    assert unit_row.not_met == len(flagged) == 3


def test_full_time_equivalents_of_the_units_add_up_to_the_districts(city):
    a1, a2, b1 = city
    shared = make_staff(a1, first_name="Delad")
    shared.units.add(a2)
    shared.employment_rate = Decimal("90")
    shared.save()
    make_staff(a1, first_name="Hel")  # 100 % in A1 only
    make_staff(b1, first_name="Beta")  # 100 % in B1

    r = rows(build_monthly_report(JUNE))
    # The shared worker's 90 % is split between A1 and A2: 45 % in each.
    # A1: 0.45 + 1.00 = 1.45; A2: 0.45; Alfa: 1.45 + 0.45 = 1.90 (= 0.90 + 1.00); city: 1.90 + 1.00 = 2.90
    assert r["Enhet A1"].full_time_equivalents == Decimal("1.45")
    assert r["Enhet A2"].full_time_equivalents == Decimal("0.45")
    assert r["Alfa"].full_time_equivalents == Decimal("1.90")
    assert r["Testby"].full_time_equivalents == Decimal("2.90")
    # Heads: the shared worker is a caseworker of both units, and one person in Alfa (2, not 3).
    assert (r["Enhet A1"].caseworkers, r["Enhet A2"].caseworkers, r["Alfa"].caseworkers) == (2, 1, 2)
    assert r["Testby"].caseworkers == 3
