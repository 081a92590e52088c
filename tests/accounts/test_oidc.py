"""Single sign-on with OpenID Connect: the identity provider's claim is mapped to a staff member.

No network: the token endpoint is replaced by a stub that returns an ID token the test signs itself
(HS256 with the client secret, as the fake provider in conftest.py is configured).
"""

from unittest import mock
from urllib.parse import parse_qs, urlparse

import jwt
import pytest

from bistand.accounts.backends import staff_users_for_claims
from bistand.accounts.config import oidc_config
from bistand.audit.models import AuditEvent
from tests.accounts.conftest import CLIENT_SECRET
from tests.casework.views_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    world = build_world()
    world.owner.sso_subject = "E-1001"
    world.owner.save()
    world.other.sso_subject = "E-2002"
    world.other.save()
    return world


def test_the_claim_maps_to_the_staff_member_with_that_id(world):
    assert list(staff_users_for_claims({"employee_id": "E-1001"}, "employee_id", "sso_subject")) == [
        world.owner.user
    ]
    by_username = {"preferred_username": world.other.user.username}
    assert list(staff_users_for_claims(by_username, "preferred_username", "username")) == [world.other.user]


@pytest.mark.parametrize("claims", [{}, {"employee_id": ""}, {"employee_id": "E-9999"}, {"sub": "E-1001"}])
def test_a_missing_or_unknown_claim_maps_to_nobody(world, claims):
    assert not staff_users_for_claims(claims, "employee_id", "sso_subject").exists()


def test_inactive_staff_and_accounts_without_staff_are_refused(world, django_user_model):
    world.owner.user.is_active = False
    world.owner.user.save()
    assert not staff_users_for_claims({"employee_id": "E-1001"}, "employee_id", "sso_subject").exists()
    django_user_model.objects.create_user("extern")
    assert not staff_users_for_claims({"u": "extern"}, "u", "username").exists()


def test_single_sign_on_is_on_only_when_its_variables_are_set():
    required = {
        "BISTAND_OIDC_CLIENT_ID": "bistand",
        "BISTAND_OIDC_CLIENT_SECRET": "s",
        "BISTAND_OIDC_AUTHORIZATION_ENDPOINT": "https://idp/authorize",
        "BISTAND_OIDC_TOKEN_ENDPOINT": "https://idp/token",
    }
    assert oidc_config({}) is None
    assert oidc_config({**required, "BISTAND_OIDC_TOKEN_ENDPOINT": ""}) is None
    config = oidc_config({**required, "BISTAND_OIDC_STAFF_CLAIM": "employee_id"})
    assert (config.staff_claim, config.match_field, config.sign_algo) == (
        "employee_id",
        "sso_subject",
        "RS256",
    )
    with pytest.raises(ValueError):
        oidc_config({**required, "BISTAND_OIDC_STAFF_FIELD": "email"})


def _sign_in_through_provider(client, claims: dict):
    """Start the code flow, let the fake provider answer with `claims` (plus the nonce), run the callback."""
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert start["Location"].startswith("https://idp.example.invalid/authorize")
    assert query["client_id"] == ["bistand"] and "code_challenge" in query  # PKCE
    id_token = jwt.encode(
        {"iss": "https://idp.example.invalid", "aud": "bistand", "nonce": query["nonce"][0], **claims},
        CLIENT_SECRET,
        algorithm="HS256",
    )
    answer = mock.Mock(status_code=200)
    answer.json.return_value = {"id_token": id_token, "access_token": "opaque", "token_type": "Bearer"}
    with mock.patch("mozilla_django_oidc.auth.requests.post", return_value=answer) as token_endpoint:
        response = client.get("/oidc/callback/", {"code": "the-code", "state": query["state"][0]})
    assert token_endpoint.call_args.kwargs["data"]["code"] == "the-code"
    return response


def test_a_known_staff_member_signs_in_through_the_provider(client, world, sso):
    response = _sign_in_through_provider(client, {"sub": "abc", "employee_id": "E-1001"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == world.owner.user.pk
    assert client.get("/").status_code == 200
    login = AuditEvent.objects.get(action="login")
    assert login.staff == world.owner and "kommunens inloggning" in login.what
    world.owner.user.is_active = False  # deactivated while signed in: the session no longer counts
    world.owner.user.save()
    assert client.get("/").status_code == 302


def test_an_unknown_subject_is_refused_and_no_account_is_created(client, world, sso, django_user_model):
    users = django_user_model.objects.count()
    response = _sign_in_through_provider(client, {"sub": "abc", "employee_id": "E-9999"})
    assert response.status_code == 302 and response["Location"] == "/logga-in/?sso=nekad"
    assert "_auth_user_id" not in client.session and django_user_model.objects.count() == users
    assert AuditEvent.objects.filter(action="login_failed").count() == 1
    page = client.get(response["Location"])
    assert "gick inte igenom" in page.content.decode()


def test_an_inactive_staff_member_is_refused(client, world, sso):
    world.owner.user.is_active = False
    world.owner.user.save()
    response = _sign_in_through_provider(client, {"sub": "abc", "employee_id": "E-1001"})
    assert response["Location"] == "/logga-in/?sso=nekad" and "_auth_user_id" not in client.session


def test_failed_single_sign_on_attempts_do_not_lock_out_the_office(client, world, sso):
    for _ in range(6):  # more than the lockout limit, all from the same address
        _sign_in_through_provider(client, {"sub": "abc", "employee_id": "E-9999"})
    response = _sign_in_through_provider(client, {"sub": "abc", "employee_id": "E-2002"})
    assert response["Location"] == "/" and int(client.session["_auth_user_id"]) == world.other.user.pk
