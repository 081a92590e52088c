"""The main staff pages cost the same number of queries whatever the caseload (no query per household).

Caseworkers in the big cities carry 100+ households; a page that runs a query per household grows from
fractions of a second to many seconds. Each test builds the same page for a small and a large caseload and
asserts equal query counts.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.perf.caseload import caseload

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 200


def _queries(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))


def _both(client, url, role):
    counts = []
    for size in (SMALL, LARGE):
        unit, worker, manager = caseload(size)
        user = (worker if role == "worker" else manager).user
        counts.append(_queries(client, user, url))
        client.logout()
    return counts


def test_caseworker_start_page(client, today):
    small, large = _both(client, "/", "worker")
    assert small == large, (small, large)


def test_unit_manager_start_page(client, today):
    small, large = _both(client, "/", "manager")
    assert small == large, (small, large)


def test_senior_caseworker_start_page(client, today):
    from bistand.organisation.models import Role
    from tests.casework.factories import make_staff

    counts = []
    for size in (SMALL, LARGE):
        unit, worker, manager = caseload(size)
        senior = make_staff(unit, role=Role.SENIOR_CASEWORKER, first_name="Maria", last_name="Holm")
        counts.append(_queries(client, senior.user, "/"))
        client.logout()
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("url", ["/sjalvforsorjning/uppfoljningar/", "/sjalvforsorjning/tid-med-klienter/"])
def test_follow_up_and_time_pages(client, today, url):
    small, large = _both(client, url, "worker")
    assert small == large, (small, large)


@pytest.mark.parametrize("url", ["/sjalvforsorjning/uppfoljningar/", "/sjalvforsorjning/tid-med-klienter/"])
def test_follow_up_and_time_pages_for_the_manager(client, today, url):
    small, large = _both(client, url, "manager")
    assert small == large, (small, large)
