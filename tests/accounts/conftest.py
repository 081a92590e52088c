import pytest

CLIENT_SECRET = "test-client-secret-that-is-long-enough-for-hs256"


@pytest.fixture
def sso(settings):
    """Single sign-on switched on against a fake identity provider (no network: tests mock the calls).

    HS256 signs the ID token with the client secret, so a test can make a valid token itself.
    """
    settings.BISTAND_OIDC_ENABLED = True
    settings.BISTAND_OIDC_STAFF_CLAIM = "employee_id"
    settings.BISTAND_OIDC_STAFF_FIELD = "sso_subject"
    settings.ROOT_URLCONF = "tests.accounts.oidc_urls"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "bistand.accounts.backends.StaffOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "bistand"
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.invalid/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = ""
    settings.OIDC_OP_JWKS_ENDPOINT = None
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_RP_SCOPES = "openid profile"
    return settings
