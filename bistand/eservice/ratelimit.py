"""Rate limits for the resident's sign-in and submissions, counted in the database.

The database (not a per-process cache) holds the count, so the limit is the same whichever gunicorn worker
answers. `hit` counts one attempt and says whether it is within the limit.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from bistand.eservice.models import RateEvent


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key`; False when there were already `limit` attempts within the window."""
    now = timezone.now()
    since = now - timedelta(seconds=window_seconds)
    RateEvent.objects.filter(key=key, at__lt=since).delete()
    if RateEvent.objects.filter(key=key, at__gte=since).count() >= limit:
        return False
    RateEvent.objects.create(key=key[:120])
    return True


def login_allowed(request) -> bool:
    return hit(
        f"login:{client_address(request)}",
        limit=settings.BISTAND_ESERVICE_LOGIN_LIMIT,
        window_seconds=settings.BISTAND_ESERVICE_LOGIN_WINDOW_SECONDS,
    )


def submit_allowed(person) -> bool:
    return hit(
        f"submit:{person.pk}",
        limit=settings.BISTAND_ESERVICE_SUBMIT_LIMIT,
        window_seconds=settings.BISTAND_ESERVICE_SUBMIT_WINDOW_SECONDS,
    )
