"""The follow-up dashboards (/statistik/) in Chromium for the demo city, as the unit manager and the analyst.

Every page renders with its charts and tables, axe-core finds no serious or critical violations, and
screenshots go to test-artifacts/screenshots/statistik-*.png. The monthly report for one district,
downloaded as Excel, opens with openpyxl and its total column holds exactly the numbers the page shows.
"""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, screenshot, serious_violations, sign_in

# django_db: so that the test database is set up also when this module runs alone
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo_city")]

PAGES = (
    ("", "oversikt", "Översikt"),
    ("manadsrapport/", "manadsrapport", "Månadsrapport"),
    ("jamforelse/", "jamforelse", "Jämförelse mellan stadsområden"),
    ("varaktighet/", "varaktighet", "Långvarigt bistånd"),
    ("arbetssatt/", "arbetssatt", "Arbetssätt"),
    ("forsorjningshinder/", "forsorjningshinder", "Försörjningshinder"),
    ("resultat/", "resultat", "Resultat"),
)


@pytest.fixture(scope="module")
def users(demo_city, django_db_blocker):
    """The demo's unit manager and analyst; the factory fallback (until build_demo lands) lacks them."""
    from django.contrib.auth.models import User

    with django_db_blocker.unblock():
        if not User.objects.filter(username="enhetschef").exists():  # TEMPORARY: no build_demo yet
            from bistand.organisation.models import Municipality
            from tests.statistics.world import build

            world = build(municipality=Municipality.objects.order_by("pk").first())
            for role, username in (("unit_manager", "enhetschef"), ("analyst", "analytiker")):
                user = world.staff[role].user
                user.username = username
                user.set_password(DEMO_PASSWORD)
                user.save()
    return {"manager": "enhetschef", "analyst": "analytiker"}


@pytest.fixture(scope="module")
def month(demo_city, django_db_blocker):
    """The latest month with payments (the demo's as-of month may be the current one)."""
    from django.utils import timezone

    from bistand.cases.models import Payment
    from bistand.rules.months import Month, previous_complete_month

    with django_db_blocker.unblock():
        latest = Payment.objects.order_by("-month").values_list("month", flat=True).first()
    default = previous_complete_month(timezone.localdate())
    return min(Month.of(latest), default) if latest else default


@pytest.fixture(scope="module")
def manager(browser, site, users):
    page = sign_in(browser, site, users["manager"])
    yield page
    page.context.close()


@pytest.mark.parametrize(("path", "name", "heading"), PAGES)
def test_dashboard_pages_render_and_pass_axe(manager, site, month, path, name, heading):
    manager.goto(f"{site.url}/statistik/{path}?month={month}")
    assert manager.get_by_role("heading", level=1).inner_text().startswith(heading)
    if path != "manadsrapport/":
        charts = manager.locator("svg.chart[role=img]")
        assert charts.count() >= 1
        # Every chart is named by its <title> and described by its <desc>
        for i in range(charts.count()):
            chart = charts.nth(i)
            ids = chart.get_attribute("aria-labelledby").split()
            assert all(chart.locator(f"[id='{i_}']").count() == 1 for i_ in ids)
    assert manager.locator("table").count() >= 1
    screenshot(manager, f"statistik-{name}")
    assert serious_violations(manager) == []
    assert manager.csp_errors == []  # the charts need no inline style or script


def test_district_report_in_excel_matches_the_page(manager, site, month):
    manager.goto(f"{site.url}/statistik/manadsrapport/?month={month}")
    district = manager.locator("#district option").nth(1)
    code, district_name = district.get_attribute("value"), district.inner_text()
    manager.select_option("#district", code)
    manager.get_by_role("button", name="Visa").click()
    manager.wait_for_url(re.compile(rf"district={code}"))
    screenshot(manager, "statistik-manadsrapport-stadsomrade")

    table = manager.get_by_role("table", name=re.compile(rf"^{re.escape(district_name)},"))
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers[-1] == district_name
    page_rows = {}
    for row in table.locator("tbody tr").all():
        label = row.locator("th").evaluate("th => th.firstChild.textContent").strip()
        page_rows[label] = row.locator("td").all_inner_texts()[-1].strip()

    with manager.expect_download() as info:
        manager.get_by_role("link", name="Ladda ner som Excel").click()
    assert info.value.suggested_filename == f"manadsrapport-{month}-{code}.xlsx"
    with open(info.value.path(), "rb") as fh:
        workbook = openpyxl.load_workbook(fh)
    sheet = workbook[district_name[:31]]
    assert sheet.cell(3, sheet.max_column - 1).value == district_name  # the total column, before "Källa"
    checked = 0
    for row in sheet.iter_rows(min_row=4):
        label, total = row[0].value, row[sheet.max_column - 2]
        if label not in page_rows:
            continue
        assert _as_shown(total) == page_rows[label], label
        checked += 1
    assert checked >= 25
    assert page_rows["Beviljade hushåll (utbetalt för månaden)"] not in ("", "..")


def _as_shown(cell) -> str:
    """An Excel cell as the page writes it (Swedish grouping, decimal comma, percent)."""
    from decimal import Decimal

    from bistand.statistics.cells import format_value

    if isinstance(cell.value, str):
        return cell.value
    kind = {"0.0%": "share", "0.0": "days", "#,##0": "count"}[cell.number_format]
    return format_value(Decimal(str(cell.value)), kind)


def test_analyst_sees_the_city_comparison(browser, site, users, month):
    page = sign_in(browser, site, users["analyst"])
    page.goto(f"{site.url}/statistik/jamforelse/?month={month}")
    expect(page.get_by_role("table", name=re.compile("Nyckeltal per stadsområde"))).to_be_visible()
    screenshot(page, "statistik-jamforelse-analytiker")
    assert serious_violations(page) == []
    page.context.close()
