"""The path to self-support in a real browser, as the demo caseworker `handlaggare`:

book and record a first visit with a client she has not met, complete a life-area assessment, write an
action plan with two goals, see the plan's follow-up on the start page with its due date, and see an
overdue follow-up from the demo data flagged. Every self-support page passes axe-core (no serious or
critical violations). Screenshots go to test-artifacts/screenshots/ss-*.png.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_city")]


@pytest.fixture(scope="module")
def selfsupport_demo(demo_city, django_db_blocker):
    """The self-support demo data; `bistand build_demo` writes it, the factory fallback does not."""
    from bistand.cases.models import Case
    from bistand.demo.selfsupport import populate
    from bistand.selfsupport.models import ActionPlan, Meeting
    from bistand.selfsupport.plans import GoalInput, create_plan

    with django_db_blocker.unblock():
        today = timezone.localdate()
        if not Meeting.objects.exists():
            populate(SimpleNamespace(seed=2026, as_of=today.replace(day=1)))
        mine = Case.objects.filter(caseworker__user__username="handlaggare", status="open").order_by("number")
        if not ActionPlan.objects.filter(
            case__in=mine, status="active", next_follow_up_due__lt=today
        ).exists():
            # TEMPORARY for the factory fallback (two cases only): one overdue plan as build_demo would have.
            case = mine.last()
            create_plan(
                case,
                case.applicant,
                case.caseworker,
                established_on=today - timedelta(days=120),
                goals=[GoalInput("Jag vill ha ett jobb")],
                client_participated=True,
                agreed_on=None,
                agreement_method="",
            )


@pytest.fixture(scope="module")
def flow(browser, live_server, selfsupport_demo):
    page = sign_in(browser, live_server, "handlaggare")
    result = {"page": page, "urls": {}}
    yield result
    page.context.close()


def test_first_visit_assessment_plan_and_follow_up_on_the_start_page(flow, browser, live_server):
    page = flow["page"]
    urls = flow["urls"]
    today = timezone.localdate()
    page.goto(f"{live_server.url}/")
    not_met = page.get_by_role("region", name="Klienter du inte har träffat")
    expect(not_met).to_be_visible()
    screenshot(page, "ss-01-start")

    # 1. Book a first visit with a client she has not met since taking over the case.
    not_met.get_by_role("link", name=re.compile(r"^boka möte")).first.click()
    page.wait_for_url(re.compile(r"/sjalvforsorjning/arenden/\d+/moten/$"))
    urls["meetings"] = page.url
    case_id = int(re.search(r"/arenden/(\d+)/", page.url).group(1))
    urls["case"] = f"{live_server.url}/arenden/{case_id}/"
    urls["overview"] = f"{live_server.url}/sjalvforsorjning/arenden/{case_id}/"
    urls["barriers"] = f"{live_server.url}/sjalvforsorjning/arenden/{case_id}/forsorjningshinder/"
    urls["history"] = f"{live_server.url}/sjalvforsorjning/arenden/{case_id}/livsomraden/"
    urls["reminders"] = f"{live_server.url}/sjalvforsorjning/arenden/{case_id}/bevakningar/"
    urls["close"] = f"{live_server.url}/sjalvforsorjning/arenden/{case_id}/avsluta/"
    urls["time"] = f"{live_server.url}/sjalvforsorjning/tid-med-klienter/"
    page.get_by_role("radio", name="Nybesök").check()
    page.get_by_role("radio", name="Fysiskt möte").check()
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Klockslag").fill("08:00")
    page.get_by_label("Längd i minuter").fill("60")
    page.get_by_label("Plats").fill("Rum 3, Norr")
    screenshot(page, "ss-02-boka-mote")
    page.get_by_role("button", name="Boka mötet").click()
    expect(page.get_by_text("Nybesök är bokat")).to_be_visible()
    # 2. Record it as held, with a note for the journal.
    page.get_by_role("link", name=re.compile(r"^Registrera hur mötet gick")).first.click()
    urls["record"] = page.url
    expect(page.get_by_role("radio", name="Genomfört")).to_be_checked()
    # Who took part is ticked by the caseworker: nothing is ticked beforehand.
    participants = page.get_by_role("group", name=re.compile(r"^Klienter som deltog")).get_by_role("checkbox")
    expect(participants.first).not_to_be_checked()
    participants.first.check()
    page.get_by_label("Anteckning till journalen").fill(
        "Nybesök. Vi gick igenom ansökan och klientens mål med arbete."
    )
    screenshot(page, "ss-03-registrera-mote")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Nybesök är registrerat som genomfört")).to_be_visible()
    page.goto(urls["case"])
    section = page.get_by_role("region", name="Väg till självförsörjning")
    expect(section).to_be_visible()
    expect(section).not_to_contain_text("Ej träffad")
    expect(page.get_by_text(re.compile(r"Nybesök: genomfört")).first).to_be_visible()  # in the timeline
    screenshot(page, "ss-04-akt")

    # 3. A life-area assessment.
    page.goto(urls["overview"] + "livsomraden/ny/")
    urls["assessment"] = page.url
    boende = page.get_by_role("group", name=re.compile(r"^1\. Boende"))
    boende.get_by_role("radio", name="2 – Betydande hinder").check()
    boende.get_by_label("Med klientens egna ord").fill("Vi bor trångt hos min bror")
    health = page.get_by_role("group", name=re.compile(r"^5\. Psykisk hälsa"))
    health.get_by_role("radio", name="1 – Litet hinder").check()
    page.get_by_label("Handläggarens sammanfattande bedömning").fill(
        "Står nära arbetsmarknaden om boendet löses."
    )
    screenshot(page, "ss-05-bedomning")
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_text("Bedömningen av livsområdena är sparad")).to_be_visible()
    expect(page.get_by_text("Vi bor trångt hos min bror")).to_be_visible()
    screenshot(page, "ss-06-bedomning-sparad")

    # 4. An action plan with two goals, first follow-up in ten days.
    page.goto(urls["overview"] + "plan/ny/")
    urls["plan_form"] = page.url
    due = today + timedelta(days=10)
    goal1 = page.get_by_role("group", name=re.compile(r"^Mål 1"))
    goal1.get_by_label("Målet med klientens egna ord").fill("Jag vill prata svenska på jobbet")
    goal1.get_by_label("Insats, mål 1, rad 1").select_option(label="SFI (svenska för invandrare)")
    goal1.get_by_label("Ansvarig, mål 1, rad 1").select_option(label="Klienten")
    goal2 = page.get_by_role("group", name=re.compile(r"^Mål 2"))
    goal2.get_by_label("Målet med klientens egna ord").fill("Jag vill jobba i butik")
    goal2.get_by_label("Insats, mål 2, rad 1").select_option(label="Arbetsträning")
    goal2.get_by_label("Vad ska göras, mål 2, rad 1").fill("Arbetsträning i butik")
    goal2.get_by_label("Ansvarig, mål 2, rad 1").select_option(label="Jobb Demostad")
    page.get_by_label("Datum då klienten godkände planen").fill(today.isoformat())
    page.get_by_label("Hur godkände klienten planen?").select_option(label="Muntligt vid möte")
    page.get_by_label("Första uppföljning senast").fill(due.isoformat())
    current = page.get_by_label(re.compile(r"Avsluta personens nuvarande plan"))
    if current.count():  # the client has a plan from the demo: ending it is confirmed explicitly
        expect(current).not_to_be_checked()
        current.check()
    screenshot(page, "ss-07-plan")
    page.get_by_role("button", name="Spara planen").click()
    expect(page.get_by_text(f"Första uppföljning senast {due.isoformat()}")).to_be_visible()
    urls["plan"] = page.url
    screenshot(page, "ss-08-plan-sparad")

    # 5. The follow-up is on the start page with its due date; an overdue one from the demo is flagged.
    page.goto(f"{live_server.url}/")
    panel = page.get_by_role("region", name="Uppföljningar av genomförandeplaner")
    row = panel.get_by_role("row").filter(has_text=due.isoformat())
    assert row.count() >= 1
    expect(panel.get_by_text("Uppföljning försenad").first).to_be_visible()
    assert page.locator(".flag", has_text="Uppföljning försenad").count() >= 2  # panel and case list
    screenshot(page, "ss-09-start-uppfoljning")

    # 6. No serious accessibility violations on any of the pages used, and nothing blocked by the CSP.
    check_accessibility(page, urls)
    assert page.csp_errors == []

    # 7. The unit manager sees time with clients per worker (same test: see check_accessibility).
    unit_manager_sees_time_with_clients(browser, live_server)


def unit_manager_sees_time_with_clients(browser, live_server):
    page = sign_in(browser, live_server, "enhetschef")
    expect(page.get_by_role("region", name="Tid med klienter")).to_be_visible()
    screenshot(page, "ss-10-enhetschef-start")
    page.get_by_role("link", name="Se hela månaden per medarbetare").click()
    page.wait_for_url(re.compile(r"/tid-med-klienter/"))
    rows = page.get_by_role("table").first.get_by_role("row")
    expect(rows.nth(2)).to_be_attached()  # header + at least two caseworkers of Norr 1
    screenshot(page, "ss-11-tid-med-klienter")
    assert serious_violations(page) == []
    page.context.close()


A11Y_PAGES = ["meetings", "record", "assessment", "history", "plan_form", "plan", "overview", "barriers"]
A11Y_PAGES += ["reminders", "time", "close"]


def check_accessibility(page, urls) -> None:
    """axe-core on every self-support page of the flow (in the same test: pytest-django flushes the
    database after each live-server test, which would sign the user out)."""
    problems = {}
    for key in A11Y_PAGES:
        page.goto(urls[key])
        assert "/logga-in/" not in page.url, key
        screenshot(page, f"ss-axe-{key}")
        problems[key] = serious_violations(page)
    assert problems == {key: [] for key in A11Y_PAGES}
