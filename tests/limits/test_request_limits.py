"""Limits of the whole site: bodies, multipart, Content-Length, NUL in the query, and the applications API.

Before, a 2.5 MB body or multipart without a boundary gave a traceback (500) on the API, and on the
pages a month such as 0000-01 or a person id "abc" did too.
"""

import json
from datetime import date

import pytest
from django.test import Client

from bistand.statistics import privacy
from tests.casework.views_world import build_world

pytestmark = pytest.mark.django_db

TOO_LARGE = 1_048_577  # one byte over DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.fixture
def world(settings, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, "k" * 64)
    return build_world()


def signed_in(user, **kwargs) -> Client:
    client = Client(raise_request_exception=False, **kwargs)
    client.force_login(user)
    return client


def test_a_too_large_body_is_413_before_it_is_read():
    client = Client(raise_request_exception=False)
    page = client.post(
        "/logga-in/", b"a=" + b"x" * TOO_LARGE, content_type="application/x-www-form-urlencoded"
    )
    assert page.status_code == 413
    assert "Begäran är för stor" in page.content.decode()
    api = client.post("/api/v1/calculations", b"[" + b" " * TOO_LARGE + b"]", content_type="application/json")
    assert api.status_code == 413
    assert api.json()["errors"][0]["code"] == "body_too_large"


def test_multipart_without_boundary_is_400_on_a_page():
    response = Client(raise_request_exception=False).post(
        "/logga-in/", b"username=x", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "kunde inte läsas" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])  # with DEBUG on, django-ninja used to answer 500
def test_multipart_without_boundary_is_400_on_the_api_with_the_session_csrf_check(world, settings, debug):
    settings.DEBUG = debug
    client = signed_in(world.owner.user, enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "c" * 32
    response = client.post(
        "/api/v1/applications", b"x", content_type="multipart/form-data", HTTP_X_CSRFTOKEN="c" * 32
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "bad_request"


def test_a_content_length_that_is_no_number_is_400():
    response = Client(raise_request_exception=False).generic(
        "POST", "/api/v1/calculations", b"{}", content_type="application/json", CONTENT_LENGTH="12abc"
    )
    assert response.status_code == 400


def test_a_nul_in_the_query_string_is_400(world):
    response = signed_in(world.analyst.user).get("/statistik/manadsrapport/", {"district": "\x00"})
    assert response.status_code == 400


def test_the_applications_api_refuses_hostile_json_in_the_shared_shape(world):
    client = signed_in(world.owner.user)
    url = "/api/v1/applications"
    nested = client.post(url, b"[" * 2000 + b"]" * 2000, content_type="application/json")
    assert (nested.status_code, nested.json()["errors"][0]["code"]) == (400, "nesting_too_deep")
    huge = client.post(
        url, b'{"case_number": "EB-00001", "month": 1e1000000}', content_type="application/json"
    )
    assert (huge.status_code, huge.json()["errors"][0]["code"]) == (400, "number_out_of_range")
    body = {"case_number": "EB-00001", "month": "2026-08", "costs": [{"kind": "rent", "amount": 10_000_000}]}
    absurd = client.post(url, json.dumps(body), content_type="application/json")
    assert absurd.status_code == 422
    assert absurd.json()["errors"] == [
        {
            "code": "amount_too_large",
            "message": "Beloppet är orimligt stort. Ett enskilt belopp får vara högst 9 999 999 kr.",
            "field": "costs[0].amount",
        }
    ]


def test_anonymous_api_caller_gets_401_in_the_shared_shape():
    response = Client().post("/api/v1/applications", "{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "unauthenticated"


def test_a_month_before_the_statistics_falls_back_with_a_message(world):
    client = signed_in(world.analyst.user)
    response = client.get("/statistik/", {"month": "1999-12"})
    assert response.status_code == 200
    assert "Statistiken börjar januari 2000" in response.content.decode()
    # The year 0 is no month at all (the one month type starts at year 1): the same fall-back, with why.
    response = client.get("/statistik/", {"month": "0000-01"})
    assert response.status_code == 200
    assert "”0000-01” är inte en månad" in response.content.decode()


def test_a_person_id_that_is_no_number_shows_the_first_adult(world):
    url = f"/sjalvforsorjning/arenden/{world.case.pk}/livsomraden/ny/"
    response = signed_in(world.owner.user).get(url, {"person": "abc"})
    assert response.status_code == 200
    assert "Anna" in response.content.decode()


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "2026-13", "abc"])
def test_a_junk_month_on_the_barrier_page_shows_the_default_month(world, month):
    url = f"/sjalvforsorjning/arenden/{world.case.pk}/forsorjningshinder/"
    response = signed_in(world.owner.user).get(url, {"manad": month})
    assert response.status_code == 200
    # the case's latest application is for July 2026 (views_world), so that month is shown
    assert "juli 2026" in response.content.decode().lower()


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example/"])
def test_marking_a_reminder_done_never_redirects_off_the_site(world, target):
    from bistand.selfsupport.models import Reminder

    reminder = Reminder.objects.create(
        case=world.case, staff=world.owner, due_on=date(2026, 12, 1), text="Intyg"
    )
    url = f"/sjalvforsorjning/arenden/{world.case.pk}/bevakningar/{reminder.pk}/klar/"
    response = signed_in(world.owner.user).post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/sjalvforsorjning/arenden/{world.case.pk}/bevakningar/"
