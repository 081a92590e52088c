"""The what-if page in Chromium for the demo city: the unit manager runs a scenario and downloads the Excel file.

The ready cap scenario first refuses to run without amounts and runs once they are filled in; the
Excel file opens with openpyxl and holds the same monthly cost as the page. axe-core finds no serious or
critical violations. Screenshots: test-artifacts/screenshots/konsekvensanalys-*.png.
"""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo_city")]


@pytest.fixture
def manager(browser, site, monkeypatch):
    monkeypatch.setenv("BISTAND_PSEUDONYM_KEY", "browser-test-pseudonym-key-" * 2)
    page = sign_in(browser, site, "enhetschef")
    yield page
    page.context.close()


def _figure(page, label: str) -> str:
    term = page.locator("dt", has_text=re.compile(f"^{re.escape(label)}$"))
    return page.locator(".key-figures div").filter(has=term).locator("dd").inner_text().strip()


def test_manager_runs_a_scenario_and_downloads_the_excel_file(manager, site):
    manager.get_by_role("link", name="Konsekvensanalys").click()
    expect(manager.get_by_role("heading", name="Konsekvensanalys", level=1)).to_be_visible()

    manager.get_by_label(re.compile("^Bidragstak 2027")).check()
    manager.get_by_role("button", name="Kör scenariot").click()
    expect(manager.get_by_role("alert")).to_contain_text("saknar belopp")
    expect(manager.get_by_role("link", name="Ladda ner resultatet (Excel)")).to_have_count(0)

    manager.get_by_label(re.compile("^Bidragstakets belopp")).fill("15000, 16000")
    manager.get_by_role("button", name="Kör scenariot").click()
    expect(manager.get_by_role("heading", name=re.compile("^Bidragstak 2027 – "), level=2)).to_be_visible()

    manager.get_by_label(re.compile("^Riksnormen \\+2 %")).check()
    manager.get_by_role("button", name="Kör scenariot").click()
    expect(manager.get_by_role("heading", name=re.compile("^Riksnormen \\+2 % – "), level=2)).to_be_visible()
    households = _figure(manager, "Hushåll i beräkningen")
    cost = _figure(manager, "Kostnad per månad, gällande regler (kr)")
    assert re.fullmatch(r"[\d\u00a0]+", households) and int(households.replace("\u00a0", "")) >= 5
    assert _figure(manager, "Hushåll som får mindre") == "0"  # a higher norm takes from no one
    screenshot(manager, "konsekvensanalys-resultat")
    assert serious_violations(manager) == []

    with manager.expect_download() as info:
        manager.get_by_role("link", name="Ladda ner resultatet (Excel)").click()
    assert re.fullmatch(
        r"konsekvensanalys-norm_plus_2_percent-\d{4}-\d{2}\.xlsx", info.value.suggested_filename
    )
    with open(info.value.path(), "rb") as fh:
        book = openpyxl.load_workbook(fh)
    summary = {row[0]: row[1] for row in book["Sammanfattning"].iter_rows(values_only=True) if row[0]}
    assert f"{summary['Kostnad per månad, gällande regler (kr)']:,}".replace(",", "\u00a0") == cost
    assert summary["Hushåll i beräkningen"] == int(households.replace("\u00a0", ""))
