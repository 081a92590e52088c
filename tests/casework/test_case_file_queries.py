"""The case file reads each adult's months with assistance, the reform rules and the follow-up counts in a
fixed number of queries, with the same results as one person, one rule or one count at a time.

World: Anna Ek (applicant since 2024) in household A, paid March–June 2026 (four months). Bo Ek lived in
household B from January 2025 to 30 June 2026, which was paid January–June 2026 (six months), and joins
household A as co-applicant on 1 July 2026. Household A is also paid July 2026 (after Bo joined) and
a 0 kr payment stands for August 2026. Counted before September 2026:
- Anna: March, April, May, June and July 2026 (five months; August was 0 kr, so it does not count);
- Bo: January–June 2026 from household B and July 2026 in household A (seven months); March–June in
  household A are before he joined and do not count.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bistand.cases.models import Decision, Payment
from bistand.cases.services import person_histories_for, person_history
from bistand.casework import casefile
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from bistand.rules import reforms as reform_rules
from tests.casework.factories import make_case, make_household, make_person, make_staff, make_unit

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2026, 9, 1)


def _paid(case, amounts: dict[date, int]) -> None:
    decision = Decision.objects.create(
        case=case,
        month=min(amounts),
        outcome="granted",
        total_granted=1000,
        decided_on=min(amounts),
        legal_basis="x",
    )
    for month, amount in amounts.items():
        Payment.objects.create(
            key=f"t-{case.pk}-{month:%Y%m}",
            case=case,
            decision=decision,
            month=month,
            amount=amount,
            pay_date=month,
            recipient_name="x",
        )


@pytest.fixture
def family():
    unit = make_unit()
    worker = make_staff(unit, Role.CASEWORKER, "Hanna", "Holm")
    anna = make_person(date(1990, 4, 1), "Anna", "Ek")
    bo = make_person(date(1988, 5, 5), "Bo", "Ek")
    earlier = make_household(unit.district, [(bo, MemberRole.APPLICANT, date(2025, 1, 1), date(2026, 6, 30))])
    _paid(make_case(earlier, unit, number="EB-00077"), {date(2026, m, 1): 1000 for m in range(1, 7)})
    household = make_household(
        unit.district,
        [
            (anna, MemberRole.APPLICANT, date(2024, 1, 1), None),
            (bo, MemberRole.CO_APPLICANT, date(2026, 7, 1), None),
        ],
    )
    case = make_case(household, unit, caseworker=worker, number="EB-00001")
    _paid(case, {**{date(2026, m, 1): 1000 for m in range(3, 8)}, date(2026, 8, 1): 0})
    return worker, case, anna, bo


ANNA_MONTHS = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]
BO_MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]


def test_both_adults_months_in_two_queries(family):
    worker, case, anna, bo = family
    with CaptureQueriesContext(connection) as captured:
        found = person_histories_for([anna.pk, bo.pk], SEPTEMBER)
    assert found == {anna.pk: ANNA_MONTHS, bo.pk: BO_MONTHS}
    assert len(captured) == 2


def test_one_person_at_a_time_gives_the_same_months(family):
    worker, case, anna, bo = family
    assert person_history(anna.pk, SEPTEMBER) == ANNA_MONTHS
    assert person_history(bo.pk, SEPTEMBER) == BO_MONTHS
    # Before July Bo's months are his earlier household's January–May only.
    assert person_history(bo.pk, date(2026, 6, 1)) == BO_MONTHS[:5]


def test_a_person_without_memberships_has_no_months(family):
    stranger = make_person(date(1970, 1, 1), "Olle", "Ny")
    assert person_histories_for([stranger.pk], SEPTEMBER) == {stranger.pk: []}
    assert person_histories_for([], SEPTEMBER) == {}


def test_the_case_file_shows_both_adults_months(client, family, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 9, 15))
    worker, case, anna, bo = family
    rows = {
        row.membership.person.first_name: row.assistance_months for row in casefile.member_rows(case, worker)
    }
    assert rows == {"Anna": ANNA_MONTHS, "Bo": BO_MONTHS}
    client.force_login(worker.user)
    html = client.get(reverse("casework:case", args=[case.pk])).content.decode()
    assert "5, senast juli 2026" in html  # Anna
    assert "7, senast juli 2026" in html  # Bo


def test_timeline_links_are_the_pages_addresses(family):
    worker, case, anna, bo = family
    decisions = {d.pk for d in case.decisions.all()}
    links = {e.url for e in casefile.timeline(case) if e.kind in ("decision", "payment")}
    assert links == {reverse("casework:decision", args=[case.pk, pk]) for pk in decisions}


def test_all_rules_read_the_stored_changes_once(monkeypatch):
    calls = []
    first = reform_rules.RULE_IDS[0]
    changed = (
        reform_rules.PROPOSED
        if reform_rules.rule(first).status == reform_rules.ENACTED
        else reform_rules.ENACTED
    )

    def stored():
        calls.append(1)
        return {first: {"status": changed, "legal_basis": ""}}

    monkeypatch.setattr(reform_rules, "_override_source", stored)
    found = reform_rules.all_rules()
    assert len(calls) == 1
    assert [r.id for r in found] == list(reform_rules.RULE_IDS)
    assert found[0].status == changed
    assert found[0] == reform_rules.rule(reform_rules.RULE_IDS[0])
    assert found[1:] == [reform_rules.rule(rule_id) for rule_id in reform_rules.RULE_IDS[1:]]


def test_timeline_days_are_written_in_swedish_in_local_time():
    from datetime import UTC, datetime

    from django.template import engines

    page = engines["django"].from_string(
        "{% load casework_tags %}{{ a|long_day }}|{{ b|long_day }}|{{ c|long_day }}"
    )
    # 23:30 UTC on 1 November is 00:30 on 2 November in Stockholm: the local day is shown.
    late = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
    assert page.render({"a": date(2026, 7, 1), "b": late, "c": None}) == "1 juli 2026|2 november 2026|"
    same = engines["django"].from_string('{{ a|date:"j F Y" }}|{{ b|date:"j F Y" }}|{{ c|date:"j F Y" }}')
    assert same.render({"a": date(2026, 7, 1), "b": late, "c": None}) == "1 juli 2026|2 november 2026|"
