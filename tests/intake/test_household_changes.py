"""Dated household changes and the calculation for the month applied for.

Riksnorm 2026 (SoF 2025:468 12 kap. 2 §, bistand/rules/parameters/riksnorm/2026.toml), Demostad:
- single adult 3 940 + common costs for 1 person 1 280 = 5 220;
- couple 7 100 + common costs for 2 persons 1 410 = 8 510;
- single adult with a child of 0 years: 3 940 + 2 740 + common costs for 2 persons 1 410 = 8 090;
- single adult with a child of 19–20 years: 3 940 + 5 000 + 1 410 = 10 350.
The world's Anna Ek (EB-00001) lives alone from 2024; her case was opened on 2 January 2025.
"""

from datetime import date

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.cases.services import build_request, calculate_application
from bistand.intake import household, services
from bistand.people.models import HouseholdMember
from tests.casework.factories import luhn_check_digit, make_application, make_person
from tests.casework.views_world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("august_2026")]


@pytest.fixture
def world():
    return build_world()


def pnr(birth: date, serial: int) -> str:
    short = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn_check_digit(short)}"


def actor(world):
    return services.Actor(world.owner.user, world.owner, "/arenden/1/hushall/")


def norm(case, month: date) -> int:
    application = make_application(case, month=month, kind="extra_need", items=[("extra_need", "glasses", 1)])
    return calculate_application(application).result["norm_total"]


def test_a_partner_moving_in_changes_the_norm_from_that_month(world):
    partner = services.PersonInput(pnr(date(1988, 2, 14), 321), "Karl", "Ek")
    household.add_member(
        actor=actor(world), case=world.case, kind="partner_moved_in", person=partner, on=date(2026, 8, 15)
    )
    members = {m["role"] for m in build_request(world.application)["members"]}  # July: before the move
    assert members == {"applicant"}
    assert norm(world.case, date(2026, 7, 1)) == 5_220  # 3 940 + 1 280
    assert norm(world.case, date(2026, 8, 1)) == 8_510  # 7 100 + 1 410: the partner is there on 31 August
    event = AuditEvent.objects.filter(case=world.case, action="change").latest("id")
    assert event.what == "Hushåll: sambo eller make/maka flyttat in den 2026-08-15"


def test_a_child_born_counts_from_the_month_of_birth(world):
    baby = services.PersonInput(pnr(date(2026, 7, 20), 654), "Ella", "Ek")
    membership = household.add_member(actor=actor(world), case=world.case, kind="born", person=baby)
    assert (membership.role, membership.valid_from) == ("child", date(2026, 7, 20))
    assert norm(world.case, date(2026, 6, 1)) == 5_220
    assert norm(world.case, date(2026, 7, 1)) == 8_090  # 3 940 + 2 740 (0 år) + 1 410


def test_moving_out_ends_the_membership_the_day_before(world):
    karl = make_person(date(1988, 2, 14), "Karl", "Ek")
    membership = HouseholdMember.objects.create(
        household=world.case.household, person=karl, role="co_applicant", valid_from=date(2025, 5, 1)
    )
    household.end_membership(
        actor=actor(world), case=world.case, membership=membership, kind="moved_out", on=date(2026, 8, 1)
    )
    membership.refresh_from_db()
    assert membership.valid_to == date(2026, 7, 31)
    assert norm(world.case, date(2026, 7, 1)) == 8_510  # 7 100 + 1 410: Karl is there on 31 July
    assert norm(world.case, date(2026, 8, 1)) == 5_220  # 3 940 + 1 280: Anna alone from 1 August


def test_a_child_turning_21_leaves_the_norm_in_the_birthday_month(world):
    son = make_person(date(2005, 8, 20), "Leo", "Ek")
    membership = HouseholdMember.objects.create(
        household=world.case.household, person=son, role="child", valid_from=date(2024, 1, 1)
    )
    household.end_membership(actor=actor(world), case=world.case, membership=membership, kind="turned_21")
    membership.refresh_from_db()
    assert membership.valid_to == date(2026, 8, 19)  # the day before the 21st birthday, 20 August 2026
    assert norm(world.case, date(2026, 7, 1)) == 10_350  # 3 940 + 5 000 (19–20 år) + 1 410
    assert norm(world.case, date(2026, 8, 1)) == 5_220  # 3 940 + 1 280: Leo turns 21 in August


def test_a_change_dated_before_the_case_opened_is_refused(world):
    partner = services.PersonInput(pnr(date(1988, 2, 14), 321), "Karl", "Ek")
    with pytest.raises(services.IntakeRefused, match="före 2 januari 2025, då ärendet aktualiserades"):
        household.add_member(
            actor=actor(world), case=world.case, kind="partner_moved_in", person=partner, on=date(1900, 1, 1)
        )


def test_a_second_partner_is_refused(world):
    first = services.PersonInput(pnr(date(1988, 2, 14), 321), "Karl", "Ek")
    second = services.PersonInput(pnr(date(1989, 3, 15), 432), "Lars", "Ek")
    a = actor(world)
    household.add_member(actor=a, case=world.case, kind="partner_moved_in", person=first, on=date(2026, 8, 1))
    with pytest.raises(services.IntakeRefused, match="redan en medsökande"):
        household.add_member(
            actor=a, case=world.case, kind="partner_moved_in", person=second, on=date(2026, 8, 2)
        )


def test_the_household_page_records_a_change_and_keeps_input_on_error(client, world):
    client.force_login(world.owner.user)
    url = reverse("intake:household", args=[world.case.pk])
    data = {
        "add-kind": "child_moved_in",
        "add-personal_number": pnr(date(2016, 4, 4), 765),
        "add-first_name": "Moa",
        "add-last_name": "Ek",
        "add-on": "",
        "add": "1",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ange vilket datum personen flyttade in." in html and 'value="Moa"' in html
    data["add-on"] = "2026-08-03"
    assert client.post(url, data).status_code == 302
    moa = world.case.household.memberships.get(person__first_name="Moa")
    assert (moa.role, moa.valid_from, moa.valid_to) == ("child", date(2026, 8, 3), None)
