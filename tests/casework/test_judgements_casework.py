"""The caseworker's judgements in the application form, the audit log, the request and the decision letter;
and each adult's own assistance history (jobbstimulans is personal).

World (views_world.py): Anna Ek, single, Demostad; June 2026 decided, July 2026 recurring with rent 5 000
and electricity 300. Riksnorm 2026 (SFS 2025:1046): single 3 940 + common 1 person 1 280 = 5 220; couple
7 100 + common 2 persons 1 410 = 8 510. Demostad's rent cap from 2024: 1 person 5 600.
"""

from datetime import date

import pytest
from django.urls import reverse

from bistand import rules
from bistand.audit.models import AuditEvent
from bistand.cases.models import Decision, Payment
from bistand.cases.services import build_request, person_history
from bistand.casework import applications, decisions
from bistand.casework.applications import prepared_calculation
from bistand.casework.letters import decision_letter_html
from bistand.people.models import HouseholdMember, MemberRole
from tests.casework.factories import make_application, make_case, make_household, make_person
from tests.casework.views_world import JULY, build_world

pytestmark = pytest.mark.django_db

REASON = "Kortvarigt behov, söker aktivt billigare bostad"


@pytest.fixture
def world(settings):
    return build_world()


@pytest.fixture
def owner_client(client, world):
    client.force_login(world.owner.user)
    return client


def edit_data(world, version, *, accepted="", reason="", rent="9 000", carry=None) -> dict:
    data = {
        "version": version,
        "costs-TOTAL_FORMS": "2", "costs-INITIAL_FORMS": "0",
        "costs-0-kind": "rent", "costs-0-amount": rent, "costs-0-reason": reason,
        "costs-1-kind": "electricity", "costs-1-amount": "300",
        "incomes-TOTAL_FORMS": "0", "incomes-INITIAL_FORMS": "0",
        "extra_needs-TOTAL_FORMS": "0", "extra_needs-INITIAL_FORMS": "0",
    }  # fmt: skip
    if accepted:
        data["costs-0-accepted_in_full"] = "on"
    if carry:
        data["carry_surplus"] = "on"
    return data


def edit_url(world):
    return reverse("casework:application_edit", args=[world.case.pk, world.application.pk])


def test_accepting_rent_in_full_needs_a_reason_and_is_audited(owner_client, world):
    page = owner_client.get(edit_url(world))
    assert 'name="costs-0-accepted_in_full"' in page.content.decode()
    assert page.context["sections"].sections[0]["formset"].forms[0]["accepted_in_full"].value() is False
    version = page.context["version"]
    response = owner_client.post(edit_url(world), edit_data(world, version, accepted="on"))
    assert response.status_code == 200
    assert "Skriv varför hela kostnaden godkänns" in response.content.decode()
    assert not world.application.items.filter(accepted_in_full=True).exists()  # nothing saved
    response = owner_client.post(edit_url(world), edit_data(world, version, accepted="on", reason=REASON))
    assert response.status_code == 302
    rent = world.application.items.get(kind="rent")
    assert (rent.amount, rent.accepted_in_full, rent.judgement_reason) == (9000, True, REASON)
    event = AuditEvent.objects.get(action="change", case=world.case, what__contains="i sin helhet")
    assert event.staff == world.owner and REASON in event.what
    # 5 220 + 9 000 (not capped at 5 600) + 300 = 14 520
    world.application.refresh_from_db()
    calculation, errors = prepared_calculation(world.application, world.owner)
    assert errors == [] and calculation.assistance == 14_520
    # Unticking it is audited as withdrawn, and the cap applies again: 5 220 + 5 600 + 300 = 11 120
    response = owner_client.post(edit_url(world), edit_data(world, world.application.version))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="change", what__startswith="Tog bort bedömning").count() == 1
    world.application.refresh_from_db()
    assert prepared_calculation(world.application, world.owner)[0].assistance == 11_120


def test_the_decision_letter_gives_the_reason(world):
    items = [
        applications.Item("cost", "rent", 9000, accepted_in_full=True, reason=REASON),
        applications.Item("cost", "electricity", 300),
    ]
    application = applications.replace_items(world.application, world.application.version, items)
    calculation, _ = prepared_calculation(application, world.owner)
    decision = decisions.decide(application, calculation, world.owner)
    assert decision.total_granted == 14_520  # 5 220 + 9 000 + 300
    html = decision_letter_html(decision)
    assert f"Skäl: {REASON}" in html
    assert "9\u00a0000\u00a0kr godkänns i sin helhet" in html


