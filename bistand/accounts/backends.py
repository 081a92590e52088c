"""Authentication backends: the local password (break-glass only under single sign-on) and OpenID Connect.

Order in settings.AUTHENTICATION_BACKENDS: django-axes first (it refuses a locked-out username and IP
before any password is checked), then the password backend, then single sign-on when configured.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class PasswordBackend(ModelBackend):
    """Django's password check; with single sign-on on, only for the named break-glass accounts."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if not settings.BISTAND_OIDC_ENABLED:
            return True
        return user.get_username() in settings.BISTAND_BREAK_GLASS_USERS


def staff_users_for_claims(claims: dict, claim: str, field: str):
    """The active users whose staff record matches the claim's value: none when the claim is missing.

    `field` is "sso_subject" (StaffMember.sso_subject, e.g. the employee id in the identity provider) or
    "username". Only existing staff match — single sign-on never creates an account — and an account
    that is deactivated, or has no staff record, is refused.
    """
    value = claims.get(claim)
    users = get_user_model().objects.none()
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        return users
    value = str(value).strip()
    lookup = {"staff__sso_subject": value} if field == "sso_subject" else {"username": value}
    return get_user_model().objects.filter(is_active=True, staff__isnull=False, **lookup)


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, mapping the identity provider's claim to a staff member."""

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(settings.BISTAND_OIDC_STAFF_CLAIM))

    def filter_users_by_claims(self, claims):
        return staff_users_for_claims(
            claims, settings.BISTAND_OIDC_STAFF_CLAIM, settings.BISTAND_OIDC_STAFF_FIELD
        )

    def describe_user_by_claims(self, claims) -> str:
        return f"{settings.BISTAND_OIDC_STAFF_CLAIM} {claims.get(settings.BISTAND_OIDC_STAFF_CLAIM)!r}"

    def create_user(self, claims):
        return None  # never: staff are registered in Bistånd first (OIDC_CREATE_USER is False as well)

    def get_userinfo(self, access_token, id_token, payload):
        """Without a userinfo endpoint, the verified ID token's own claims are used."""
        if not self.OIDC_OP_USER_ENDPOINT:
            return payload
        return super().get_userinfo(access_token, id_token, payload)

    def get_user(self, user_id):
        """A session's user, as long as the account is still active (a deactivated one is signed out)."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
