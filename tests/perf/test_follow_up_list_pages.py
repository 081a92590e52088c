"""The follow-up list shows a unit's plans a page at a time; the overdue count still covers every plan.

The audit row of each page names the cases that page shows (a client's name on the page is a read of
their case), no more.
"""

from datetime import date

import pytest
from django.utils import timezone

from bistand.audit.models import AuditEvent
from bistand.selfsupport.views import overview
from tests.perf.caseload import caseload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages_of_20(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))
    monkeypatch.setattr(overview, "FOLLOW_UPS_PAGE_SIZE", 20)


def _listed(staff) -> set[int]:
    event = AuditEvent.objects.filter(staff=staff, action="list").order_by("-id").first()
    return set(event.cases.values_list("pk", flat=True))


def test_thirty_plans_on_pages_of_twenty(client, pages_of_20):
    # 30 households with one active plan each; every other one (15) was due 1 November 2026: overdue on
    # 1 December. The others are due 15 January 2027.
    unit, worker, manager = caseload(30)
    client.force_login(manager.user)

    first = client.get("/sjalvforsorjning/uppfoljningar/")
    html = first.content.decode()
    assert first.context["overdue"] == 15  # all of them, not only the page's
    assert "15 försenade" in html
    assert "Visar 1–20 av 30 planer" in html and "?sida=2" in html
    shown_first = list(first.context["plans"])
    assert len(shown_first) == 20
    # Soonest due first: the 15 overdue plans, then 5 of those due in January.
    assert [p.next_follow_up_due for p in shown_first] == [date(2026, 11, 1)] * 15 + [date(2027, 1, 15)] * 5
    assert html.count("Uppföljning försenad") == 15
    assert _listed(manager) == {p.case_id for p in shown_first}

    second = client.get("/sjalvforsorjning/uppfoljningar/?sida=2")
    html = second.content.decode()
    shown_second = list(second.context["plans"])
    assert len(shown_second) == 10 and second.context["overdue"] == 15
    assert "Visar 21–30 av 30 planer" in html and "?sida=1" in html
    assert "Uppföljning försenad" not in html  # the page's plans are all due in January
    assert not {p.pk for p in shown_first} & {p.pk for p in shown_second}
    assert _listed(manager) == {p.case_id for p in shown_second}


def test_a_short_list_has_no_page_links(client, pages_of_20):
    unit, worker, manager = caseload(5)
    client.force_login(worker.user)
    html = client.get("/sjalvforsorjning/uppfoljningar/").content.decode()
    assert "Visar " not in html and "?sida=" not in html


def test_the_start_page_panels_list_ten_and_count_the_rest(pages_of_20):
    """30 households on 1 December 2026: 15 plans overdue since 1 November, 15 due 15 January (outside the
    panel's 14 days), and a reminder due 3 December on each case."""
    from bistand.selfsupport import hooks

    unit, worker, manager = caseload(30)
    follow_ups = hooks.follow_ups_panel(worker, None)
    assert len(follow_ups.context["plans"]) == 10
    assert {p.next_follow_up_due for p in follow_ups.context["plans"]} == {date(2026, 11, 1)}
    assert follow_ups.context["overdue_count"] == 15  # all of them, not only the ten listed
    assert follow_ups.context["more"] == 5  # 15 due within the 14 days, 10 listed
    assert follow_ups.context["total"] == 30
    assert set(follow_ups.cases) == {p.case_id for p in follow_ups.context["plans"]}

    reminders = hooks.reminders_panel(worker, None)
    assert len(reminders.context["items"]) == 10 and reminders.context["more"] == 20
    assert set(reminders.cases) == {r.case_id for r in reminders.context["items"]}
