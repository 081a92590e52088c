"""No permanent mistakes: application months and case dates within sensible windows, in the forms and the
API; an undecided application withdrawn with a reason or moved to the right month, both audited and kept
in the history. The world is tests/casework/views_world.py (Anna Ek, EB-00001, opened 2 January 2025:
June 2026 decided, July 2026 received); the windows are applied as on 10 August 2026 (May–October 2026).
"""

from datetime import date

import pytest
from django.urls import reverse

from bistand.audit import audit
from bistand.audit.models import AuditEvent
from bistand.cases.models import Application
from bistand.casework import application_changes, applications
from bistand.journal.models import JournalNote
from tests.casework.views_world import JULY, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("august_2026")]
API = "/api/v1/applications"


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def owner_client(client, world):
    client.force_login(world.owner.user)
    return client


def actor(world):
    return audit.Actor(world.owner.user, world.owner, "/test/")


def url(world, name):
    return reverse(f"casework:{name}", args=[world.case.pk, world.application.pk])


# --- withdrawal ---------------------------------------------------------------------------------------


def test_withdrawing_keeps_the_application_and_the_reason_in_the_history(world):
    application = application_changes.withdraw_application(
        world.application, expected_version=1, reason="Har fått arbete från juli.", actor=actor(world)
    )
    assert application.status == "withdrawn" and application.withdrawal_reason == "Har fått arbete från juli."
    assert application.version == 2
    note = JournalNote.objects.filter(case=world.case).latest("id")
    assert note.heading == "Ansökan återkallad: återansökan för juli 2026"
    assert note.text == "Skäl: Har fått arbete från juli." and note.author == world.owner
    event = AuditEvent.objects.get(case=world.case, action="withdraw")
    assert event.what == "Återkallade återansökan för juli 2026" and event.staff == world.owner
    # The month is free again: a new application for July can be registered.
    applications.register_application(
        world.case,
        month=JULY,
        kind="recurring",
        channel="paper",
        received_at=application.received_at,
        items=[],
    )
    assert Application.objects.filter(case=world.case, month=JULY).count() == 2


def test_a_decided_or_changed_application_is_not_withdrawn(world):
    with pytest.raises(applications.NotEditable, match="redan beslutad"):
        application_changes.withdraw_application(
            world.decided, expected_version=1, reason="x", actor=actor(world)
        )
    with pytest.raises(applications.StaleVersion):
        application_changes.withdraw_application(
            world.application, expected_version=7, reason="x", actor=actor(world)
        )
    assert not AuditEvent.objects.filter(action="withdraw").exists()


def test_the_withdraw_form_needs_a_reason_and_then_shows_it(owner_client, world):
    response = owner_client.post(
        url(world, "application_withdraw"), {"withdraw-version": "1", "withdraw-reason": ""}
    )
    assert response.status_code == 400
    assert "Skriv varför ansökan återkallas." in response.content.decode()
    response = owner_client.post(
        url(world, "application_withdraw"),
        {"withdraw-version": "1", "withdraw-reason": "Flyttar till Malmö."},
    )
    assert response.status_code == 302
    page = owner_client.get(url(world, "application")).content.decode()
    assert "Ansökan är återkallad" in page and "Flyttar till Malmö." in page
    assert "Fatta beslut" not in page and "Bekräfta beslut" not in page


# --- correcting the month ---------------------------------------------------------------------------


def test_the_month_of_an_undecided_application_is_corrected_and_audited(world):
    application = application_changes.correct_month(
        world.application, expected_version=1, month=date(2026, 9, 1), reason="Fel månad", actor=actor(world)
    )
    assert application.month == date(2026, 9, 1) and application.version == 2
    event = AuditEvent.objects.get(case=world.case, action="correct")
    assert event.what == "Rättade ansökans månad från juli 2026 till september 2026"
    note = JournalNote.objects.filter(case=world.case).latest("id")
    assert note.text == "Ansökan om återansökan gällde juli 2026 och avser nu september 2026. Skäl: Fel månad"


