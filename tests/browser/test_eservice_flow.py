"""The resident e-service in a real browser, on a phone-sized screen (390×844) and with the keyboard only:
a couple applies with "nothing has changed", both adults sign with their own login, the caseworker
decides in her own browser, and the resident reads the decision and the payment. axe-core finds no
serious or critical violations on any resident page, no page scrolls sideways, nothing is blocked by the
Content-Security-Policy.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_violations, sign_in, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}


def _couple():
    """A couple of handlaggare's that has not applied for this month (the demo leaves one or two)."""
    from bistand.cases.models import Application
    from bistand.eservice.views.session import demo_residents
    from bistand.people.models import MemberRole

    month = timezone.localdate().replace(day=1)
    for household in demo_residents():
        if not household["couple"]:
            continue
        first, second = household["members"]
        case = first.memberships.get(role=MemberRole.APPLICANT, valid_to__isnull=True).household.cases.get(
            status="open"
        )
        if (
            case.caseworker.user.username == "handlaggare"
            and not Application.objects.filter(case=case, month=month).exists()
        ):
            return case, first, second
    pytest.fail("Demostad har inget par hos handlaggare som inte har ansökt den här månaden")


def _check(page, name: str) -> None:
    """No serious accessibility violations, no sideways scroll at 390 px, nothing blocked by the CSP."""
    assert serious_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    assert page.csp_errors == []
    screenshot(page, f"eservice-{name}")


def _press(page, locator, key: str = "Enter") -> None:
    """Operate a control with the keyboard only: focus it, then press the key."""
    locator.focus()
    expect(locator).to_be_focused()
    page.keyboard.press(key)


