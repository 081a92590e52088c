"""Figures over a whole caseload on the start pages, kept a few minutes per staff member.

The counts above the work queue (unchanged, can be decided directly, cannot be decided yet) and the
aktivitetskrav panel go through every waiting application and every adult of a caseload. At a big city's
caseloads, hundreds of households per caseworker, that is most of the start page's time, and the start
page is the page staff open most. So the figures are kept per staff member and worked out again:
- at once after the staff member's own change: every POST that was not refused stamps the session
  (StampWritesMiddleware), and the stamp is part of the key;
- at once when what the figures are about changes, as the caller says (`parts`): for the counts, the
  waiting applications and their versions, so a new, changed or decided application is counted at once;
- otherwise after BISTAND_CASELOAD_FIGURES_SECONDS (default 300; 0 turns the keeping off): a colleague's
  change to one of the cases, such as a barrier registered or a decision handed over, shows in the
  figures within minutes.
The rows of the queue are always worked out for the page shown, and a decision checks everything again,
so a figure a few minutes old never lets anything through.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

T = TypeVar("T")

CACHE = "caseload_figures"  # a cache of its own (settings.CACHES), so nothing else's entries are evicted
WROTE_AT = "bistand_wrote_at"  # session key: when this session last changed something
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def kept(request, staff, what: str, day: date, parts: object, compute: Callable[[], T]) -> T:
    """compute(), or what it gave for the same staff member, role, day, own changes and `parts` within
    the last BISTAND_CASELOAD_FIGURES_SECONDS."""
    seconds = getattr(settings, "BISTAND_CASELOAD_FIGURES_SECONDS", 0)
    session = getattr(request, "session", None)
    if seconds <= 0 or session is None:
        return compute()
    stamp = session.get(WROTE_AT, 0)
    identity = repr((what, staff.pk, staff.role, day.isoformat(), stamp, parts)).encode()
    key = "caseload:" + hashlib.blake2b(identity, digest_size=16).hexdigest()
    cache = caches[CACHE]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


class StampWritesMiddleware:
    """Stamps the session of a signed-in user whose request may have changed something (a POST, PUT,
    PATCH or DELETE that was not refused), so their own start page shows their change at once. A form sent
    back with errors stamps it too: that costs one more working out of the figures, never a stale one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method not in SAFE_METHODS
            and response.status_code < 400
            and user is not None
            and user.is_authenticated
            and hasattr(request, "session")
        ):
            request.session[WROTE_AT] = time.time_ns()
        return response
