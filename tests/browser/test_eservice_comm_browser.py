"""The household's attachments, messages and survey on Mina sidor, in a real browser at phone size.

Everything the resident does is done with the keyboard alone (focus, then Enter or Space), except choosing
a file to attach. A demo resident (chosen on the demo's test login) sends a real PDF with an application
and is refused a text file named .pdf with a clear message; writes to the caseworker, who reads, answers and journals the
message on the staff side, and the resident reads the answer; and answers the survey after a meeting.
Every page is checked with axe-core (no serious or critical violations) and for sideways scrolling at
390×844.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_violations, sign_in, watch_csp
from tests.residentcomm.files import FAKE_PDF, small_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def household(demo_city, site, tmp_path_factory):
    """A demo resident from the test login's list whose open case has a caseworker, with an application
    still to be decided and a meeting held two days ago, committed for the server."""
    from django.conf import settings
    from django.utils import timezone

    from bistand.cases.models.application import ApplicationStatus
    from bistand.eservice.views.session import demo_residents
    from bistand.residentcomm.resident import cases_of
    from bistand.selfsupport.models import Meeting
    from tests.casework.factories import make_application

    settings.BISTAND_ATTACHMENTS_DIR = tmp_path_factory.mktemp("bilagor")
    for entry in demo_residents():
        person = entry["members"][0]
        case = cases_of(person).filter(caseworker__isnull=False, status="open").first()
        if (
            case is not None
            and not case.household.memberships.exclude(person__protected_identity="").exists()
        ):
            break
    else:
        pytest.fail("Ingen demoperson med ett öppet ärende och en handläggare")
    application = case.applications.filter(status=ApplicationStatus.RECEIVED).order_by("-month").first()
    if application is None:
        month = timezone.localdate().replace(day=1)
        while case.applications.filter(month=month).exists():
            month = (month.replace(day=28) + timezone.timedelta(days=5)).replace(day=1)
        application = make_application(case, month=month, items=[("cost", "rent", 5_000)])
    # A meeting held two days ago: the survey then invites the household (whatever the demo decided).
    Meeting.objects.create(
        case=case,
        kind="follow_up_visit",
        mode="in_person",
        status="held",
        starts_at=timezone.now() - timezone.timedelta(days=2),
    )
    return {
        "person": person,
        "case": case,
        "application": application,
        "staff": case.caseworker.user.username,
    }


def resident_page(browser, site, person, next_path):
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    watch_csp(page)
    page.goto(f"{site.url}/mina-sidor/logga-in/?next={next_path}")
    _press(page, page.locator(f"#person-{person.pk}"), "Space")
    _press(page, page.get_by_role("button", name="Logga in som testperson"))
    page.wait_for_url(f"{site.url}{next_path}")
    return page


def check_page(page, name):
    assert serious_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{page.url} scrolls sideways"
    )
    assert page.csp_errors == []
    screenshot(page, name)


def test_attachment_upload_real_pdf_and_fake_pdf(browser, site, household):
    path = f"/mina-sidor/bilagor/{household['application'].pk}/"
    page = resident_page(browser, site, household["person"], path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bilagor till din ansökan")
    check_page(page, "mina-sidor-bilagor")
    page.get_by_label("Välj fil (PDF, JPEG eller PNG)").set_input_files(
        {"name": "hyresavi.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    _press(page, page.get_by_role("button", name="Skicka bilagan"))
    expect(page.get_by_text("Bilagan är skickad till din handläggare.")).to_be_visible()
    expect(page.get_by_role("link", name="hyresavi.pdf")).to_be_visible()
    page.get_by_label("Välj fil (PDF, JPEG eller PNG)").set_input_files(
        {"name": "lonebesked.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}
    )
    _press(page, page.get_by_role("button", name="Skicka bilagan"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Filen kunde inte tas emot. Den är inte en PDF, JPEG eller PNG"
    )
    expect(page.get_by_role("link", name="lonebesked.pdf")).to_have_count(0)
    check_page(page, "mina-sidor-bilaga-nekad")
    page.context.close()


def test_a_message_thread_both_ways(browser, site, household):
    case = household["case"]
    path = f"/mina-sidor/meddelanden/{case.pk}/"
    resident = resident_page(browser, site, household["person"], path)
    check_page(resident, "mina-sidor-meddelanden")
    resident.get_by_label("Meddelande", exact=True).fill("Hej! Min hyra har höjts från december.")
    _press(resident, resident.get_by_role("button", name="Skicka", exact=True))
    expect(resident.get_by_text("Meddelandet är skickat till din handläggare.")).to_be_visible()

    staff = sign_in(browser, site, household["staff"])
    expect(staff.get_by_role("heading", name="Olästa meddelanden")).to_be_visible()
    staff.goto(f"{site.url}/arenden/{case.pk}/")
    expect(staff.get_by_text("Hej! Min hyra har höjts från december.")).to_be_visible()
    assert serious_violations(staff) == []
    staff.get_by_role("link", name="Läs och svara på meddelanden").click()
    staff.wait_for_url(re.compile(r"/meddelanden/$"))
    assert serious_violations(staff) == []
    staff.get_by_label("Meddelande").fill("Tack. Skicka gärna det nya hyresavtalet som bilaga.")
    staff.get_by_role("button", name="Skicka svar").click()
    expect(staff.get_by_text("Meddelandet är skickat.", exact=False)).to_be_visible()
    staff.get_by_role("button", name=re.compile(r"^Journalför")).first.click()
    expect(staff.get_by_text("Meddelandet är journalfört.")).to_be_visible()
    staff.goto(f"{site.url}/arenden/{case.pk}/journal/")
    expect(staff.get_by_text("Hej! Min hyra har höjts från december.").first).to_be_visible()
    staff.context.close()

    resident.reload()
    expect(resident.get_by_text("Tack. Skicka gärna det nya hyresavtalet som bilaga.")).to_be_visible()
    check_page(resident, "mina-sidor-meddelanden-svar")
    resident.goto(f"{site.url}/mina-sidor/meddelanden/")
    expect(resident.get_by_role("heading", level=1)).to_be_visible()
    check_page(resident, "mina-sidor-meddelanden-alla")
    resident.context.close()


def test_the_survey_is_answered(browser, site, household):
    page = resident_page(browser, site, household["person"], "/mina-sidor/enkat/")
    check_page(page, "mina-sidor-enkat")
    _press(page, page.get_by_role("link", name=re.compile(r"^Svara om ditt senaste")).first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Om ditt senaste")
    check_page(page, "mina-sidor-enkat-fragor")
    for question in ("Blev du bemött med respekt?", "Förstod du beslutet?"):
        _press(page, page.get_by_role("group", name=question).get_by_label("Ja"), "Space")
    _press(page, page.get_by_role("group", name=re.compile("^Fick du hjälp")).get_by_label("Delvis"), "Space")
    _press(page, page.get_by_role("button", name="Skicka svaren"))
    expect(page.get_by_text("Tack för dina svar! De sparas utan ditt namn.")).to_be_visible()
    check_page(page, "mina-sidor-enkat-tack")
    page.context.close()


def _unused_personal_number():
    from datetime import date

    from bistand.people.models import Person
    from tests.casework.factories import personal_number

    for serial in range(1, 999):
        number = personal_number(date(1992, 6, 15), serial)
        if not Person.objects.filter(personal_number=number).exists():
            return number
    pytest.fail("Inget ledigt personnummer")


def _press(page, locator, key: str = "Enter") -> None:
    """Operate a control with the keyboard only: focus it, then press the key."""
    locator.focus()
    expect(locator).to_be_focused()
    page.keyboard.press(key)


def _choose(page, select, label: str) -> None:
    """Choose an option of a focused drop-down by typing the start of its text, as a keyboard user does."""
    select.focus()
    page.keyboard.type(label)
    expect(select.locator("option:checked")).to_have_text(label)


def test_a_first_application_with_an_attachment_from_someone_new(browser, site, household):
    """With the keyboard only (except choosing the file), someone Bistånd does not know signs in (the demo's stand-in for e-legitimation), describes the
    household, applies, signs, sends the lease as an attachment; the unit manager finds the new case to
    distribute, with the application and its attachment."""
    number = _unused_personal_number()
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    watch_csp(page)
    page.goto(f"{site.url}/mina-sidor/logga-in/")
    page.get_by_label("Personnummer").fill(f"{number[:8]}-{number[8:]}")
    page.get_by_label("Förnamn").fill("Nora")
    page.get_by_label("Efternamn").fill("Nyström")
    _press(page, page.get_by_role("button", name="Logga in som ny sökande"))
    page.wait_for_url(f"{site.url}/mina-sidor/forsta-ansokan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansök om ekonomiskt bistånd")
    check_page(page, "mina-sidor-forsta-ansokan")

    # A mistake first: the partner's number is wrong; nothing typed is lost.
    _choose(page, page.get_by_label("Var bor du?"), "Norr")
    page.get_by_label("Ditt telefonnummer (om du vill att vi ringer dig)").fill("070-123 45 67")
    page.locator("#id_partner_number").fill("19900201-0000")
    page.locator("#id_partner_first_name").fill("Per")
    page.locator("#id_partner_last_name").fill("Nyström")
    _press(page, page.get_by_role("button", name="Spara och fortsätt"))
    expect(page.get_by_text("Personnumret stämmer inte.")).to_be_visible()
    expect(page.locator("#id_partner_first_name")).to_have_value("Per")
    check_page(page, "mina-sidor-forsta-ansokan-fel")
    # Nora lives alone after all.
    for field in ("#id_partner_number", "#id_partner_first_name", "#id_partner_last_name"):
        page.locator(field).fill("")
    _press(page, page.get_by_role("button", name="Spara och fortsätt"))
    page.wait_for_url(re.compile(r"/mina-sidor/ansokan/\d+/fyll-i/$"))
    expect(page.get_by_text("Ditt hushåll är registrerat.")).to_be_visible()
    check_page(page, "mina-sidor-forsta-ansokan-fyll-i")

    _choose(page, page.locator("#cost-0-kind"), "Hyra")
    page.locator("#cost-0-amount").fill("6500")
    page.get_by_label(re.compile("Varför söker du")).fill("Jag har förlorat mitt arbete.")
    _press(page, page.get_by_role("button", name="Spara och se beräkningen"))
    page.wait_for_url(re.compile(r"/mina-sidor/ansokan/\d+/$"))
    expect(page.get_by_role("heading", name="Preliminär beräkning, inte ett beslut")).to_be_visible()
    check_page(page, "mina-sidor-forsta-ansokan-forhandsvisning")
    _press(page, page.get_by_label(re.compile("Jag lovar att uppgifterna stämmer")), "Space")
    _press(page, page.get_by_role("button", name="Skriv under och skicka"))
    page.wait_for_url(re.compile(r"/mina-sidor/arende/\d+/ansokan/\d+/$"))
    expect(page.get_by_text("Tack! Din ansökan är inskickad.")).to_be_visible()
    case_id, application_id = re.search(r"/arende/(\d+)/ansokan/(\d+)/$", page.url).groups()

    _press(page, page.get_by_role("link", name=re.compile("Skicka bilagor")))
    page.wait_for_url(f"{site.url}/mina-sidor/bilagor/{application_id}/")
    page.get_by_label("Välj fil (PDF, JPEG eller PNG)").set_input_files(
        {"name": "hyresavtal.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    _press(page, page.get_by_role("button", name="Skicka bilagan"))
    expect(page.get_by_role("link", name="hyresavtal.pdf")).to_be_visible()
    context.close()

    # The unit manager of Norr 1: the new case is among those to distribute, with the application and
    # its attachment.
    staff = sign_in(browser, site, "enhetschef")
    staff.goto(f"{site.url}/intag/")
    expect(staff.get_by_text("Nora Nyström").first).to_be_visible()
    staff.goto(f"{site.url}/arenden/{case_id}/ansokningar/{application_id}/")
    expect(staff.get_by_text("E-tjänst").first).to_be_visible()
    expect(staff.get_by_role("link", name="hyresavtal.pdf")).to_be_visible()
    staff.context.close()
