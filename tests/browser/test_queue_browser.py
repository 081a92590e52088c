"""The work queue and fewer clicks in a real browser, as the demo caseworker `handlaggare` (Sara
Lindqvist) and the senior caseworker `forste` (Maria Holm):

- a decision above the caseworker's delegation is marked in the queue before any click, handed to the
  senior caseworker, shows who holds it, and is decided by her from her own queue;
- a missing barrier to self-support links to the form, pre-filled from last month, which returns to the
  application;
- a follow-up plan starts from the current one, more goal rows keep what was typed, nothing is
  pre-ticked, and the old plan is closed only after a confirmation;
- the week calendar (keyboard) and the meeting invitation letter as PDF.
Every page passes axe-core (no serious or critical violations).
"""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot, serious_violations, sign_in

# As in test_casework_browser: django_db makes pytest-django create the test database; the module's demo
# city and what the browser writes through the live server stay for all tests of the module.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def active_plan_url(demo_city, site, django_db_blocker):
    """A plan of one of handlaggare's clients that is still active (the demo writes plans)."""
    from bistand.selfsupport.models import ActionPlan

    with django_db_blocker.unblock():
        plan = (
            ActionPlan.objects.filter(
                status="active", case__caseworker__user__username="handlaggare", case__status="open"
            )
            .exclude(case__household__memberships__person__protected_identity__gt="")
            .order_by("case__number", "id")
            .first()
        )
        assert plan is not None, "the demo city has no active plan for handlaggare"
        first_goal = plan.goals.order_by("order", "id").first().text
        return f"{site.url}/sjalvforsorjning/arenden/{plan.case_id}/plan/{plan.pk}/", first_goal


def test_an_over_limit_decision_is_handed_to_and_decided_by_the_senior_caseworker(browser, site):
    page = sign_in(browser, site, "handlaggare")
    queue = page.get_by_role("table", name=re.compile("Inkomna ansökningar"))
    handovers = queue.get_by_role("link", name=re.compile(r"^Lämna över"))
    assert handovers.count() >= 1, "no application above the caseworker's delegation in the demo queue"
    row = queue.get_by_role("row").filter(has=page.get_by_role("link", name=re.compile(r"^Lämna över"))).first
    expect(row).to_contain_text("Över din delegation.")
    expect(row.get_by_role("link", name=re.compile(r"^Besluta\b"))).to_have_count(0)
    screenshot(page, "queue-01-marks")
    assert serious_violations(page) == []

    handovers.first.click()
    page.wait_for_url(re.compile(r"/arenden/\d+/ansokningar/\d+/#lamna-over$"))
    application_url = page.url.split("#")[0]
    expect(page.get_by_text("Du kan inte fatta det här beslutet.")).to_be_visible()
    expect(page.locator("#decide-button")).to_have_count(0)
    holder = page.get_by_label("Lämna över beslutet till")
    holder.select_option(label="Maria Holm (förste socialsekreterare)")
    page.get_by_label("Meddelande (valfritt)").fill("Stor familj, hyran är godkänd.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Lämna över beslutet").click()
    expect(page.get_by_text("Beslutet är överlämnat till Maria Holm.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Beslutet fattas av Maria Holm"))).to_be_visible()
    screenshot(page, "queue-02-handed-over")
    page.goto(f"{site.url}/")
    held = page.get_by_role("row").filter(has_text="Hos Maria Holm")
    expect(held.first).to_be_visible()
    page.context.close()

    senior = sign_in(browser, site, "forste")
    mine = senior.get_by_role("table", name=re.compile("lämnat över till dig"))
    expect(mine).to_be_visible()
    assert serious_violations(senior) == []
    case_path = re.sub(r"^https?://[^/]+", "", application_url)
    mine.locator(f'a[href="{case_path}"]').first.click()
    senior.wait_for_url(application_url)
    expect(senior.get_by_text("Stor familj, hyran är godkänd.")).to_be_visible()
    senior.locator("#decide-button").click()
    senior.wait_for_url(re.compile(r"/arenden/\d+/beslut/\d+/$"))
    expect(senior.get_by_text("Beslutet är fattat")).to_be_visible()
    expect(senior.get_by_text("Maria Holm").first).to_be_visible()
    screenshot(senior, "queue-03-decided-by-senior")
    senior.goto(f"{site.url}/")
    expect(senior.locator(f'a[href="{case_path}"]')).to_have_count(0)
    senior.context.close()


def test_the_barrier_blocker_links_to_a_prefilled_form_that_returns_to_the_application(browser, site):
    page = sign_in(browser, site, "handlaggare")
    queue = page.get_by_role("table", name=re.compile("Inkomna ansökningar"))
    shortcut = queue.get_by_role("link", name=re.compile(r"^Registrera försörjningshinder"))
    assert shortcut.count() >= 1, "no application waiting for a barrier in the demo queue"
    shortcut.first.click()
    page.wait_for_url(re.compile(r"/forsorjningshinder/\?manad=\d{4}-\d{2}&tillbaka="))
    expect(page.get_by_text(re.compile(r"^Förifyllt från"))).to_be_visible()
    for select in page.locator("form.card select").all():
        assert select.input_value() != ""  # last month's barrier is chosen already
    assert serious_violations(page) == []
    page.get_by_role("button", name=re.compile(r"^Spara försörjningshinder")).click()
    page.wait_for_url(re.compile(r"/arenden/\d+/ansokningar/\d+/$"))
    expect(page.get_by_text(re.compile(r"^Försörjningshinder för .* är sparade"))).to_be_visible()
    expect(page.get_by_text("Det här måste göras innan beslut:")).to_have_count(0)
    expect(page.locator("#decide-button, #refer-button").first).to_be_enabled()
    screenshot(page, "queue-04-barrier-back")
    page.context.close()