def _resident(browser, site, person, name: str):
    context = browser.new_context(locale="sv-SE", viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    watch_csp(page)
    page.goto(f"{site.url}/mina-sidor/")
    page.wait_for_url(re.compile(r"/mina-sidor/logga-in/"))
    _check(page, f"{name}-logga-in")
    _press(page, page.get_by_label(re.compile(re.escape(person.full_name))), "Space")
    _press(page, page.get_by_role("button", name="Logga in som testperson"))
    page.wait_for_url(f"{site.url}/mina-sidor/")
    expect(page.get_by_text(f"Inloggad som {person.full_name}")).to_be_visible()
    return page


@pytest.fixture(scope="module")
def flow(browser, site):
    case, first, second = _couple()
    result = {"case": case, "first": first, "second": second}

    # The applicant: "nothing has changed", one step and the signature.
    page = _resident(browser, site, first, "1")
    _check(page, "1-oversikt")
    _press(page, page.get_by_role("button", name=re.compile(r"^Ansök om pengar för ")))
    page.wait_for_url(re.compile(r"/mina-sidor/ansokan/\d+/$"))
    expect(page.get_by_role("heading", name="Preliminär beräkning, inte ett beslut")).to_be_visible()
    expect(page.get_by_text("Försörjningsstöd enligt beräkningen")).to_be_visible()
    _check(page, "1-ansokan")
    _press(page, page.get_by_label(re.compile("Jag lovar att uppgifterna stämmer")), "Space")
    _press(page, page.get_by_role("button", name="Inget har ändrats – skriv under"))
    expect(page.get_by_text("Väntar på underskrift").first).to_be_visible()
    expect(page.get_by_text(second.full_name).first).to_be_visible()
    _check(page, "1-vantar")
    draft_url = page.url
    for path, label in (("utbetalningar/", "utbetalningar"), ("moten/", "moten"), ("plan/", "plan")):
        page.goto(f"{site.url}/mina-sidor/{path}")
        _check(page, f"1-{label}")
    page.goto(draft_url)
    _press(page, page.get_by_role("button", name="Logga ut"))
    page.wait_for_url(re.compile(r"/mina-sidor/logga-in/"))
    page.context.close()

    # The caseworker sees that it waits for the other adult's signature.
    staff = sign_in(browser, site, "handlaggare")
    staff.get_by_role("link", name="Mina hushåll", exact=True).click()
    expect(staff.get_by_text("E-tjänst: väntar på underskrift").first).to_be_visible()

    # The co-applicant signs with their own login: the application is sent.
    page = _resident(browser, site, second, "2")
    _press(page, page.get_by_role("link", name=re.compile(r"Ansökan om försörjningsstöd, ")).first)
    page.wait_for_url(re.compile(r"/mina-sidor/ansokan/\d+/$"))
    _press(page, page.get_by_label(re.compile("Jag lovar att uppgifterna stämmer")), "Space")
    _press(page, page.get_by_role("button", name="Skriv under och skicka"))
    page.wait_for_url(re.compile(r"/mina-sidor/arende/\d+/ansokan/\d+/$"))
    expect(page.get_by_text("Tack! Din ansökan är inskickad.")).to_be_visible()
    expect(page.get_by_text("Inkommen").first).to_be_visible()
    _check(page, "2-inskickad")
    result["resident_page"] = page
    result["application_url"] = page.url

    # The caseworker: in the queue at once, from the e-service, decided with one confirmation.
    application_id = re.search(r"/ansokan/(\d+)/$", page.url).group(1)
    staff.goto(f"{site.url}/")
    row = staff.locator(f'tr:has(a[href="/arenden/{case.pk}/"])').first
    expect(row.get_by_text(re.compile(r"E-tjänst · inkom"))).to_be_visible()
    staff.goto(f"{site.url}/arenden/{case.pk}/ansokningar/{application_id}/")
    expect(staff.get_by_role("heading", name="Från e-tjänsten")).to_be_visible()
    expect(staff.get_by_text(re.compile(r"via e-tjänst ·"))).to_be_visible()
    staff.get_by_role("button", name="Bekräfta beslut enligt förslaget").click()
    staff.wait_for_load_state()
    if "/beslut/" not in staff.url:
        pytest.fail("Beslutet nekades: " + staff.locator(".error-summary").first.inner_text())
    staff.wait_for_url(re.compile(r"/arenden/\d+/beslut/\d+/$"))
    staff.context.close()
    yield result
    page.context.close()


def test_both_adults_signed_and_the_caseworker_decided(flow):
    from bistand.cases.models import Application

    application = Application.objects.get(case=flow["case"], month=timezone.localdate().replace(day=1))
    assert application.channel == "e_service" and application.status == "decided"
    origin = application.resident_origin
    assert {s.person_id for s in origin.signatures.all()} == {flow["first"].pk, flow["second"].pk}


def test_the_resident_sees_the_decision_and_the_payment(flow):
    from bistand.cases.models import Payment

    page = flow["resident_page"]
    page.goto(flow["application_url"])
    expect(page.get_by_text("Beslutad").first).to_be_visible()
    payment = Payment.objects.filter(case=flow["case"]).order_by("-created_at", "-id").first()
    amount = f"{payment.amount:,}".replace(",", "\u00a0") + "\u00a0kr"
    expect(page.get_by_text(amount).first).to_be_visible()
    _check(page, "2-beslut")
    with page.expect_download() as info:
        _press(page, page.get_by_role("link", name="Läs beslutet (PDF)"))
    assert info.value.suggested_filename.endswith(".pdf")
    page.goto(page.url.split("/mina-sidor/")[0] + "/mina-sidor/utbetalningar/")
    expect(page.get_by_text(amount).first).to_be_visible()
    _check(page, "2-utbetalningar")


def test_english_on_a_phone(flow):
    page = flow["resident_page"]
    page.goto(flow["application_url"])
    _press(page, page.get_by_role("button", name="In English"))
    expect(page.get_by_role("button", name="På svenska")).to_be_visible()
    expect(page.get_by_text("Decided").first).to_be_visible()
    _check(page, "2-english")
    _press(page, page.get_by_role("button", name="På svenska"))
    expect(page.get_by_role("button", name="In English")).to_be_visible()
