"""Session limits: signed out after a period without activity, and after a fixed time in any case.

Both are in seconds in settings (BISTAND_SESSION_IDLE_SECONDS, BISTAND_SESSION_MAX_SECONDS). The times
are kept in the session itself (set at sign-in by signals.py); a session from before this middleware
gets them on its next request. After the sign-out the request goes on as anonymous, so a page asks for a
new sign-in and the API answers 401; an htmx request (which would swap the sign-in page into a part of
the page) is told to load the sign-in page instead.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse

from bistand.accounts.signals import LAST_SEEN, LOGIN_AT

# The last activity is written at most once a minute: writing it on every request made every page an
# UPDATE of the session row. A stamp up to a minute old can only sign someone out a little early, never
# late.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_out = user is not None and user.is_authenticated and self._signed_out(request)
        if signed_out and getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = settings.LOGIN_URL
            return response
        return self.get_response(request)

    def _signed_out(self, request) -> bool:
        now = int(time.time())
        session = request.session
        login_at = session.get(LOGIN_AT) or now
        last_seen = session.get(LAST_SEEN) or now
        idle = settings.BISTAND_SESSION_IDLE_SECONDS
        limit = settings.BISTAND_SESSION_MAX_SECONDS
        reason = ""
        if now - last_seen > idle:
            reason = f"ingen aktivitet på {idle // 60} minuter"
        elif now - login_at > limit:
            reason = f"längsta tid för en inloggning, {limit // 3600} timmar"
        if reason:
            request.bistand_logout_reason = reason
            logout(request)
            messages.info(request, f"Du har loggats ut automatiskt ({reason}). Logga in igen.")
            return True
        if session.get(LOGIN_AT) is None:
            session[LOGIN_AT] = login_at
        if session.get(LAST_SEEN) is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now
        return False