def test_a_follow_up_plan_starts_from_the_current_one(browser, site, active_plan_url):
    plan_url, first_goal = active_plan_url
    page = sign_in(browser, site, "handlaggare")
    page.goto(plan_url)
    page.get_by_role("link", name="Skriv en ny plan utifrån den här").click()
    page.wait_for_url(re.compile(r"/plan/ny/\?fran=\d+$"))
    goal1 = page.get_by_role("group", name=re.compile(r"^Mål 1"))
    expect(goal1.get_by_label("Målet med klientens egna ord")).to_have_value(first_goal)
    expect(page.get_by_label("Klienten har deltagit i att ta fram planen")).not_to_be_checked()
    expect(page.get_by_label(re.compile(r"Avsluta personens nuvarande plan"))).not_to_be_checked()
    goal3 = page.get_by_role("group", name=re.compile(r"^Mål 3"))
    goal3.get_by_label("Målet med klientens egna ord").fill("Jag vill ta körkort")
    page.get_by_label("Klientens synpunkter på planen").fill("Vill börja med körkortet.")
    page.get_by_role("button", name="Visa fler mål").click()
    expect(page.get_by_role("group", name=re.compile(r"^Mål 5"))).to_be_visible()
    goal3 = page.get_by_role("group", name=re.compile(r"^Mål 3"))
    expect(goal3.get_by_label("Målet med klientens egna ord")).to_have_value("Jag vill ta körkort")
    expect(page.get_by_label("Klientens synpunkter på planen")).to_have_value("Vill börja med körkortet.")
    goal1 = page.get_by_role("group", name=re.compile(r"^Mål 1"))
    expect(goal1.get_by_label("Målet med klientens egna ord")).to_have_value(first_goal)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Spara planen").click()
    expect(page.get_by_text(re.compile(r"har redan en aktuell plan från"))).to_be_visible()
    page.get_by_label(re.compile(r"Avsluta personens nuvarande plan")).check()
    page.get_by_role("button", name="Spara planen").click()
    expect(page.get_by_text(re.compile(r"^Genomförandeplanen är sparad"))).to_be_visible()
    expect(page.get_by_text("Jag vill ta körkort")).to_be_visible()
    screenshot(page, "queue-05-plan-renewed")
    page.goto(plan_url)
    expect(page.get_by_text("Avslutad").first).to_be_visible()
    page.context.close()


def test_the_week_calendar_and_the_invitation_letter(browser, site):
    page = sign_in(browser, site, "handlaggare")
    # Book a meeting on one of her cases for today, then find it in the calendar.
    page.get_by_role("link", name="Mina hushåll", exact=True).click()
    page.get_by_role("table", name="Dina aktuella ärenden").get_by_role("link").first.click()
    case_url = page.url
    page.goto(case_url.replace("/arenden/", "/sjalvforsorjning/arenden/") + "moten/")
    today = timezone.localdate()
    page.get_by_role("radio", name="Planeringsbesök").check()
    page.get_by_role("radio", name="Fysiskt möte").check()
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Klockslag").fill("13:15")
    page.get_by_label("Längd i minuter").fill("45")
    page.get_by_label("Plats").fill("Rum 4, Norr")
    page.get_by_role("button", name="Boka mötet").click()
    expect(page.get_by_text("Planeringsbesök är bokat")).to_be_visible()

    page.get_by_role("link", name="Kalender", exact=True).click()
    week = today.isocalendar()[1]
    expect(page.get_by_role("heading", name=f"Mina möten vecka {week}", level=1)).to_be_visible()
    day = page.locator("li.week-day.today")
    expect(day).to_contain_text("13:15 Planeringsbesök")
    expect(day).to_contain_text("Rum 4, Norr")
    screenshot(page, "queue-06-calendar")
    assert serious_violations(page) == []

    # Keyboard only: the next week and back.
    page.get_by_role("link", name="Nästa vecka →").focus()
    page.keyboard.press("Enter")
    next_week = (today + timedelta(days=7)).isocalendar()[1]
    expect(page.get_by_role("heading", name=f"Mina möten vecka {next_week}", level=1)).to_be_visible()
    page.get_by_role("link", name="Denna vecka").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Mina möten vecka {week}", level=1)).to_be_visible()

    invitation = (
        page.locator("li.week-day.today li")
        .filter(has_text="13:15")
        .get_by_role("link", name=re.compile(r"^Kallelse \(PDF\)"))
    )
    with page.expect_download() as info:
        invitation.click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "kallelse.pdf"
    info.value.save_as(pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils)")
    text = " ".join(
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
        .stdout.decode()
        .replace("\u00a0", " ")
        .split()
    )
    assert "Kallelse till planeringsbesök" in text, text[:500]
    assert "klockan 13.15" in text and "Plats: Rum 4, Norr" in text and "45 minuter" in text
    assert "Sara Lindqvist" in text
    page.context.close()


def test_the_payments_views(browser, site):
    page = sign_in(browser, site, "handlaggare")
    page.get_by_role("link", name="Utbetalningar", exact=True).click()
    expect(page.get_by_role("heading", name="Utbetalningar", level=1)).to_be_visible()
    table = page.get_by_role("table", name="Utbetalningar, senaste först")
    expect(table).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Sida 1 av \d+"))).to_be_visible()
    screenshot(page, "queue-07-payments-unit")
    assert serious_violations(page) == []
    table.get_by_role("row").nth(1).get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/arenden/\d+/utbetalningar/$"))
    expect(page.get_by_role("link", name="Utbetalningar", exact=True).last).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("table", name="Ärendets utbetalningar, senaste först")).to_be_visible()
    screenshot(page, "queue-08-payments-case")
    assert serious_violations(page) == []
    page.context.close()
