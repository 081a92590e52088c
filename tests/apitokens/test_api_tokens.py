"""API tokens for machine clients on POST /api/v1/applications, over real HTTP semantics.

The client enforces CSRF like a browser-facing server does (Client(enforce_csrf_checks=True)): a token
request has no cookie and needs no CSRF token; a signed-in session still does.
"""

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from bistand.apitokens import tokens
from bistand.apitokens.models import ApiToken
from bistand.audit.models import AuditEvent
from bistand.cases.models import Application
from bistand.organisation.models import Unit
from tests.casework.views_world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("august_2026")]
URL = "/api/v1/applications"


@pytest.fixture
def world(settings):
    return build_world()


@pytest.fixture
def north(world):
    return world.case.unit


@pytest.fixture
def http():
    return Client(enforce_csrf_checks=True)


def body(**overrides) -> str:
    data = {"case_number": "EB-00001", "month": "2026-08", "costs": [{"kind": "rent", "amount": 5000}]}
    return json.dumps({**data, **overrides})


def post(http, secret=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return http.post(URL, body(), content_type="application/json", **headers, **extra)


def test_a_token_sends_an_application_without_csrf_and_every_use_is_audited(http, north):
    new = tokens.create_token("E-tjänsten", north, ["applications:write"], created_by="test")
    response = post(http, new.secret)
    assert response.status_code == 201, response.content
    application = Application.objects.get(pk=response.json()["id"])
    assert (application.case.number, application.channel) == ("EB-00001", "e_service")
    token = ApiToken.objects.get(pk=new.token.pk)
    assert token.last_used_at is not None
    label = token.label
    actions = list(AuditEvent.objects.filter(client=label).order_by("id").values_list("action", flat=True))
    assert actions == ["token_create", "api_use", "create"]
    created = AuditEvent.objects.get(client=label, action="create")
    assert created.case.number == "EB-00001" and created.user is None


def test_the_secret_is_stored_only_as_its_sha256_digest(north):
    new = tokens.create_token("E-tjänsten", north, ["applications:write"])
    assert new.secret.startswith("bst_") and len(new.secret) == 4 + 43  # 32 bytes url-safe: 43 chars
    token = ApiToken.objects.get(pk=new.token.pk)
    assert token.digest == hashlib.sha256(new.secret.encode()).hexdigest()
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert new.secret not in stored and new.secret[4:] not in stored


def test_no_credentials_give_401_with_a_challenge(http, world):
    response = post(http)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["code"] == "unauthenticated"
    assert not Application.objects.filter(month="2026-08-01").exists()


def test_an_unknown_or_revoked_token_gives_401_invalid_token(http, north):
    new = tokens.create_token("E-tjänsten", north, ["applications:write"])
    unknown = post(http, "bst_" + "A" * 43)
    assert unknown.status_code == 401 and unknown.json()["errors"][0]["code"] == "invalid_token"
    assert 'error="invalid_token"' in unknown["WWW-Authenticate"]
    tokens.revoke_token(new.token, revoked_by="test")
    revoked = post(http, new.secret)
    assert revoked.status_code == 401 and revoked.json()["errors"][0]["code"] == "invalid_token"
    assert AuditEvent.objects.filter(client=new.token.label, action="token_revoke").count() == 1
    assert not Application.objects.filter(month="2026-08-01").exists()


def test_a_token_without_the_scope_gives_403(http, north, monkeypatch):
    monkeypatch.setitem(tokens.SCOPES, "statistics:read", "Läsa statistik")
    new = tokens.create_token("Statistikklient", north, ["statistics:read"])
    response = post(http, new.secret)
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "insufficient_scope"
    assert 'scope="applications:write"' in response["WWW-Authenticate"]
    assert AuditEvent.objects.filter(client=new.token.label, action="denied").count() == 1


def test_a_token_of_another_unit_finds_no_case(http, world):
    # Another unit's case answers like a missing one (404 unknown_case), so case numbers cannot be probed.
    south = Unit.objects.get(name="Söder 1")
    new = tokens.create_token("E-tjänsten Söder", south, ["applications:write"])
    response = post(http, new.secret)
    assert response.status_code == 404 and response.json()["errors"][0]["code"] == "unknown_case"
    assert not Application.objects.filter(month="2026-08-01").exists()


def test_a_signed_in_session_still_needs_the_csrf_token(http, world):
    http.force_login(world.owner.user)
    without = post(http)
    assert without.status_code == 403 and without.json()["errors"][0]["code"] == "csrf_failed"
    assert not Application.objects.filter(month="2026-08-01").exists()
    http.get("/")  # the start page sets the CSRF cookie, as a browser would get it
    with_token = post(http, HTTP_X_CSRFTOKEN=http.cookies["csrftoken"].value)
    assert with_token.status_code == 201, with_token.content


def test_http_basic_is_no_longer_accepted(http, world):
    response = http.post(
        URL, body(), content_type="application/json", HTTP_AUTHORIZATION="Basic aGFubmE6bG9zZW4="
    )
    assert response.status_code == 401


def test_the_command_creates_lists_and_revokes_tokens(north):
    out = StringIO()
    call_command(
        "api_token", "create", "--name", "E-tjänsten", "--unit", north.name, "--scope", "applications:write",
        stdout=out,
    )  # fmt: skip
    secret = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert tokens.active_token(secret) == token and token.scopes == ["applications:write"]
    listing = StringIO()
    call_command("api_token", "list", stdout=listing)
    assert "E-tjänsten" in listing.getvalue() and "aktiv" in listing.getvalue()
    assert secret not in listing.getvalue()
    call_command("api_token", "revoke", str(token.pk), stdout=StringIO())
    assert tokens.active_token(secret) is None
    assert AuditEvent.objects.filter(client=token.label, action="token_revoke").exists()
