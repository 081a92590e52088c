"""Settings of the resident's e-legitimation sign-in, read from the environment (no Django imports).

Residents sign in with BankID, Freja eID or another e-legitimation through the municipality's broker
(e-legitimationsnämnden's "Svensk e-legitimation" trust framework; the broker speaks OpenID Connect). It
is a separate client from staff single sign-on, with its own variables, and is on only when every
required variable is set. The personnummer comes in a claim (BISTAND_RESIDENT_OIDC_PNR_CLAIM), by default
Sweden Connect's `https://id.oidc.se/claim/personalIdentityNumber`.
"""

from collections.abc import Mapping
from dataclasses import dataclass

REQUIRED = (
    "BISTAND_RESIDENT_OIDC_CLIENT_ID",
    "BISTAND_RESIDENT_OIDC_CLIENT_SECRET",
    "BISTAND_RESIDENT_OIDC_AUTHORIZATION_ENDPOINT",
    "BISTAND_RESIDENT_OIDC_TOKEN_ENDPOINT",
    "BISTAND_RESIDENT_OIDC_JWKS_ENDPOINT",
)
DEFAULT_PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


@dataclass(frozen=True)
class ResidentOidcConfig:
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_endpoint: str
    userinfo_endpoint: str  # empty: the claims of the ID token are used
    sign_algo: str
    scopes: str
    pnr_claim: str

    def as_settings(self) -> dict[str, object]:
        """mozilla-django-oidc's setting names with the resident client's values."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": self.token_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": self.jwks_endpoint,
            "OIDC_OP_USER_ENDPOINT": self.userinfo_endpoint,
            "OIDC_RP_SIGN_ALGO": self.sign_algo,
            "OIDC_RP_SCOPES": self.scopes,
        }


def resident_oidc_config(env: Mapping[str, str]) -> ResidentOidcConfig | None:
    """The resident sign-in settings, or None when it is not configured."""
    if not all(env.get(name, "").strip() for name in REQUIRED):
        return None
    return ResidentOidcConfig(
        client_id=env["BISTAND_RESIDENT_OIDC_CLIENT_ID"].strip(),
        client_secret=env["BISTAND_RESIDENT_OIDC_CLIENT_SECRET"].strip(),
        authorization_endpoint=env["BISTAND_RESIDENT_OIDC_AUTHORIZATION_ENDPOINT"].strip(),
        token_endpoint=env["BISTAND_RESIDENT_OIDC_TOKEN_ENDPOINT"].strip(),
        jwks_endpoint=env["BISTAND_RESIDENT_OIDC_JWKS_ENDPOINT"].strip(),
        userinfo_endpoint=env.get("BISTAND_RESIDENT_OIDC_USERINFO_ENDPOINT", "").strip(),
        sign_algo=env.get("BISTAND_RESIDENT_OIDC_SIGN_ALGO", "RS256").strip() or "RS256",
        scopes=env.get("BISTAND_RESIDENT_OIDC_SCOPES", "openid").strip() or "openid",
        pnr_claim=env.get("BISTAND_RESIDENT_OIDC_PNR_CLAIM", DEFAULT_PNR_CLAIM).strip() or DEFAULT_PNR_CLAIM,
    )
