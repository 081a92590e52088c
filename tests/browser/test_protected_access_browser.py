"""The unit manager gives and takes back access to a protected case in a real browser; the page names
cases by number only, and the person given access can open the case until the access is taken back."""

import pytest

from tests.browser.conftest import screenshot, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

GRANTEE = "Maria Holm"  # the demo user `forste`, senior caseworker in Norr 1 and Norr 2


def test_unit_manager_grants_and_revokes_access_to_a_protected_case(browser, site):
    from bistand.people.models import Person

    manager = sign_in(browser, site, "enhetschef")
    manager.get_by_role("link", name="Skyddade ärenden och behörigheter").click()
    manager.wait_for_url(f"{site.url}/skyddade-arenden/")
    manager.get_by_role("heading", name="Skyddade ärenden och behörigheter", level=1).wait_for()
    text = manager.locator("main").inner_text()
    for person in Person.objects.exclude(protected_identity=""):
        assert person.full_name not in text and person.personal_number_display not in text

    # The first protected case where the grantee can be chosen (she may hold one of them herself).
    section = (
        manager.locator("section[aria-labelledby^='case-']")
        .filter(has=manager.locator("option", has_text=GRANTEE))
        .first
    )
    case_id = section.get_attribute("aria-labelledby").removeprefix("case-")
    number = section.get_by_role("heading", level=2).inner_text().removeprefix("Ärende ").strip()
    section.get_by_label("Ge behörighet till").select_option(label=f"{GRANTEE} (förste socialsekreterare)")
    grantee = sign_in(browser, site, "forste")
    case_url = f"{site.url}/arenden/{case_id}/"
    assert grantee.goto(case_url).status in (403, 404)

    section.get_by_label("Skäl", exact=True).fill("Vikarierar under semestern")
    section.get_by_role("button", name="Ge behörighet").click()
    manager.get_by_text(f"{GRANTEE} har fått behörighet till ärende {number}.").wait_for()
    screenshot(manager, "09-skyddade-arenden")
    assert serious_violations(manager) == []

    assert grantee.goto(case_url).status == 200
    grantee.get_by_role("heading", name=f"Akt för ärende {number}").wait_for()

    section = manager.locator(f"section[aria-labelledby='case-{case_id}']")
    row = section.get_by_role("row").filter(has_text=GRANTEE)
    row.get_by_placeholder("Skäl").fill("Vikariatet är slut")
    row.get_by_role("button", name="Ta bort").click()
    manager.get_by_text(f"Behörigheten till ärende {number} är borttagen.").wait_for()

    assert grantee.goto(case_url).status in (403, 404)
    manager.context.close()
    grantee.context.close()
