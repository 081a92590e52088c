"""Settings of staff sign-in read from the environment (plain Python, no Django imports).

Single sign-on (OpenID Connect) is on only when every required variable is set; otherwise staff sign in
with a local password as before (the demo). With single sign-on on, a local password works only for the
break-glass accounts named in BISTAND_BREAK_GLASS_USERS.
"""

from collections.abc import Mapping
from dataclasses import dataclass

REQUIRED = (
    "BISTAND_OIDC_CLIENT_ID",
    "BISTAND_OIDC_CLIENT_SECRET",
    "BISTAND_OIDC_AUTHORIZATION_ENDPOINT",
    "BISTAND_OIDC_TOKEN_ENDPOINT",
)
MATCH_FIELDS = ("sso_subject", "username")


@dataclass(frozen=True)
class OidcConfig:
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str  # empty: the claims of the ID token are used
    jwks_endpoint: str
    sign_algo: str
    scopes: str
    staff_claim: str
    match_field: str


def oidc_config(env: Mapping[str, str]) -> OidcConfig | None:
    """The single sign-on settings, or None when it is not configured (some required variable missing)."""
    if not all(env.get(name, "").strip() for name in REQUIRED):
        return None
    match_field = env.get("BISTAND_OIDC_STAFF_FIELD", "sso_subject").strip() or "sso_subject"
    if match_field not in MATCH_FIELDS:
        raise ValueError(
            f"BISTAND_OIDC_STAFF_FIELD must be one of {', '.join(MATCH_FIELDS)}, not {match_field!r}"
        )
    return OidcConfig(
        client_id=env["BISTAND_OIDC_CLIENT_ID"].strip(),
        client_secret=env["BISTAND_OIDC_CLIENT_SECRET"].strip(),
        authorization_endpoint=env["BISTAND_OIDC_AUTHORIZATION_ENDPOINT"].strip(),
        token_endpoint=env["BISTAND_OIDC_TOKEN_ENDPOINT"].strip(),
        userinfo_endpoint=env.get("BISTAND_OIDC_USERINFO_ENDPOINT", "").strip(),
        jwks_endpoint=env.get("BISTAND_OIDC_JWKS_ENDPOINT", "").strip(),
        sign_algo=env.get("BISTAND_OIDC_SIGN_ALGO", "RS256").strip() or "RS256",
        scopes=env.get("BISTAND_OIDC_SCOPES", "openid profile").strip() or "openid profile",
        staff_claim=env.get("BISTAND_OIDC_STAFF_CLAIM", "sub").strip() or "sub",
        match_field=match_field,
    )


def break_glass_users(env: Mapping[str, str]) -> frozenset[str]:
    return frozenset(
        name.strip() for name in env.get("BISTAND_BREAK_GLASS_USERS", "").split(",") if name.strip()
    )
