"""The start page's caseload figures are kept a few minutes, and worked out again at once when the
staff member changes something or a waiting application comes, goes or changes."""

from datetime import date

import pytest
from django.core.cache import caches
from django.utils import timezone

from bistand.cases.models import Application, DeclaredItem
from bistand.cases.models.application import ApplicationStatus
from bistand.casework import caseload_figures
from tests.perf.caseload import THIS_MONTH, caseload

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeping(settings, monkeypatch):
    settings.BISTAND_CASELOAD_FIGURES_SECONDS = 300
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))
    caches[caseload_figures.CACHE].clear()
    yield
    caches[caseload_figures.CACHE].clear()


def _unchanged(client) -> int:
    return client.get("/").context["unchanged_count"]


def _change_rent_quietly(application: Application) -> None:
    """A change that leaves the application's version as it was (as a colleague's change to something
    else in the case would): only the expiry or the caseworker's own change brings it into the figures."""
    DeclaredItem.objects.filter(application=application, kind="rent").update(amount=9_999)


def test_kept_until_the_caseworkers_own_change(client, keeping):
    # Ten households: 0 and 7 have no application last month, 0 and 5 a changed rent; the other seven
    # are unchanged (1, 2, 3, 4, 6, 8, 9).
    unit, worker, manager = caseload(10)
    client.force_login(worker.user)
    assert _unchanged(client) == 7
    first = Application.objects.filter(case__number=f"EB-{unit.pk}-00002", month=THIS_MONTH).get()
    _change_rent_quietly(first)
    assert _unchanged(client) == 7  # kept
    # Her own change (a journal note on any case) works the figures out again.
    response = client.post(
        f"/arenden/{first.case_id}/journal/",
        {"occurred_on": "2026-12-01", "heading": "Telefonsamtal", "text": "Ringde om hyran."},
    )
    assert response.status_code == 302
    assert caseload_figures.WROTE_AT in client.session
    assert _unchanged(client) == 6


def test_a_decided_application_leaves_the_figures_at_once(client, keeping):
    unit, worker, manager = caseload(10)
    client.force_login(worker.user)
    assert _unchanged(client) == 7
    unchanged = Application.objects.filter(case__number=f"EB-{unit.pk}-00003", month=THIS_MONTH)
    unchanged.update(status=ApplicationStatus.DECIDED)  # decided by a colleague: it leaves the queue
    page = client.get("/")
    assert len(page.context["to_decide"]) == 9 and page.context["unchanged_count"] == 6


def test_another_caseworker_has_figures_of_her_own(client, keeping):
    unit, worker, manager = caseload(10)
    other_unit, other, _ = caseload(3)
    client.force_login(worker.user)
    assert _unchanged(client) == 7
    client.force_login(other.user)
    assert _unchanged(client) == 2  # 1 and 2 (household 0 has no previous month)


def test_a_reading_or_refused_request_does_not_stamp_the_session(client, keeping):
    unit, worker, manager = caseload(1)
    client.force_login(worker.user)
    case_id = worker.cases.get().pk
    client.get(f"/arenden/{case_id}/journal/")
    assert caseload_figures.WROTE_AT not in client.session
    refused = client.post("/arenden/999999/journal/", {"occurred_on": "2026-12-01", "text": "x"})
    assert refused.status_code == 404
    assert caseload_figures.WROTE_AT not in client.session


def test_off_when_the_setting_is_zero(client, keeping, settings):
    settings.BISTAND_CASELOAD_FIGURES_SECONDS = 0
    unit, worker, manager = caseload(10)
    client.force_login(worker.user)
    assert _unchanged(client) == 7
    _change_rent_quietly(Application.objects.get(case__number=f"EB-{unit.pk}-00002", month=THIS_MONTH))
    assert _unchanged(client) == 6
