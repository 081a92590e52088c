"""E-legitimation for residents: OpenID Connect to the municipality's broker, with mozilla-django-oidc.

The same maintained library as staff single sign-on (bistand.accounts), with the resident client's own
settings (bistand.eservice.config, variables BISTAND_RESIDENT_OIDC_*): the authorisation code flow with
PKCE and a nonce, the ID token's signature checked against the broker's keys (JWKS). The backend is never
in AUTHENTICATION_BACKENDS, so it cannot sign anyone in as a Django user: it only turns the verified
personnummer claim into a `people.Person`, and the e-service starts its own resident session (auth.py).
"""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from bistand.eservice.auth import NewIdentity
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number
from bistand.people.models import Person

CALLBACK_URL_NAME = "eservice:oidc_callback"


def resident_setting(attr, *args):
    """mozilla-django-oidc's settings, with the resident client's values in place of the staff client's."""
    config = settings.BISTAND_RESIDENT_OIDC
    overrides = config.as_settings() if config is not None else {}
    overrides.update(
        {
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
            "OIDC_USE_PKCE": True,
            "OIDC_USE_NONCE": True,
            "OIDC_CREATE_USER": False,
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
        }
    )
    if attr in overrides:
        return overrides[attr]
    return import_from_settings(attr, *args)


def person_for_claims(claims: dict, claim: str) -> Person | NewIdentity | None:
    """The person whose personnummer (or samordningsnummer) is in the claim; a `NewIdentity` (with the
    standard OpenID Connect name claims) when the number is valid but unknown to Bistånd, who may then
    begin a first application; None when the claim is missing or not a valid number."""
    value = claims.get(claim)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        canonical = parse_identity_number(value.strip()).canonical
    except InvalidIdentityNumber:
        return None
    person = Person.objects.filter(personal_number=canonical).first()
    if person is not None:
        return person
    return NewIdentity(
        personal_number=canonical,
        first_name=_text_claim(claims, "given_name"),
        last_name=_text_claim(claims, "family_name"),
    )


def _text_claim(claims: dict, name: str) -> str:
    value = claims.get(name)
    return value.strip()[:100] if isinstance(value, str) else ""


class ResidentRequestView(OIDCAuthenticationRequestView):
    """Sends the resident to the broker (GET /mina-sidor/logga-in/e-legitimation/)."""

    get_settings = staticmethod(resident_setting)


class ResidentOIDCBackend(OIDCAuthenticationBackend):
    """Token exchange and ID token verification; answers a Person (or a NewIdentity), never a Django user."""

    get_settings = staticmethod(resident_setting)

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(settings.BISTAND_RESIDENT_OIDC.pnr_claim))

    def get_userinfo(self, access_token, id_token, payload):
        if not self.OIDC_OP_USER_ENDPOINT:
            return payload
        return super().get_userinfo(access_token, id_token, payload)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("The personnummer claim is missing")
        return person_for_claims(claims, settings.BISTAND_RESIDENT_OIDC.pnr_claim)
