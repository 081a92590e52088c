"""Shared test setup.

django-axes (the login lockout) needs the request on every authentication, as the sign-in page and
single sign-on give it; Django's test client's `login()` calls authenticate() without one. Give it a
plain request from the local address, so tests that sign in with a password keep working and go
through the lockout check like a real sign-in.
"""

from django.http import HttpRequest
from django.test import Client

_client_login = Client.login


def _login_with_request(self, **credentials):
    if "request" not in credentials:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials["request"] = request
    return _client_login(self, **credentials)


Client.login = _login_with_request
