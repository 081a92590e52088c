"""The what-if page: who may use it, running a scenario, the cap's refusal, and the Excel file read back."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client

from bistand.audit.models import AuditEvent
from bistand.organisation.models import Role, Unit
from bistand.statistics import privacy
from tests.casework.factories import make_staff
from tests.whatif.city import build

URL = "/statistik/konsekvensanalys/"
KEY = "k" * 40
JULY = {"month": "2026-07", "run": "1"}


@pytest.fixture
def city(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build()


def client_with(role) -> Client:
    staff = make_staff(Unit.objects.order_by("pk").first(), role=role)
    client = Client()
    client.force_login(staff.user)
    return client


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.SENIOR_CASEWORKER, Role.ADMINISTRATOR])
def test_caseworkers_and_administrators_are_refused(city, role):
    client = client_with(role)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "resultat.xlsx", {"scenario": "norm_plus_2_percent", **JULY}).status_code == 403


def test_a_superuser_without_a_role_and_an_anonymous_user_are_refused(city):
    client = Client()
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(User.objects.create_superuser("root", password="x"))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("role", [Role.UNIT_MANAGER, Role.ANALYST])
def test_managers_and_analysts_run_a_scenario(city, role, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    client = client_with(role)
    page = client.get(URL)
    assert page.status_code == 200 and "Bidragstak 2027" in page.content.decode()
    response = client.get(URL, {"scenario": "norm_plus_2_percent", **JULY})
    text = response.content.decode()
    assert response.status_code == 200
    # 101 190 kr before (see city.py); 2 % on the norm alone: H1 and E1–E5 +105 each, H2: 7 242 + 3 896
    # + 4 478 + 2 071 = 17 687, +347 (jobbstimulans stays 25 %); H3 +378 -> 6 × 105 + 347 + 378 = 1 355
    assert "101\u00a0190" in text and "102\u00a0545" in text and "1\u00a0355" in text
    assert (
        AuditEvent.objects.filter(action="list", what__startswith="Konsekvensanalys Riksnormen").count() == 1
    )


def test_the_cap_scenario_refuses_without_amounts_and_runs_with_them(city, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    client = client_with(Role.ANALYST)
    refused = client.get(URL, {"scenario": "bidragstak_2027", **JULY}).content.decode()
    assert "Scenariot kan inte köras" in refused and "saknar belopp" in refused
    assert "Ladda ner resultatet" not in refused
    assert client.get(URL + "resultat.xlsx", {"scenario": "bidragstak_2027", **JULY}).status_code == 400
    bad = client.get(
        URL, {"scenario": "bidragstak_2027", "cap_amounts": "tjugotusen", **JULY}
    ).content.decode()
    assert "hela kronor" in bad
    ran = client.get(URL, {"scenario": "bidragstak_2027", "cap_amounts": "20000", **JULY}).content.decode()
    pseudonym = privacy.Pseudonymiser(KEY.encode(), "konsekvensanalys").household(
        str(city.households["H3"].pk)
    )
    assert pseudonym in ran and "−2\u00a0030" in ran


def test_without_a_pseudonym_key_the_list_of_losers_is_left_out(city, monkeypatch):
    monkeypatch.delenv(privacy.PSEUDONYM_KEY_ENV, raising=False)
    client = client_with(Role.ANALYST)
    text = client.get(URL, {"scenario": "bidragstak_2027", "cap_amounts": "20000", **JULY}).content.decode()
    assert "nyckeln för pseudonymer" in text and "BISTAND_" not in text


def test_a_custom_scenario_with_an_error_is_named_in_swedish(city):
    client = client_with(Role.ANALYST)
    text = client.get(
        URL, {"scenario": "egen", "custom": 'name = "x"\n[norm]\npercent = 99', **JULY}
    ).content.decode()
    assert "norm.percent: måste ligga mellan −50 och 50 procent." in text
    long = client.get(URL, {"scenario": "egen", "custom": "#" * 6000, **JULY}).content.decode()
    assert "för långt" in long


def test_the_excel_file_read_back(city, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    client = client_with(Role.UNIT_MANAGER)
    custom = (
        'name = "Norm +2 %, jobbstimulans 30 %"\n[norm]\npercent = 2\n[work_incentive]\nrate_percent = 30'
    )
    response = client.get(URL + "resultat.xlsx", {"scenario": "egen", "custom": custom, **JULY})
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="konsekvensanalys-eget-scenario-2026-07.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Sammanfattning",
        "Fördelning",
        "Hushållstyp",
        "Antal barn",
        "Stadsområde",
        "Störst minskning",
    ]
    summary = {row[0]: row[1] for row in book["Sammanfattning"].iter_rows(values_only=True) if row[0]}
    # hand-checked in test_totals: 101 190 -> 103 045 kr per month, 1 855 × 12 = 22 260 per year
    assert summary["Kostnad per månad, gällande regler (kr)"] == 101190
    assert summary["Kostnad per månad, scenariot (kr)"] == 103045
    assert summary["Förändring per år (×12) (kr)"] == 22260
    assert summary["Hushåll som får mer"] == privacy.SUPPRESSED  # 8, hidden with the 1 unchanged
    bands = {row[0]: row[1] for row in book["Fördelning"].iter_rows(min_row=4, values_only=True)}
    assert bands["Ökar 1–499 kr"] == 7 and bands["Ökar 500–999 kr"] == privacy.SUPPRESSED
    assert AuditEvent.objects.filter(action="export", what__endswith="(Excel)").count() == 1


def test_the_menu_and_the_analysts_start_page_link_to_the_page(city):
    analyst = client_with(Role.ANALYST).get("/").content.decode()
    assert analyst.count('href="/statistik/konsekvensanalys/"') == 2  # menu and start page
    caseworker = client_with(Role.CASEWORKER).get("/").content.decode()
    assert "/statistik/konsekvensanalys/" not in caseworker
