"""The caseworker's day in a real browser: decide an unchanged application in at most three clicks, read
the decision letter, be refused another unit's case, and no serious accessibility violations (axe-core);
nothing on the way is blocked by the Content-Security-Policy (htmx included).
"""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot, serious_violations, sign_in

# django_db makes pytest-django create the test database; each test runs in a transaction that is rolled
# back, while the module's demo city and the decision made in `decided` (module scope, set up before any
# test's transaction) stay for all tests of the module.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def decided(browser, site):
    """Sign in as handlaggare and decide the first unchanged application from the start page.

    Returns what the later tests need: the decision page's URL and the number of clicks it took.
    """
    from tests.browser.conftest import Clicks

    clicks = Clicks()
    page = sign_in(browser, site, "handlaggare")
    screenshot(page, "01-mina-arenden")
    # Clicks are counted from the start page on: open the unchanged application, confirm.
    clicks(page.get_by_role("link", name=re.compile(r"^Besluta\b")).first)
    page.wait_for_url(re.compile(r"/arenden/\d+/ansokningar/\d+/$"))
    application_url = page.url
    expect(page.get_by_role("heading", name="Oförändrad sedan förra månaden")).to_be_visible()
    screenshot(page, "02-ansokan-oforandrad")
    clicks(page.get_by_role("button", name="Bekräfta beslut enligt förslaget"))
    page.wait_for_load_state()
    if "/beslut/" not in page.url:  # say why instead of timing out
        pytest.fail("Beslutet nekades: " + page.locator(".error-summary").first.inner_text())
    page.wait_for_url(re.compile(r"/arenden/\d+/beslut/\d+/$"))
    screenshot(page, "03-beslut")
    result = {
        "page": page,
        "clicks": clicks.count,
        "application_url": application_url,
        "decision_url": page.url,
        "case_url": re.sub(r"beslut/\d+/$", "", page.url),
    }
    yield result
    page.context.close()


def test_an_unchanged_application_is_decided_in_at_most_three_clicks(decided):
    page = decided["page"]
    assert decided["clicks"] <= 3
    expect(page.get_by_text("Beslutet är fattat")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^(Bifall|Delvis bifall|Avslag): "))).to_be_visible()


def test_the_decision_letter_downloads_and_reads_in_swedish(decided):
    page = decided["page"]
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ned beslutsbrevet (PDF)").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "beslutsbrev.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert all(letter in text for letter in "åäö"), text[:500]
    assert "överklaga" in text.lower()
    # The calculation table: its heading, the norm row and the total need, with amounts in kronor.
    assert re.search(r"Beräkning för \w+ \d{4}", text), text
    assert re.search(r"Riksnormen .*\d kr", text), text
    assert re.search(r"Summa behov\s+\d[\d \u00a0]* kr", text), text


def test_another_districts_caseworker_is_refused_the_case(decided, browser, site):
    page = sign_in(browser, site, "handlaggare2")
    response = page.goto(decided["case_url"])
    # The same answer as for a case that does not exist, so case numbers cannot be probed.
    assert response.status == 404
    expect(page.get_by_role("heading", name="Sidan finns inte")).to_be_visible()
    assert response.headers["cache-control"].startswith("max-age=0, no-cache, no-store")
    screenshot(page, "09-nekad")
    page.context.close()


@pytest.mark.parametrize(
    "name, url_key",
    [
        ("start", None),
        ("case_file", "case_url"),
        ("application", "application_url"),
        ("decision", "decision_url"),
    ],
)
def test_no_serious_accessibility_violations(decided, site, name, url_key):
    page = decided["page"]
    page.goto(decided[url_key] if url_key else f"{site.url}/")
    screenshot(page, f"axe-{name}")
    assert serious_violations(page) == []


def test_registering_an_application_keeps_input_beside_a_clear_error(decided, site):
    page = decided["page"]
    page.goto(decided["case_url"] + "ansokningar/ny/")
    costs = page.locator("fieldset.items").first
    costs.get_by_label(re.compile(r"^Belopp \(kr\), kostnader rad 1")).fill("5 000,50")
    page.get_by_role("button", name="Registrera och beräkna").click()
    expect(page.get_by_role("alert").filter(has_text="Ansökan är inte sparad")).to_be_visible()
    expect(page.get_by_text("Skriv beloppet i hela kronor, utan ören.")).to_be_visible()
    assert costs.get_by_label(re.compile(r"^Belopp \(kr\), kostnader rad 1")).input_value() == "5 000,50"
    screenshot(page, "04-ansokan-fel")
    assert serious_violations(page) == []


def test_journal_note_is_added_without_a_page_load(decided, site):
    page = decided["page"]
    page.goto(decided["case_url"] + "journal/")
    page.get_by_role("textbox", name="Rubrik").fill("Telefonsamtal med sökande")
    page.get_by_role("textbox", name="Anteckning", exact=True).fill(
        "Sökanden berättade att hyran höjs från januari."
    )
    page.get_by_role("button", name="Spara anteckningen").click()
    page.get_by_text("Journalanteckningen är sparad.").wait_for()
    note = page.locator("article.note").first
    assert "Telefonsamtal med sökande" in note.inner_text()
    assert "Sara Lindqvist" in note.inner_text()
    screenshot(page, "05-journal")
    assert serious_violations(page) == []


def test_unit_manager_sees_caseloads_and_searches_the_log(decided, browser, site):
    page = sign_in(browser, site, "enhetschef")
    expect(page.get_by_role("heading", name="Enhetens ärenden", level=1)).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Aktuella hushåll per handläggare"))).to_be_visible()
    screenshot(page, "06-enhetschef")
    assert serious_violations(page) == []
    page.goto(f"{site.url}/logg/")
    number = decided["page"].locator(".case-id strong").first.inner_text().removeprefix("Ärende ").strip()
    page.get_by_label("Ärendenummer").fill(number)
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"/logg/\?case_number="))  # htmx swapped the results and pushed the URL
    page.locator("#audit-results").get_by_text("Ansökan, beräkning och beslutsförslag").first.wait_for()
    assert page.locator("#audit-results").get_by_text("Loggsökning").count() == 0
    # The openings while deciding (module set-up) are in the log; later tests roll their own entries back.
    expect(page.locator("#audit-results").get_by_text("Visade").first).to_be_visible()
    screenshot(page, "07-logg")
    assert serious_violations(page) == []
    page.context.close()


def test_an_application_to_review_shows_its_items_for_change(decided, site):
    page = decided["page"]
    page.goto(f"{site.url}/")
    page.get_by_role("link", name=re.compile(r"^Granska\b")).first.click()
    page.wait_for_url(re.compile(r"/arenden/\d+/ansokningar/\d+/$"))
    expect(page.get_by_role("table", name=re.compile("Beslutsförslag per behovspost"))).to_be_visible()
    screenshot(page, "08-ansokan-granska")
    assert serious_violations(page) == []


def test_nothing_was_blocked_by_the_content_security_policy(decided, site):
    # Runs after the module's other tests (same page): the decision, the letter, the htmx journal note.
    page = decided["page"]
    page.goto(f"{site.url}/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()  # Swagger UI from our own static files
    assert page.csp_errors == []
