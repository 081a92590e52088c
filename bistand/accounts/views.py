"""The sign-in page: the password form (for everyone in the demo, break-glass accounts under single
sign-on), the link to the municipality's single sign-on when configured, and the lockout answer."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

LOCKED_MESSAGE = (
    "För många misslyckade inloggningar. Kontot är spärrat från den här datorn i {minutes} minuter. "
    "Försök igen senare eller kontakta IT-supporten."
)


def _context(request) -> dict:
    return {
        "sso_enabled": settings.BISTAND_OIDC_ENABLED,
        "sso_failed": request.GET.get("sso") == "nekad",
    }


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_context(self.request)}


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: the sign-in page with a Swedish message (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "locked_message": LOCKED_MESSAGE.format(minutes=minutes),
        "next": request.POST.get("next", ""),
        **_context(request),
    }
    return render(request, "registration/login.html", context, status=429)


def is_single_sign_on_attempt(request, credentials=None) -> bool:
    """django-axes counts only password attempts, which always carry a username.

    A single sign-on callback has none (the identity provider does its own rate limiting); counting it
    would put every failed SSO attempt from one office's address in one bucket and lock out colleagues.
    """
    return not (credentials or {}).get("username") and not request.POST.get("username")
