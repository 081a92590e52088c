"""Every sign-in, failed sign-in and sign-out is written to the audit log (OSL 26 kap., GDPR art. 32).

A failed attempt has no user: the username that was typed goes into the row's text, never the password.
The session also gets the time of sign-in here, for the absolute session limit (middleware.py).
"""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from bistand.audit import audit
from bistand.organisation.models import StaffMember

LOGIN_AT = "bistand_login_at"
LAST_SEEN = "bistand_last_seen"
USERNAME_LIMIT = 80


def _path(request) -> str:
    return request.get_full_path() if request is not None else ""


def _method(user) -> str:
    backend = getattr(user, "backend", "") or ""
    return "kommunens inloggning" if "OIDC" in backend else "lösenord"


@receiver(user_logged_in, dispatch_uid="bistand_audit_login")
def audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now
    audit.record(
        action=audit.AuditAction.LOGIN,
        what=f"Inloggning ({_method(user)})",
        user=user,
        staff=StaffMember.objects.filter(user=user).first(),
        path=_path(request),
    )


@receiver(user_login_failed, dispatch_uid="bistand_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username") or "").strip()[:USERNAME_LIMIT]
    locked = getattr(request, "axes_locked_out", False)
    what = f"Misslyckad inloggning som ”{typed}”" if typed else "Misslyckad inloggning (kommunens inloggning)"
    if locked:
        what += ": kontot är tillfälligt spärrat"
    audit.record(action=audit.AuditAction.LOGIN_FAILED, what=what, path=_path(request))


@receiver(user_logged_out, dispatch_uid="bistand_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:
        return
    reason = getattr(request, "bistand_logout_reason", "") if request is not None else ""
    audit.record(
        action=audit.AuditAction.LOGOUT,
        what=f"Utloggning{f' ({reason})' if reason else ''}",
        user=user,
        staff=StaffMember.objects.filter(user=user).first(),
        path=_path(request),
    )
