"""E-legitimation through the municipality's broker (OpenID Connect): the configuration from the
environment, the personnummer claim to the person, the callback refusing what it did not ask for, and the
production checks."""

from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import override_settings

from bistand.audit.models import AuditEvent
from bistand.eservice import auth
from bistand.eservice.checks import check_resident_login
from bistand.eservice.config import DEFAULT_PNR_CLAIM, resident_oidc_config
from bistand.eservice.oidc import person_for_claims
from tests.eservice.world import build_world

ENV = {
    "BISTAND_RESIDENT_OIDC_CLIENT_ID": "mina-sidor",
    "BISTAND_RESIDENT_OIDC_CLIENT_SECRET": "hemlig",
    "BISTAND_RESIDENT_OIDC_AUTHORIZATION_ENDPOINT": "https://broker.example/authorize",
    "BISTAND_RESIDENT_OIDC_TOKEN_ENDPOINT": "https://broker.example/token",
    "BISTAND_RESIDENT_OIDC_JWKS_ENDPOINT": "https://broker.example/jwks",
}
CONFIG = resident_oidc_config(ENV)


def test_configuration_needs_every_required_variable():
    assert resident_oidc_config({}) is None
    assert resident_oidc_config({**ENV, "BISTAND_RESIDENT_OIDC_JWKS_ENDPOINT": ""}) is None
    assert CONFIG.pnr_claim == DEFAULT_PNR_CLAIM and CONFIG.sign_algo == "RS256"


@pytest.mark.django_db
def test_the_personnummer_claim_finds_the_person():
    world = build_world()
    number = world.anna.personal_number  # twelve digits
    assert person_for_claims({DEFAULT_PNR_CLAIM: number}, DEFAULT_PNR_CLAIM) == world.anna
    assert (
        person_for_claims({DEFAULT_PNR_CLAIM: f"{number[:8]}-{number[8:]}"}, DEFAULT_PNR_CLAIM) == world.anna
    )
    assert person_for_claims({DEFAULT_PNR_CLAIM: "191212121213"}, DEFAULT_PNR_CLAIM) is None
    assert person_for_claims({}, DEFAULT_PNR_CLAIM) is None


@pytest.mark.django_db
@override_settings(BISTAND_RESIDENT_OIDC=CONFIG)
def test_login_sends_the_resident_to_the_broker_with_pkce(client):
    response = client.get("/mina-sidor/logga-in/e-legitimation/?next=/mina-sidor/")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://broker.example/authorize?")
    assert "client_id=mina-sidor" in location and "code_challenge=" in location and "nonce=" in location
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Fmina-sidor%2Flogga-in%2Fsvar%2F" in location


@pytest.mark.django_db
@override_settings(BISTAND_RESIDENT_OIDC=CONFIG)
def test_callback_signs_in_the_person_of_the_verified_token(client):
    world = build_world()
    client.get("/mina-sidor/logga-in/e-legitimation/?next=/mina-sidor/")
    state = next(iter(client.session["oidc_states"]))
    with mock.patch("bistand.eservice.oidc.ResidentOIDCBackend.authenticate", return_value=world.bo):
        response = client.get(f"/mina-sidor/logga-in/svar/?code=abc&state={state}")
    assert response.status_code == 302 and response["Location"] == "/mina-sidor/"
    assert client.session[auth.SESSION_PERSON] == world.bo.pk


@pytest.mark.django_db
@override_settings(BISTAND_RESIDENT_OIDC=CONFIG)
def test_callback_refuses_an_unknown_state_and_audits_it(client):
    build_world()
    with mock.patch("bistand.eservice.oidc.ResidentOIDCBackend.authenticate") as authenticate:
        response = client.get("/mina-sidor/logga-in/svar/?code=abc&state=made-up")
    authenticate.assert_not_called()
    assert response["Location"] == "/mina-sidor/logga-in/"
    assert auth.SESSION_PERSON not in client.session
    assert AuditEvent.objects.filter(action="login_failed", what__contains="e-tjänsten").exists()


def test_production_checks():
    production = SimpleNamespace(DEBUG=False, BISTAND_ESERVICE_DEMO_LOGIN=True, BISTAND_RESIDENT_OIDC=None)
    with override_settings(**vars(production)):
        ids = {p.id for p in check_resident_login()}
    assert ids == {"eservice.E001"}  # no resident sign-in configured: allowed, the page says so
    weak = resident_oidc_config({**ENV, "BISTAND_RESIDENT_OIDC_SIGN_ALGO": "HS256"})
    with override_settings(DEBUG=False, BISTAND_ESERVICE_DEMO_LOGIN=False, BISTAND_RESIDENT_OIDC=weak):
        assert [p.id for p in check_resident_login()] == ["eservice.E002"]
    with override_settings(DEBUG=False, BISTAND_ESERVICE_DEMO_LOGIN=False, BISTAND_RESIDENT_OIDC=CONFIG):
        assert check_resident_login() == []
