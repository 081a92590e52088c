"""Making, checking and revoking API tokens; every step writes the audit log.

The token a client sends is "bst_" followed by 43 url-safe characters (32 random bytes). The stored
digest is SHA-256 of the whole token: the secret has full entropy, so a plain hash needs no salt or
slow hashing, and lookup by digest does not leak timing about the secret.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from bistand.apitokens.models import ApiToken
from bistand.apitokens.scopes import SCOPES
from bistand.audit import audit

PREFIX = "bst_"


class TokenError(ValueError):
    """A Swedish message for whoever made the request."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(name: str, unit, scopes: list[str], created_by: str = "") -> NewToken:
    name = name.strip()
    if not name:
        raise TokenError("Ange ett namn på nyckeln, t.ex. vilken klient den är till.")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise TokenError(
            f"Okänd eller saknad behörighet: {', '.join(unknown) or '(ingen)'}. "
            f"Möjliga: {', '.join(sorted(SCOPES))}."
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            prefix=secret[: len(PREFIX) + 6],
            digest=digest(secret),
            unit=unit,
            scopes=sorted(set(scopes)),
            created_by=created_by,
        )
        audit.record(
            action=audit.AuditAction.TOKEN_CREATE,
            what=f"{token.label} för {unit.name}: {', '.join(token.scopes)} (av {created_by or 'okänd'})",
            client=token.label,
        )
    return NewToken(token, secret)


def revoke_token(token: ApiToken, revoked_by: str = "") -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise TokenError(f"{token.label} är redan återkallad.")
        token.revoked_at = timezone.now()
        token.revoked_by = revoked_by
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            action=audit.AuditAction.TOKEN_REVOKE,
            what=f"{token.label} återkallad (av {revoked_by or 'okänd'})",
            client=token.label,
        )
    return token


def active_token(secret: str) -> ApiToken | None:
    """The unrevoked token with this secret, or None (unknown, malformed or revoked)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    return ApiToken.objects.select_related("unit").filter(digest=digest(secret), revoked_at=None).first()


def mark_used(token: ApiToken, request) -> None:
    """Keep the last use and write one audit row for the call (which endpoint, never the secret)."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    audit.record(
        action=audit.AuditAction.API_USE,
        what=f"{request.method} {request.path}",
        path=request.get_full_path(),
        client=token.label,
    )
