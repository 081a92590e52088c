"""Idempotency keys for the API: a retried POST gets the first answer, never a second application.

An e-service that sends an application and loses the answer (a timeout, a dropped connection) sends it
again. With the header `Idempotency-Key: <any unique text up to 255 characters>` the retry gets exactly
the first answer — same status, same body — and nothing is stored twice. The same key with a different
body is refused (422 `idempotency_key_reused`): it is a client error, not a retry.

Keys belong to the caller that sent them (whichever way it authenticated: the principal is the signed-in
user, or the API's `request.auth` identity), so two clients cannot collide by choosing the same key.
The key is claimed by inserting its row first in the request's transaction; a concurrent retry with the
same key waits on the unique constraint and then replays the stored answer. If the request fails with an
exception nothing is stored and the key can be used again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, models, transaction

MAX_KEY_LENGTH = 255
HEADER = "Idempotency-Key"


class IdempotentRequest(models.Model):
    principal = models.CharField("avsändare", max_length=100)
    endpoint = models.CharField("anrop", max_length=100)
    key = models.CharField("idempotensnyckel", max_length=MAX_KEY_LENGTH)
    fingerprint = models.CharField("kontrollsumma för innehållet (SHA-256)", max_length=64)
    status = models.PositiveSmallIntegerField("svarskod", null=True)
    response = models.JSONField("svar", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "casework"
        verbose_name = "anrop med idempotensnyckel"
        verbose_name_plural = "anrop med idempotensnyckel"
        constraints = [
            models.UniqueConstraint(
                fields=["principal", "endpoint", "key"], name="one_answer_per_idempotency_key"
            ),
        ]


def principal_of(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    auth = getattr(request, "auth", None)
    identity = getattr(auth, "pk", None)
    return f"{type(auth).__name__.lower()}:{identity if identity is not None else auth}"[:100]


def fingerprint_of(body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _error(code: str, message: str) -> dict:
    return {"errors": [{"code": code, "message": message, "field": HEADER}]}


def answer(
    request, endpoint: str, key: str | None, body: dict, handle: Callable[[], tuple[int, dict]]
) -> tuple[int, dict]:
    """handle() once per (caller, endpoint, key); the stored (status, body) for a retry."""
    if key is None:
        return handle()
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        return 422, _error(
            "invalid_idempotency_key",
            f"{HEADER} ska vara en text på 1–{MAX_KEY_LENGTH} tecken utan styrtecken.",
        )
    fingerprint = fingerprint_of(body)
    principal = principal_of(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = IdempotentRequest.objects.create(
                    principal=principal, endpoint=endpoint, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            # Answered before, or just now by a concurrent request whose commit this insert waited for.
            first = IdempotentRequest.objects.get(principal=principal, endpoint=endpoint, key=key)
            return _replay(first, fingerprint)
        status, response = handle()
        claim.status, claim.response = status, json.loads(json.dumps(response, default=str))
        claim.save(update_fields=["status", "response"])
    return status, response


def _replay(first: IdempotentRequest, fingerprint: str) -> tuple[int, dict]:
    if first.fingerprint != fingerprint:
        return 422, _error(
            "idempotency_key_reused",
            f"Nyckeln i {HEADER} har redan använts för ett anrop med annat innehåll. Ett nytt anrop "
            "behöver en ny nyckel; ett omsänt anrop ska ha exakt samma innehåll.",
        )
    if first.status is None:  # cannot be seen committed; kept so a replay never invents an answer
        return 409, _error("idempotency_key_in_use", "Anropet med den nyckeln behandlas fortfarande.")
    return first.status, first.response
