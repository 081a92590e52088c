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

from tests.casework.factories import make_unit
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


def test_caseworker_households_page(client, today):
    small, large = _both(client, "/mina-hushall/", "worker")
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


def _pages(unit, worker, manager) -> dict[str, tuple]:
    """Every main page of a caseworker, a senior caseworker and a unit manager: (user, url) by name."""
    from bistand.organisation.models import Role
    from tests.casework.factories import make_staff

    senior = make_staff(unit, role=Role.SENIOR_CASEWORKER, first_name="Maria", last_name="Holm")
    case = worker.cases.order_by("number").first()
    application = case.applications.order_by("-month").first()
    on_case = f"/arenden/{case.pk}/"
    urls = {
        "worker": [
            "/",
            "/mina-hushall/",
            "/intag/",
            "/intag/?q=Ek",
            "/utbetalningar/",
            "/sjalvforsorjning/kalender/?vecka=2026-11-02",
            "/sjalvforsorjning/uppfoljningar/",
            "/sjalvforsorjning/tid-med-klienter/",
            on_case,
            on_case + "journal/",
            on_case + f"ansokningar/{application.pk}/",
            on_case + "utbetalningar/",
            f"/sjalvforsorjning/arenden/{case.pk}/",
            f"/sjalvforsorjning/arenden/{case.pk}/bevakningar/",
        ],
        "senior": ["/", "/mina-hushall/", "/intag/", "/utbetalningar/", "/sjalvforsorjning/uppfoljningar/"],
        "manager": [
            "/",
            "/intag/",
            "/intag/?q=Ek",
            "/utbetalningar/",
            "/sjalvforsorjning/kalender/",
            "/sjalvforsorjning/uppfoljningar/",
            "/sjalvforsorjning/tid-med-klienter/",
            "/skyddade-arenden/",
            "/automatisering/uppfoljning/",
            "/logg/",
        ],
    }
    users = {"worker": worker.user, "senior": senior.user, "manager": manager.user}
    return {f"{who} {url}": (users[who], url) for who, paths in urls.items() for url in paths}


def test_every_main_page_costs_the_same_for_10_and_for_200_households(client, today):
    """One city with two units: a caseworker with 10 households (and 2 new cases in the unit's queue) and
    one with 200 (and 40 new cases). Each page is asked for once to warm caches, then counted; the per-case
    pages are opened on the same kind of case (the first of the caseload)."""
    small = _pages(*caseload(SMALL, unassigned=SMALL // 5))
    large = _pages(*caseload(LARGE, unit=make_unit(name="Ekonomiskt bistånd Norr"), unassigned=LARGE // 5))
    differing = {}
    for (name, (user, url)), (user_large, url_large) in zip(small.items(), large.values(), strict=True):
        for target_user, target_url in ((user, url), (user_large, url_large)):
            client.force_login(target_user)
            client.get(target_url)
        counts = (_queries(client, user, url), _queries(client, user_large, url_large))
        if counts[0] != counts[1]:
            differing[name] = counts
    assert differing == {}, differing
