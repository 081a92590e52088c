"""Signing in: lockout after repeated failures, the audit of sign-ins, strong passwords, session limits
and the break-glass rule under single sign-on."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from bistand.accounts.signals import LAST_SEEN, LOGIN_AT
from bistand.audit.models import AuditEvent
from tests.casework.views_world import PASSWORD, build_world

pytestmark = pytest.mark.django_db
LOGIN = "/logga-in/"


@pytest.fixture
def world(settings):
    return build_world()


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(client, world):
    username = world.owner.user.username
    for _ in range(4):
        assert sign_in(client, username, "fel-lösenord").status_code == 200
    fifth = sign_in(client, username, "fel-lösenord")  # the fifth failure locks
    assert fifth.status_code == 429
    right = sign_in(client, username, PASSWORD)
    assert right.status_code == 429
    html = right.content.decode()
    assert "För många misslyckade inloggningar" in html and "30 minuter" in html
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still not signed in
    refused = AuditEvent.objects.filter(action="login_failed").latest("id")
    assert username in refused.what and "spärrat" in refused.what
    assert (
        AuditEvent.objects.filter(action="login_failed").count() == 6
        and not AuditEvent.objects.filter(action="login").exists()
    )


def test_the_lockout_is_per_username_so_a_colleague_still_signs_in(client, world):
    for _ in range(5):
        sign_in(client, world.owner.user.username, "fel-lösenord")
    response = sign_in(client, world.other.user.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_success_before_the_limit_resets_the_count(client, world):
    username = world.owner.user.username
    for _ in range(4):
        sign_in(client, username, "fel-lösenord")
    assert sign_in(client, username, PASSWORD).status_code == 302
    client.post("/logga-ut/")
    for _ in range(4):
        sign_in(client, username, "fel-lösenord")
    assert sign_in(client, username, PASSWORD).status_code == 302


def test_sign_in_failure_and_sign_out_are_audited_without_the_password(client, world):
    username = world.owner.user.username
    sign_in(client, username, "hemligt-fel-123")
    sign_in(client, username, PASSWORD)
    client.post("/logga-ut/")
    rows = list(AuditEvent.objects.filter(action__in=["login", "login_failed", "logout"]).order_by("id"))
    assert [row.action for row in rows] == ["login_failed", "login", "logout"]
    failed, login, logout = rows
    assert failed.user is None and failed.staff is None and username in failed.what
    assert login.user == world.owner.user and login.staff == world.owner
    assert logout.user == world.owner.user and logout.staff == world.owner
    texts = " ".join(AuditEvent.objects.values_list("what", flat=True))
    assert "hemligt-fel-123" not in texts and PASSWORD not in texts


def test_passwords_must_be_long_and_uncommon(world):
    user = world.owner.user
    for weak in ("kort-1", "password1234", "123456789012", "hannaholm2026"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("Sommar-lingon-fjärd-47", user)  # 22 characters, not common, not numeric


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_thirty_minutes_without_activity_sign_out(client, world):
    assert sign_in(client, world.owner.user.username, PASSWORD).status_code == 302
    _age_session(client, **{LAST_SEEN: 29 * 60})
    assert client.get("/").status_code == 200  # 29 minutes idle: still signed in, and the clock restarts
    _age_session(client, **{LAST_SEEN: 31 * 60})
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    logout = AuditEvent.objects.filter(action="logout").get()
    assert logout.user == world.owner.user and "ingen aktivitet på 30 minuter" in logout.what
    page = client.get(response["Location"])
    assert "Du har loggats ut automatiskt" in page.content.decode()


def test_the_last_activity_is_written_at_most_once_a_minute(client, world):
    assert sign_in(client, world.owner.user.username, PASSWORD).status_code == 302
    _age_session(client, **{LAST_SEEN: 20})
    stamped = client.session[LAST_SEEN]
    assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN] == stamped  # 20 s ago: the session row is not written again
    _age_session(client, **{LAST_SEEN: 61})
    assert client.get("/").status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN] < 5  # over a minute ago: the clock restarts


def test_an_htmx_request_after_the_idle_time_loads_the_sign_in_page(client, world):
    assert sign_in(client, world.owner.user.username, PASSWORD).status_code == 302
    _age_session(client, **{LAST_SEEN: 31 * 60})
    response = client.get("/logg/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_the_absolute_limit_signs_out_an_active_session(client, world, settings):
    settings.BISTAND_SESSION_MAX_SECONDS = 10 * 3600
    assert sign_in(client, world.owner.user.username, PASSWORD).status_code == 302
    _age_session(client, **{LOGIN_AT: 10 * 3600 - 60, LAST_SEEN: 60})
    assert client.get("/").status_code == 200
    _age_session(client, **{LOGIN_AT: 10 * 3600 + 60, LAST_SEEN: 60})
    assert client.get("/").status_code == 302
    assert "10 timmar" in AuditEvent.objects.get(action="logout").what


def test_under_single_sign_on_only_break_glass_accounts_use_a_password(client, world, sso, settings):
    settings.BISTAND_BREAK_GLASS_USERS = frozenset({world.other.user.username})
    page = client.get(LOGIN)
    assert "Logga in med kommunens inloggning" in page.content.decode()
    refused = sign_in(client, world.owner.user.username, PASSWORD)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert sign_in(client, world.other.user.username, PASSWORD).status_code == 302
