"""Intake in a real browser: a new person found nowhere is registered with a household, gets a case and a
first application, a barrier and a decision; a partner moving in raises the next month's norm; an
application is withdrawn with a reason. axe-core finds no serious violation on the new pages.

Amounts (riksnorm 2026, SoF 2025:468 12 kap. 2 §, bistand/rules/parameters/riksnorm/2026.toml; Demostad's
rent cap for one person is 5 600 kr, so a rent of 5 000 kr is approved in full):
- single adult: 3 940 + common costs for 1 person 1 280 + rent 5 000 = 10 220 kr;
- couple after the partner moved in: 7 100 + common costs for 2 persons 1 410 + rent 5 000 = 13 510 kr.
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bistand.rules import params
from tests.browser.conftest import screenshot, serious_violations, sign_in
from tests.casework.factories import luhn_check_digit

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
NBSP = "\u00a0"


def pnr(birth: date, serial: int) -> str:
    short = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn_check_digit(short)}"


APPLICANT = pnr(date(1985, 3, 17), 917)
PARTNER = pnr(date(1987, 9, 2), 918)


def register_application(page, case_url: str) -> str:
    """Register an application from the case's form with the suggested month; return its URL."""
    page.goto(case_url + "ansokningar/ny/")
    if page.locator("#id_costs-0-kind").input_value() == "":
        page.locator("#id_costs-0-kind").select_option("rent")
        page.locator("#id_costs-0-amount").fill("5000")
    page.get_by_role("button", name="Registrera och beräkna").click()
    page.wait_for_url(re.compile(r"/arenden/\d+/ansokningar/\d+/$"))
    return page.url


@pytest.fixture(scope="module")
def intake(browser, site):
    """handlaggare finds nobody, registers the person and opens the case; the page stays signed in."""
    page = sign_in(browser, site, "handlaggare")
    page.get_by_role("link", name="Sök och ta emot").click()
    page.get_by_label("Namn, personnummer, samordningsnummer eller ärendenummer").fill(APPLICANT)
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_text("Ingen person eller inget ärende hittades")).to_be_visible()
    screenshot(page, "intag-sok")
    result = {"page": page, "site": site.url, "search_violations": serious_violations(page)}
    page.get_by_role("link", name="Registrera en ny person och öppna ärende").click()
    page.wait_for_url(re.compile(r"/intag/ny/"))
    expect(page.locator("#id_personal_number")).to_have_value(APPLICANT)  # carried over from the search
    page.locator("#id_first_name").fill("Testa")
    page.locator("#id_last_name").fill("Nyman")
    page.locator("#id_street_address").fill("Lingonvägen 3")
    page.locator("#id_postal_code").fill("12345")
    page.locator("#id_city").fill("Demostad")
    result["register_violations"] = serious_violations(page)
    screenshot(page, "intag-registrera")
    page.get_by_label("Jag tar ärendet själv").check()
    page.get_by_role("button", name="Öppna ärendet").click()
    page.wait_for_url(re.compile(r"/arenden/\d+/ansokningar/ny/$"))
    expect(page.get_by_text(re.compile(r"Ärende EB-\d{4}-\d{5} är öppnat"))).to_be_visible()
    result["case_url"] = re.sub(r"ansokningar/ny/$", "", page.url)
    yield result
    page.context.close()


def test_intake_of_a_new_person_through_to_the_first_decision(intake):
    page, case_url = intake["page"], intake["case_url"]
    assert intake["search_violations"] == [] and intake["register_violations"] == []
    expect(page.get_by_label("Typ av ansökan")).to_have_value("first")
    application_url = register_application(page, case_url)
    month = timezone.localdate().replace(day=1)  # the month suggested for a first application
    # No barrier to self-support is registered yet: the decision waits for it.
    expect(page.locator(".warning-box")).to_contain_text("örsörjningshinder")
    case_id = re.search(r"/arenden/(\d+)/", case_url)[1]
    page.goto(f"{intake['site']}/sjalvforsorjning/arenden/{case_id}/forsorjningshinder/?manad={month:%Y-%m}")
    page.get_by_label("Försörjningshinder för Testa Nyman").select_option(index=1)
    page.get_by_role("button", name=re.compile("^Spara försörjningshinder")).click()
    expect(page.get_by_text(re.compile("Försörjningshinder för .* är sparade"))).to_be_visible()
    page.goto(application_url)
    expect(page.locator(".proposal")).to_contain_text(f"10{NBSP}220{NBSP}kr")  # 3 940 + 1 280 + 5 000
    page.get_by_role("button", name="Fatta beslut").click()
    page.wait_for_url(re.compile(r"/arenden/\d+/beslut/\d+/$"))
    expect(page.get_by_text("Beslutet är fattat")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"10{NBSP}220{NBSP}kr")
    screenshot(page, "intag-forsta-beslut")


def test_a_partner_moving_in_raises_the_norm(intake):
    page, case_url = intake["page"], intake["case_url"]
    page.goto(case_url + "hushall/")
    expect(page.get_by_role("heading", name="Hushållet över tid")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Sambo eller make/maka flyttat in").check()
    page.locator("#id_add-personal_number").fill(PARTNER)
    page.locator("#id_add-first_name").fill("Kim")
    page.locator("#id_add-last_name").fill("Nyman")
    page.locator("#id_add-on").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_role("button", name="Spara").first.click()
    expect(page.get_by_text("Ändringen i hushållet är sparad.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Kim Nyman Medsökande"))).to_be_visible()
    screenshot(page, "intag-hushall")
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    if params.norm_table(next_month.year) is None:  # e.g. in December, before next year's table is entered
        pytest.skip(f"Riksnormen för {next_month.year} finns inte ännu; nästa månad kan inte beräknas")
    register_application(page, case_url)
    # The next month's household is a couple: 7 100 + 1 410 + 5 000 = 13 510 kr.
    expect(page.locator(".proposal")).to_contain_text(f"13{NBSP}510{NBSP}kr")


def test_an_application_is_withdrawn_with_its_reason(intake):
    page, case_url = intake["page"], intake["case_url"]
    application_url = register_application(page, case_url)
    page.get_by_text("Återkalla ansökan", exact=True).first.click()  # opens the details
    page.get_by_label("Varför återkallas ansökan?").fill("Har fått arbete och drar tillbaka ansökan.")
    assert serious_violations(page) == []
    screenshot(page, "intag-aterkalla")
    page.get_by_role("button", name="Återkalla ansökan").click()
    page.wait_for_url(application_url)
    expect(page.get_by_role("heading", name="Ansökan är återkallad")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Har fått arbete och drar tillbaka ansökan.")
    expect(page.get_by_role("button", name=re.compile("beslut", re.IGNORECASE))).to_have_count(0)
    page.goto(case_url + "journal/")
    expect(page.locator("main")).to_contain_text("Ansökan återkallad")
