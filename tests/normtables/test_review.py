"""An official table replaces a preliminary one: decisions whose amount changes are listed, never corrected."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from bistand import rules
from bistand.cases.models import Calculation, Decision
from bistand.normtables import services
from bistand.normtables.models import DecisionToReview
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from tests.casework.factories import make_case, make_household, make_person, make_staff, make_unit
from tests.normtables.tables import FAMILY_2027, SINGLE_2027, table_2027

pytestmark = pytest.mark.django_db

JANUARY = date(2027, 1, 1)


def decide(unit, request: dict, number: str) -> Decision:
    """A decision for January 2027 calculated with the tables in use now (the stored snapshot)."""
    person = make_person(birth=date(1990, 4, 1))
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)])
    case = make_case(household, unit, number=number)
    result = rules.calculate(request)
    calculation = Calculation.objects.create(
        case=case,
        month=JANUARY,
        request=request,
        result=result,
        parameter_version=result["parameters"]["version"],
        assistance=result["assistance"],
    )
    return Decision.objects.create(
        case=case,
        calculation=calculation,
        month=JANUARY,
        outcome="granted",
        total_granted=result["assistance"],
        decided_on=date(2026, 12, 15),
        legal_basis="4 kap. 1 § socialtjänstlagen (2001:453)",
    )


@pytest.fixture
def world():
    """Preliminary 2027 table (child 4–6 år 3 120 kr); a family and a single adult decided with it."""
    services.import_text(table_2027(mark="preliminary"), "2027-preliminar.toml")
    unit, other_unit = make_unit(), make_unit(name="Ekonomiskt bistånd Norr", district_name="Norr")
    family = decide(unit, FAMILY_2027, "EB-00001")
    single = decide(unit, SINGLE_2027, "EB-00002")
    elsewhere = decide(other_unit, FAMILY_2027, "EB-00003")
    # Family: 7 240 + 3 120 + 3 900 + 2 070 + rent 9 000 = 25 330. Single: 4 020 + 1 310 + 6 000 = 11 330.
    assert (family.calculation.assistance, single.calculation.assistance) == (25_330, 11_330)
    return unit, family, single, elsewhere


def official(tmp_path) -> str:
    """The official 2027 table: child 4–6 år 3 130 kr instead of 3 120; all else as the preliminary one."""
    path = tmp_path / "2027.toml"
    path.write_text(table_2027(band_4_6=3130), encoding="utf-8")
    out = io.StringIO()
    call_command("import_table", str(path), stdout=out)
    return out.getvalue()


def test_a_changed_amount_is_listed_and_an_unchanged_one_is_not(world, tmp_path):
    unit, family, single, elsewhere = world
    output = official(tmp_path)
    rows = {row.decision_id: row for row in DecisionToReview.objects.all()}
    assert set(rows) == {family.pk, elsewhere.pk}  # the single adult's amount does not change
    row = rows[family.pk]
    # 7 240 + 3 130 + 3 900 + 2 070 + 9 000 = 25 340: ten kronor more than decided.
    assert (row.old_assistance, row.new_assistance, row.difference) == (25_330, 25_340, 10)
    assert row.previous_version == "norm-2027-v1" and row.table.version == 2
    assert "3 beslut beräknades med den preliminära tabellen; 2 får ett annat belopp" in output
    assert f"EB-00001 2027-01 beslut {family.pk} (2026-12-15): 25330 kr -> 25340 kr" in output
    # Nothing is corrected automatically: the decisions and their snapshots stay as they were.
    family.refresh_from_db()
    assert family.total_granted == 25_330 and Decision.objects.count() == 3


def test_an_official_table_that_changes_nothing_lists_nothing(world, tmp_path):
    path = tmp_path / "2027.toml"
    path.write_text(table_2027(), encoding="utf-8")  # same amounts, now official
    out = io.StringIO()
    call_command("import_table", str(path), stdout=out)
    assert DecisionToReview.objects.count() == 0
    assert "3 beslut beräknades med den preliminära tabellen; 0 får ett annat belopp" in out.getvalue()


def test_decisions_under_an_official_table_are_not_rechecked(world, tmp_path):
    official(tmp_path)
    services.import_text(table_2027(band_4_6=3140), "2027-rattad.toml")  # official → official
    # Only the two rows from the first replacement: the decisions were made under the preliminary table,
    # and a correction of an official table is not a replacement of a preliminary one.
    assert DecisionToReview.objects.count() == 2


def test_the_list_is_scoped_to_the_staff_members_units(world, tmp_path, client):
    unit, family, single, elsewhere = world
    official(tmp_path)
    worker = make_staff(unit, role=Role.CASEWORKER)
    client.force_login(worker.user)
    start = client.get("/").content.decode()
    assert "1 beslut i dina enheter beräknades med en preliminär tabell" in start
    page = client.get("/parametrar/beslut-att-se-over/").content.decode()
    assert "EB-00001" in page and "+10\u00a0kr" in page and "Rätta beslutet" in page
    assert "EB-00002" not in page  # unchanged amount
    assert "EB-00003" not in page  # another unit's case
    assert f"/arenden/{family.case_id}/beslut/{family.pk}/ratta/" in page


def test_the_case_file_says_which_decision_to_correct(world, tmp_path, client):
    unit, family, single, _ = world
    official(tmp_path)
    client.force_login(make_staff(unit, role=Role.CASEWORKER).user)
    page = client.get(f"/arenden/{family.case_id}/").content.decode()
    assert "Beslut att se över efter ny riksnorm" in page
    assert "25\u00a0330\u00a0kr → 25\u00a0340\u00a0kr" in page  # 3 120 → 3 130 for the child 4–6 år
    assert "Beslut att se över" not in client.get(f"/arenden/{single.case_id}/").content.decode()


def test_a_corrected_decision_is_marked(world, tmp_path, client):
    unit, family, *_ = world
    official(tmp_path)
    Decision.objects.create(
        case=family.case,
        calculation=family.calculation,
        month=JANUARY,
        outcome="granted",
        total_granted=25_340,
        decided_on=date(2027, 1, 10),
        legal_basis=family.legal_basis,
        corrects=family,
    )
    manager = make_staff(unit, role=Role.UNIT_MANAGER)
    client.force_login(manager.user)
    page = client.get("/parametrar/beslut-att-se-over/").content.decode()
    assert "Rättat" in page and "Rätta beslutet" not in page
    assert "beräknades med en preliminär tabell" not in client.get("/").content.decode()
    assert "Beslut att se över" not in client.get(f"/arenden/{family.case_id}/").content.decode()


def test_administrators_and_analysts_do_not_reach_the_list(client):
    admin = make_staff(make_unit(), role=Role.ADMINISTRATOR)
    client.force_login(admin.user)
    assert client.get("/parametrar/beslut-att-se-over/").status_code == 403


def test_the_command_reviews_a_year_whose_official_table_came_with_the_program():
    """A decision stored as calculated with a preliminary 2025 table (hand-made snapshot) is listed once."""
    unit = make_unit()
    request = {**SINGLE_2027, "month": "2025-06"}
    decision = decide(unit, request, "EB-00009")
    stored = decision.calculation
    result = {**stored.result, "assistance": 11_150}
    result["parameters"] = {**result["parameters"], "preliminary": True, "confidence": "preliminary"}
    calculation = Calculation.objects.create(
        case=decision.case,
        month=date(2025, 6, 1),
        request=request,
        result=result,
        parameter_version="2025.0+preliminary",
        assistance=11_150,
    )
    listed = Decision.objects.create(
        case=decision.case,
        calculation=calculation,
        month=date(2025, 6, 1),
        outcome="granted",
        total_granted=11_150,
        decided_on=date(2025, 5, 20),
        legal_basis=decision.legal_basis,
    )
    out = io.StringIO()
    call_command("review_decisions", "2025", stdout=out)
    # The official 2025 table: single adult 3 910 + common costs 1 person 1 270 + rent 6 000 = 11 180.
    row = DecisionToReview.objects.get()
    assert (row.decision, row.old_assistance, row.new_assistance, row.table) == (listed, 11_150, 11_180, None)
    assert row.table_label == "Riksnorm 2025 (programmets fil)"
    assert "1 beslut beräknades med den preliminära tabellen; 1 får ett annat belopp" in out.getvalue()
    call_command("review_decisions", "2025", stdout=io.StringIO())
    assert DecisionToReview.objects.count() == 1  # not listed twice