def test_last_months_surplus_is_carried_only_when_the_caseworker_ticks_it(owner_client, world):
    # August: June decided normally; July decided with salary 12 000: need 5 220 + 5 000 + 300 = 10 520,
    # surplus 12 000 − 10 520 = 1 480.
    july = world.application
    applications.replace_items(
        july,
        july.version,
        [*applications.items_of(july), applications.Item("income", "salary", 12_000)],
    )
    july.refresh_from_db()
    calculation, _ = prepared_calculation(july, world.owner)
    assert calculation.result["surplus"] == 1_480
    decisions.decide(july, calculation, world.owner)
    august = make_application(world.case, month=date(2026, 8, 1), items=[("cost", "rent", 5000)])
    url = reverse("casework:application_edit", args=[world.case.pk, august.pk])
    page = owner_client.get(url)
    html = page.content.decode()
    assert (
        "1\u00a0480\u00a0kr från juli 2026" in html
        and page.context["judgement"]["carry_surplus"].value() is False
    )
    assert "carried_surplus" not in build_request(august)  # off by default
    data = edit_data(world, august.version, rent="5 000", carry=True)
    data.update({"costs-TOTAL_FORMS": "1"})
    assert owner_client.post(url, data).status_code == 302
    august.refresh_from_db()
    assert august.carry_surplus is True
    assert build_request(august)["carried_surplus"] == {"amount": 1480, "from_month": "2026-07"}
    # 5 220 + 5 000 − 1 480 = 8 740
    assert rules.calculate(build_request(august))["assistance"] == 8_740
    assert AuditEvent.objects.filter(action="change", what__contains="normöverskott").exists()
    calculation, _ = prepared_calculation(august, world.owner)
    decision = decisions.decide(august, calculation, world.owner)
    html = decision_letter_html(decision)
    assert "Normöverskott från 2026-07" in html  # the income row of the calculation table
    assert "handläggaren har beslutat att överskottet förs över till 2026-08" in html  # among the reasons


def _paid(case, months: list[date]) -> None:
    """Payments of försörjningsstöd for `months` (one decision stands in for them; only months count)."""
    decision = Decision.objects.create(
        case=case,
        month=months[0],
        outcome="granted",
        total_granted=1000,
        decided_on=months[0],
        legal_basis="x",
    )
    for month in months:
        Payment.objects.create(
            key=f"t-{case.pk}-{month:%Y%m}",
            case=case,
            decision=decision,
            month=month,
            amount=1000,
            pay_date=month,
            recipient_name="x",
        )


def _couple_july(world, bo_history_months: list[date]):
    """Anna's household paid for March–June 2026 (four months: not qualified); Bo joins on 1 July 2026,
    after `bo_history_months` paid in his earlier household (which he left on 30 June)."""
    anna_household = world.case.household
    _paid(world.case, [date(2026, m, 1) for m in (3, 4, 5)])  # June is paid already in the world
    bo = make_person(date(1988, 5, 5), "Bo", "Ek")
    if bo_history_months:
        earlier = make_household(
            anna_household.district, [(bo, MemberRole.APPLICANT, date(2025, 1, 1), date(2026, 6, 30))]
        )
        _paid(make_case(earlier, world.case.unit, number="EB-00077"), bo_history_months)
    HouseholdMember.objects.create(
        household=anna_household, person=bo, role=MemberRole.CO_APPLICANT, valid_from=date(2026, 7, 1)
    )
    items = [
        applications.Item("cost", "rent", 5000),
        applications.Item("income", "salary", 8000, member_id=world.case.applicant.pk),
        applications.Item("income", "salary", 4000, member_id=bo.pk),
    ]
    application = applications.replace_items(world.application, world.application.version, items)
    return bo, build_request(application)


def test_a_partner_who_joins_brings_his_own_history(world):
    # Bo was paid January–June 2026 in his earlier household: six months in a row -> jobbstimulans from July.
    bo, request = _couple_july(world, [date(2026, m, 1) for m in range(1, 7)])
    assert request["assistance_history"] == ["2026-03", "2026-04", "2026-05", "2026-06"]
    members = {m["id"]: m for m in request["members"]}
    assert "assistance_history" not in members[str(world.case.applicant.pk)]  # Anna's own = the household's
    assert members[str(bo.pk)]["assistance_history"] == [f"2026-0{m}" for m in range(1, 7)]
    result = rules.calculate(request)
    # Anna: 8 000 counted (4 months only); Bo: 4 000 − 25 % = 3 000 -> income 11 000;
    # need 8 510 + 5 000 = 13 510; 13 510 − 11 000 = 2 510
    assert (result["income_total"], result["assistance"]) == (11_000, 2_510)


def test_a_partner_who_joins_without_history_gets_none(world):
    # The household was paid January–June 2026 (Anna qualifies); Bo brings nothing.
    _paid(world.case, [date(2026, m, 1) for m in (1, 2)])
    bo, request = _couple_july(world, [])
    assert person_history(bo.pk, JULY) == []
    members = {m["id"]: m for m in request["members"]}
    assert members[str(bo.pk)]["assistance_history"] == []
    result = rules.calculate(request)
    # Anna: 8 000 − 2 000 = 6 000; Bo: 4 000 -> 10 000; 13 510 − 10 000 = 3 510
    assert (result["income_total"], result["assistance"]) == (10_000, 3_510)
    page_rows = applications.person_histories(world.case, JULY)
    assert [(r.person.first_name, len(r.months)) for r in page_rows] == [("Anna", 6), ("Bo", 0)]


def test_the_case_file_shows_each_adults_own_months(owner_client, world):
    # The world paid June 2026 for Anna's household; the page on "today" counts the months before this month.
    page = owner_client.get(reverse("casework:case", args=[world.case.pk]))
    (row,) = page.context["members"]
    assert row.assistance_months == ["2026-06"]
    assert "Egna månader med försörjningsstöd" in page.content.decode()
