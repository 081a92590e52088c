"""The /statistik/ pages: who may see what, that they show the report's numbers, and the downloads."""

import csv
import io

import openpyxl
import pytest
from django.test import Client

from bistand.audit.models import AuditEvent
from bistand.statistics import privacy
from tests.statistics.world import PASSWORD, REPORT_MONTH, build

PAGES = (
    "",
    "manadsrapport/",
    "jamforelse/",
    "varaktighet/",
    "arbetssatt/",
    "forsorjningshinder/",
    "resultat/",
)
KEY = "k" * 40


@pytest.fixture
def world(db):
    return build()


def client_for(world, role) -> Client:
    client = Client()
    assert client.login(username=world.staff[role].user.username, password=PASSWORD)
    return client


def get(client, path, **params):
    url = path if path.startswith("/") else f"/statistik/{path}"
    return client.get(url, {"month": str(REPORT_MONTH), **params})


@pytest.mark.parametrize("role", ["unit_manager", "senior_caseworker", "analyst", "administrator"])
def test_every_page_renders_for_the_statistics_roles(world, role):
    client = client_for(world, role)
    for path in PAGES:
        response = get(client, path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<svg class="chart"' in html or path == "manadsrapport/", path
        assert "<table" in html


def test_signed_out_users_are_sent_to_sign_in(world):
    response = Client().get("/statistik/")
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_a_caseworker_sees_only_their_own_unit_and_no_comparisons(world):
    client = client_for(world, "caseworker")
    assert get(client, "jamforelse/").status_code == 403
    assert get(client, "").status_code == 403
    html = get(client, "manadsrapport/").content.decode()
    assert "Enhet A1" in html and "Enhet A2" not in html and "Enhet B1" not in html
    assert ">Alfa</th>" in html and ">Testby</th>" in html  # the district's and the city's totals
    assert "Ladda ner som Excel" not in html
    assert get(client, "/statistik/manadsrapport.xlsx").status_code == 403
    work = get(client, "arbetssatt/").content.decode()
    assert "Enhet A1" in work and "Enhet B1" not in work


def test_monthly_page_shows_the_numbers_of_the_excel_file(world):
    client = client_for(world, "unit_manager")
    html = get(client, "manadsrapport/").content.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(get(client, "/statistik/manadsrapport.xlsx").content))
    sheet = workbook["Testby"]
    rows = {r[0].value: [c.value for c in r[1:4]] for r in sheet.iter_rows(min_row=4)}
    # Households: Alfa 8 + 7 = 15, Beta 3 (fewer than 5: hidden), Testby 18 — and Alfa hidden as well,
    # since Testby's 18 minus Alfa would give Beta's 3 away.
    assert rows["Beviljade hushåll (utbetalt för månaden)"] == ["–", "–", 18]
    # Cost for the city: households 1..18 each 1000 + 100 × n: 18 × 1000 + 100 × (18 × 19 / 2) = 35100
    assert rows["Utbetalt bistånd för månaden (kr)"][2] == 35100
    assert "35\u00a0100" in html
    alfa = {r[0].value: [c.value for c in r[1:4]] for r in workbook["Alfa"].iter_rows(min_row=4)}
    # A1's 8 households 1..8: 8000 + 100 × 36 = 11600. Alfa's total is hidden (above), so 8 + A2 would
    # give it back: the smaller unit A2 (7 households) is hidden too, and its cost with it.
    assert alfa["Beviljade hushåll (utbetalt för månaden)"] == [8, "–", "–"]
    assert alfa["Utbetalt bistånd för månaden (kr)"] == [11600, "–", "–"]
    assert "11\u00a0600" in html
    assert AuditEvent.objects.filter(action="export", what__startswith="Månadsrapport").count() == 1


def test_the_csv_download_for_one_district(world):
    client = client_for(world, "analyst")
    response = get(client, "/statistik/manadsrapport.csv", district="Beta")
    assert response["Content-Disposition"] == f'attachment; filename="manadsrapport-{REPORT_MONTH}-Beta.csv"'
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert {line[2] for line in lines[1:]} <= {"Beta", ""}


def test_overview_trend_ends_with_the_report_month(world):
    html = get(client_for(world, "unit_manager"), "").content.decode()
    # The city's households in September 2026 (18) appear in the trend table and the key figures
    assert "september 2026" in html
    assert "<dd>18</dd>" in html


def test_extract_is_pseudonymised_for_analysts(world, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    text = get(client_for(world, "analyst"), "/statistik/underlag.csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(lines) == 1 + 18
    assert all(line[3] == "ja" for line in lines[1:])
    assert not any(case.applicant.personal_number in text for case in world.cases)
    assert AuditEvent.objects.filter(action="export", what__startswith="Underlag per hushåll").exists()


def test_extract_shows_a_unit_manager_identities_of_their_own_unit_but_never_protected_ones(
    world, monkeypatch
):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    text = get(client_for(world, "unit_manager"), "/statistik/underlag.csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    identified = [line for line in lines if line[3] == "nej"]
    # A1 has 8 households, one of them with protected identity -> 7 shown with personnummer
    assert len(identified) == 7
    assert world.protected_case.applicant.personal_number not in text
    a1_numbers = {c.applicant.personal_number for c in world.cases if c.unit.name == "Enhet A1"}
    assert {line[2] for line in identified} <= a1_numbers


def test_extract_without_a_key_explains_what_is_missing(world, monkeypatch):
    monkeypatch.delenv(privacy.PSEUDONYM_KEY_ENV, raising=False)
    response = get(client_for(world, "analyst"), "/statistik/underlag.csv")
    assert response.status_code == 503
    text = response.content.decode()
    # What to do, in Swedish, and no setting's name on the page.
    assert "Be systemförvaltningen" in text and "nyckeln för pseudonymer" in text
    assert privacy.PSEUDONYM_KEY_ENV not in text and "BISTAND_" not in text


def test_extract_is_refused_to_senior_caseworkers(world, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    assert get(client_for(world, "senior_caseworker"), "/statistik/underlag.csv").status_code == 403


def test_a_bad_month_falls_back_with_a_message(world):
    response = client_for(world, "analyst").get("/statistik/", {"month": "juni"})
    assert response.status_code == 200
    assert "ÅÅÅÅ-MM" in response.content.decode()


@pytest.mark.django_db
def test_pages_render_on_an_empty_database_for_a_superuser():
    from django.contrib.auth.models import User

    User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.login(username="root", password=PASSWORD)
    for path in PAGES:
        assert get(client, path).status_code == 200, path


@pytest.mark.django_db
def test_a_user_without_a_role_is_refused():
    from django.contrib.auth.models import User

    User.objects.create_user("utan-roll", password=PASSWORD)
    client = Client()
    client.login(username="utan-roll", password=PASSWORD)
    response = get(client, "manadsrapport/")
    assert response.status_code == 403
    assert "saknar en roll" in response.content.decode()


@pytest.mark.django_db
def test_a_caseworkers_menu_item_for_the_follow_up_opens_a_page_she_may_see(client):
    # The overview compares districts and is closed to caseworkers; their menu item leads to the monthly
    # report of their own unit instead of to a refusal.
    from bistand.organisation.models import Role
    from tests.casework.factories import make_staff, make_unit

    worker = make_staff(make_unit(), role=Role.CASEWORKER)
    client.force_login(worker.user)
    start = client.get("/").content.decode()
    assert 'href="/statistik/manadsrapport/"' in start
    assert client.get("/statistik/manadsrapport/").status_code == 200
