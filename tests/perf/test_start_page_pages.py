"""The start page shows a long queue and a long caseload a page at a time, so its size stays bounded.

The counts above the lists still cover the whole caseload, and the audit row names exactly the cases the
page shows (a client's name on the page is a read of their case).
"""

from datetime import date

import pytest
from django.utils import timezone

from bistand.audit.models import AuditEvent
from bistand.casework.views import start
from tests.perf.caseload import caseload

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))
    monkeypatch.setattr(start, "QUEUE_PAGE_SIZE", 20)
    monkeypatch.setattr(start, "HOUSEHOLDS_PAGE_SIZE", 25)


def _listed(worker) -> set[int]:
    event = AuditEvent.objects.filter(staff=worker, action="list").order_by("-id").first()
    return set(event.cases.values_list("pk", flat=True))


def test_thirty_households_on_pages_of_20_and_25(client, small_pages):
    unit, worker, manager = caseload(30)
    client.force_login(worker.user)

    first = client.get("/")
    # 30 households, each with this month's application waiting: 30 to decide, 30 in the caseload.
    assert len(first.context["to_decide"]) == 30 and first.context["caseload"] == 30
    assert len(first.context["queue_page"].object_list) == 20  # 1–20 of 30
    html = first.content.decode()
    assert "Visar 1–20 av 30 ansökningar" in html
    assert "?besluta=2#to-decide" in html
    # The list of every household is its own page; the start page links to it with the count.
    assert "rows_page" not in first.context
    assert 'href="/mina-hushall/">Visa alla 30 hushåll</a>' in html
    assert _listed(worker) == {row.case.pk for row, _ in first.context["queue_page"]}

    second = client.get("/?besluta=2")
    assert len(second.context["queue_page"].object_list) == 10  # 21–30
    assert "Visar 21–30 av 30 ansökningar" in second.content.decode()
    # The oldest applications come first: page two holds the ten the first page did not show.
    first_ids = {app.application.pk for _, app in first.context["queue_page"]}
    second_ids = {app.application.pk for _, app in second.context["queue_page"]}
    assert not first_ids & second_ids and len(first_ids | second_ids) == 30

    households = client.get("/mina-hushall/")
    assert len(households.context["rows_page"].object_list) == 25  # 1–25 of 30, by case number
    html = households.content.decode()
    assert "Mina hushåll (30)" in html and "Visar 1–25 av 30 hushåll" in html
    assert '?sida=2">Nästa' in html
    assert _listed(worker) == {row.case.pk for row in households.context["rows_page"]}
    last = client.get("/mina-hushall/?sida=2")
    assert len(last.context["rows_page"].object_list) == 5  # 26–30
    assert "Visar 26–30 av 30 hushåll" in last.content.decode()
    numbers = [row.case.number for row in households.context["rows_page"]] + [
        row.case.number for row in last.context["rows_page"]
    ]
    assert numbers == sorted(numbers) and len(set(numbers)) == 30


def test_the_households_page_is_for_caseworkers(client, small_pages):
    unit, worker, manager = caseload(3)
    client.force_login(manager.user)
    assert client.get("/mina-hushall/").url == "/"


def test_a_short_caseload_has_no_page_links(client, small_pages):
    unit, worker, manager = caseload(5)
    client.force_login(worker.user)
    html = client.get("/").content.decode()
    assert "Visar " not in html and "?besluta=" not in html
