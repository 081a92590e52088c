"""The register extract in Chromium: the demo's unit manager finds a client by personnummer and downloads
the extract as PDF and JSON; the page passes axe-core. The module's teardown flushes the demo city, which
also shows that the append-only triggers let Django's flush through (it takes a purge permit)."""

import json
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("demo_city")]


@pytest.fixture(scope="module")
def client_person(demo_city, django_db_blocker):
    """A person whose every case the unit manager `enhetschef` may open (so the extract is allowed)."""
    from bistand.casework.access import visible_cases
    from bistand.lifecycle.extract import service
    from bistand.organisation.models import StaffMember

    with django_db_blocker.unblock():
        manager = StaffMember.objects.get(user__username="enhetschef")
        for case in visible_cases(manager).filter(decisions__isnull=False).distinct().order_by("pk"):
            person = case.applicant
            if person and service.person_for(manager, person_id=person.pk):
                return {"number": person.personal_number_display, "name": person.full_name}
    pytest.fail("Demostaden har ingen klient som enhetschefen kan ta fram registerutdrag för.")


def test_the_unit_manager_downloads_an_extract(browser, site, client_person, tmp_path):
    page = sign_in(browser, site, "enhetschef")
    page.get_by_role("link", name="Registerutdrag").click()
    page.get_by_role("heading", name="Registerutdrag").wait_for()
    page.get_by_label("Personnummer eller samordningsnummer").fill(client_person["number"])
    page.get_by_role("button", name="Sök").click()
    page.get_by_role("heading", name=f"{client_person['name']}, {client_person['number']}").wait_for()
    assert serious_violations(page) == []
    screenshot(page, "registerutdrag")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Hämta registerutdrag (PDF)").click()
    pdf = tmp_path / "utdrag.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    with page.expect_download() as json_download:
        page.get_by_role("link", name="Hämta maskinläsbar fil (JSON)").click()
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["personal_number"] == client_person["number"].replace("-", "")
    assert data["cases"] and data["cases"][0]["decisions"]
    page.context.close()


def test_a_caseworker_has_no_extract_page(browser, site):
    page = sign_in(browser, site, "handlaggare")
    assert page.get_by_role("link", name="Registerutdrag").count() == 0
    response = page.goto(f"{site.url}/registerutdrag/")
    assert response.status == 404
    page.context.close()
