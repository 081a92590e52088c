"""The resident's sign-in: its own session, separate from staff sign-in, with a demo test login that only
exists in the demo, a short idle timeout and a rate limit."""

import time

import pytest
from django.test import override_settings

from bistand.audit.models import AuditEvent
from bistand.eservice import auth
from tests.eservice.helpers import resident_login
from tests.eservice.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_pages_ask_for_the_resident_login(client, world):
    response = client.get("/mina-sidor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/mina-sidor/logga-in/?next=")


def test_demo_login_signs_in_the_chosen_person_and_audits_it(client, world):
    page = client.get("/mina-sidor/logga-in/")
    assert "Testinloggning" in page.content.decode()
    response = client.post("/mina-sidor/logga-in/test/", {"person": world.bo.pk, "next": "/mina-sidor/"})
    assert response.status_code == 302 and response["Location"] == "/mina-sidor/"
    start = client.get("/mina-sidor/")
    assert start.status_code == 200
    assert "Inloggad som Bo Berg" in start.content.decode()
    event = AuditEvent.objects.filter(action="login").latest("id")
    assert event.client == f"E-tjänsten, person {world.bo.pk}"


@override_settings(BISTAND_ESERVICE_DEMO_LOGIN=False)
def test_demo_login_is_refused_without_the_demo(client, world):
    assert client.post("/mina-sidor/logga-in/test/", {"person": world.bo.pk}).status_code == 404
    assert "Testinloggning" not in client.get("/mina-sidor/logga-in/").content.decode()


def test_demo_login_is_off_in_production_settings():
    """Production settings (no BISTAND_DEBUG) have the demo login off: it follows DEBUG."""
    import importlib
    import os

    from bistand.project import settings as project_settings

    os.environ["BISTAND_DEBUG"] = "0"
    reloaded = importlib.reload(project_settings)
    assert reloaded.DEBUG is False
    assert reloaded.BISTAND_ESERVICE_DEMO_LOGIN is False


def test_a_staff_login_gives_no_access_to_the_e_service(client, world):
    client.force_login(world.worker.user)
    response = client.get("/mina-sidor/")
    assert response.status_code == 302 and "/mina-sidor/logga-in/" in response["Location"]


def test_a_resident_session_gives_no_access_to_staff_pages(client, world):
    resident_login(client, world.anna)
    assert client.get("/mina-sidor/").status_code == 200
    for path in ("/", f"/arenden/{world.case.pk}/", "/intag/", "/admin/"):
        response = client.get(path)
        assert response.status_code in (302, 404), path
        if response.status_code == 302:
            assert "/mina-sidor/" not in response["Location"], path


def test_resident_login_drops_a_staff_session(client, world):
    client.force_login(world.worker.user)
    client.post("/mina-sidor/logga-in/test/", {"person": world.anna.pk})
    assert client.get("/mina-sidor/").status_code == 200
    assert client.get("/").status_code == 302  # staff start page now asks for a staff sign-in


def test_idle_timeout_signs_the_resident_out(client, world, settings):
    resident_login(client, world.anna)
    session = client.session
    session[auth.SESSION_LAST_SEEN] = int(time.time()) - settings.BISTAND_ESERVICE_IDLE_SECONDS - 1
    session.save()
    response = client.get("/mina-sidor/")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="logout", what__contains="ingen aktivitet").exists()


def test_logout(client, world):
    resident_login(client, world.anna)
    assert client.post("/mina-sidor/logga-ut/").status_code == 302
    assert client.get("/mina-sidor/").status_code == 302


def test_login_is_rate_limited(client, world, settings):
    settings.BISTAND_ESERVICE_LOGIN_LIMIT = 3
    for _ in range(3):
        client.post("/mina-sidor/logga-in/test/", {"person": "999999"})
    response = client.post("/mina-sidor/logga-in/test/", {"person": world.anna.pk}, follow=True)
    assert "för många gånger" in response.content.decode()
    assert auth.SESSION_PERSON not in client.session


def test_language_switch_keeps_staff_pages_swedish(client, world):
    resident_login(client, world.anna)
    client.post("/mina-sidor/sprak/", {"language": "en", "next": "/mina-sidor/"})
    page = client.get("/mina-sidor/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()
    staff_page = client.get("/logga-in/", HTTP_ACCEPT_LANGUAGE="en")
    assert staff_page["Content-Language"] == "sv"


def test_forms_need_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post("/mina-sidor/logga-in/test/", {"person": world.anna.pk}).status_code == 403
    resident_login(client, world.anna)
    assert client.post(f"/mina-sidor/ansokan/ny/{world.case.pk}/recurring/").status_code == 403
    page = client.get("/mina-sidor/").content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # language switch, log out, apply