def test_a_month_already_applied_for_or_outside_the_window_is_refused(world):
    with pytest.raises(
        applications.DuplicateApplication, match="redan en ansökan om försörjningsstöd för juni 2026"
    ):
        application_changes.correct_month(
            world.application, expected_version=1, month=date(2026, 6, 1), reason="", actor=actor(world)
        )
    with pytest.raises(application_changes.MonthOutOfWindow, match="December 2099 ligger för långt fram"):
        application_changes.correct_month(
            world.application, expected_version=1, month=date(2099, 12, 1), reason="", actor=actor(world)
        )
    world.application.refresh_from_db()
    assert (world.application.month, world.application.version) == (JULY, 1)


def test_the_month_form_shows_the_window_and_keeps_the_input(owner_client, world):
    response = owner_client.post(
        url(world, "application_correct_month"),
        {"month-version": "1", "month-month": "1990-01", "month-reason": "Skrev fel år"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "Januari 1990 ligger för långt tillbaka. En ansökan kan avse en månad från maj 2026 till oktober 2026."
        in html
    )
    assert 'value="Skrev fel år"' in html


# --- the application month in the form and the API ---------------------------------------------------


def test_the_new_application_form_refuses_a_month_outside_the_window(owner_client, world):
    data = {"month": "2099-12", "kind": "recurring", "channel": "paper", "received_on": "2026-08-01"}
    for prefix in ("costs", "incomes", "extra_needs"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = owner_client.post(reverse("casework:application_new", args=[world.case.pk]), data)
    assert "December 2099 ligger för långt fram i tiden." in response.content.decode()
    assert not Application.objects.filter(month=date(2099, 12, 1)).exists()


@pytest.mark.parametrize("month", ["1990-01", "2099-12", "2100-01"])
def test_the_api_answers_422_with_a_stable_code_for_a_month_outside_the_window(owner_client, world, month):
    response = owner_client.post(
        API, {"case_number": "EB-00001", "month": month}, content_type="application/json"
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["code"], error["field"]) == ("month_out_of_window", "month")
    assert "En ansökan kan avse en månad från maj 2026 till oktober 2026." in error["message"]


# --- dates in the case -----------------------------------------------------------------------------


def test_a_journal_note_dated_before_the_case_opened_is_refused(owner_client, world):
    response = owner_client.post(
        reverse("journal:journal", args=[world.case.pk]),
        {"occurred_on": "1900-01-01", "heading": "Samtal", "text": "Ringde."},
    )
    html = response.content.decode()
    assert "Datumet 1 januari 1900 ligger före 2 januari 2025, då ärendet aktualiserades." in html
    assert "Ringde." in html
    assert not JournalNote.objects.filter(occurred_on=date(1900, 1, 1)).exists()


def test_a_meeting_absurdly_far_ahead_is_refused(owner_client, world):
    response = owner_client.post(
        reverse("selfsupport:meetings", args=[world.case.pk]),
        {
            "kind": "first_visit",
            "mode": "in_person",
            "day": "2099-05-04",
            "start_time": "10:00",
            "duration_minutes": "60",
        },
    )
    assert (
        "Datumet 4 maj 2099 ligger mer än ett år fram i tiden. Kontrollera året." in response.content.decode()
    )


def test_a_plan_dated_1950_is_refused(owner_client, world):
    response = owner_client.post(
        reverse("selfsupport:plan_new", args=[world.case.pk]),
        {"person": world.case.applicant.pk, "established_on": "1950-03-01", "goal0_text": "Få ett arbete"},
    )
    assert (
        "Datumet 1 mars 1950 ligger före 2 januari 2025, då ärendet aktualiserades."
        in response.content.decode()
    )


def test_a_case_closed_before_it_opened_and_a_goal_far_ahead_are_refused(owner_client, world):
    response = owner_client.post(
        reverse("selfsupport:close_case", args=[world.case.pk]),
        {"closed_on": "1900-01-31", "exit_reason": "other"},
    )
    assert "Datumet 31 januari 1900 ligger före 2 januari 2025" in response.content.decode()
    world.case.refresh_from_db()
    assert world.case.status == "open"
    response = owner_client.post(
        reverse("selfsupport:plan_new", args=[world.case.pk]),
        {
            "person": world.case.applicant.pk,
            "established_on": "2026-08-10",
            "goal0_text": "Få ett arbete",
            "goal0_target": "2099-01-01",
        },
    )
    assert "Datumet 1 januari 2099 ligger mer än ett år fram i tiden." in response.content.decode()
