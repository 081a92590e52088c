"""Socialstyrelsen's monthly delivery: household type codes, the rows of a month, the command."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bistand.audit.models import AuditEvent
from bistand.people.models import MemberRole
from bistand.rules.months import Month
from bistand.selfsupport.models import PlanStep
from bistand.statistics.socialstyrelsen import FIELDS, Member, delivery_text, household_type
from tests.casework.factories import (
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_unit,
    personal_number,
)
from tests.statistics.report_fixtures import pay, plan

A, M, C = MemberRole.APPLICANT, MemberRole.CO_APPLICANT, MemberRole.CHILD


def member(role, age, female=False):
    return Member(person_id=id((role, age, female)), personal_number="", role=role, age=age, female=female)


@pytest.mark.parametrize(
    ("members", "code"),
    [
        # Reference §6.1, Hushållstyp: 1 enbart barn under 18, 3/4 ensamstående man utan/med barn,
        # 5/6 ensamstående kvinna utan/med barn, 7/8 sammanboende par utan/med barn, 9 okänd.
        ([member(A, 17)], 1),
        ([member(A, 16), member(C, 2)], 1),
        ([member(A, 40)], 3),
        ([member(A, 40), member(C, 5)], 4),
        ([member(A, 40, female=True)], 5),
        ([member(A, 40, female=True), member(C, 17)], 6),
        ([member(A, 40, female=True), member(C, 19)], 5),  # a child of 19 at home is not "barn under 18"
        ([member(A, 40), member(M, 38, female=True)], 7),
        ([member(A, 40), member(M, 38, female=True), member(C, 0)], 8),
        ([], 9),
        ([member(C, 20)], 9),  # no applicant or co-applicant and not all under 18
    ],
)
def test_household_type_codes(members, code):
    assert household_type(members) == code


@pytest.fixture
def month_data(db):
    municipality = make_municipality(name="Testby", code="9998")
    unit = make_unit("Enhet A", "Alfa", municipality)
    # The ninth digit gives the sex (even = woman): serial 124 -> woman, 131 -> man.
    mother = make_person(
        birth=date(1985, 3, 1), first_name="Mor", personal_number=personal_number(date(1985, 3, 1), 124)
    )
    child_birth = date(2010, 10, 15)  # 15 on 31 Oct 2025
    child = make_person(
        birth=child_birth, first_name="Barn", personal_number=personal_number(child_birth, 131)
    )
    household = make_household(unit.district, [(mother, A), (child, C)], valid_from=date(2020, 1, 1))
    case = make_case(household, unit)
    pay(case, date(2025, 10, 1), 9000)
    pay(case, date(2025, 10, 1), 1500)  # livsföring i övrigt, same month
    from bistand.cases.models import BarrierRegistration

    BarrierRegistration.objects.create(case=case, person=mother, month=date(2025, 10, 1), code="no_childcare")
    p = plan(case, mother, date(2025, 8, 1))
    PlanStep.objects.create(plan=p, intervention="work_training", responsible="municipal_labour")
    # Not in the file: a household whose October payments cancel out, and one paid only for September.
    other = make_case(make_household(unit.district, [(make_person(first_name="Noll"), A)]), unit)
    pay(other, date(2025, 10, 1), 4000)
    pay(other, date(2025, 10, 1), -4000)
    sept = make_case(make_household(unit.district, [(make_person(first_name="Sept"), A)]), unit)
    pay(sept, date(2025, 9, 1), 4000)
    return municipality, mother, child, household


def test_delivery_rows_for_a_month(month_data):
    municipality, mother, child, household = month_data
    text = delivery_text(Month(2025, 10), municipality)
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == list(FIELDS)
    rows = {line[4]: dict(zip(FIELDS, line, strict=True)) for line in lines[1:]}
    assert set(rows) == {mother.personal_number, child.personal_number}
    mine = rows[mother.personal_number]
    assert mine["period"] == "202510"
    assert mine["kommunkod"] == "9998"
    assert mine["distrikt"] == "Alfa"
    assert mine["hushalls_id"] == str(household.pk)
    assert (mine["roll"], mine["kon"]) == ("S", "K")
    # Single woman with a child under 18 -> 6; two persons, one under 18; 9000 + 1500 = 10500 kr
    assert (mine["hushallstyp"], mine["antal_personer"], mine["antal_barn_under_18"]) == ("6", "2", "1")
    assert mine["utbetalt_belopp"] == "10500"
    assert (mine["forsorjningshinder"], mine["forsorjningshinder_text"]) == (
        "no_childcare",
        "Saknar barnomsorg",
    )
    assert mine["kommunal_arbetsmarknadsinsats"] == "1"
    theirs = rows[child.personal_number]
    assert theirs["kon"] == "M"
    assert (theirs["roll"], theirs["forsorjningshinder"], theirs["kommunal_arbetsmarknadsinsats"]) == (
        "B",
        "",
        "",
    )
    assert theirs["utbetalt_belopp"] == "10500"  # household fields repeat on each member's line


def test_delivery_command_writes_the_file_and_logs_it(month_data, tmp_path):
    out = tmp_path / "ekb.csv"
    call_command("socialstyrelsen_delivery", month="2025-10", out=str(out))
    text = out.read_bytes().decode("utf-8")
    assert text.count("\r\n") == 3  # header and two persons
    event = AuditEvent.objects.get(action="export")
    assert event.what == "Leverans till Socialstyrelsen 2025-10 (2 rader)"
    # Only the household in the file: not the one whose payments cancel out, nor September's.
    household = month_data[3]
    assert [link.case.household_id for link in event.case_links.all()] == [household.pk]
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("socialstyrelsen_delivery", month="2025-13", out=str(out))
