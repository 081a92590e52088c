"""Fixtures and setup for every test area.

- django-axes (the login lockout) needs the request on every authentication, as the sign-in page and
  single sign-on give it; Django's test client's `login()` calls authenticate() without one. Give it a
  plain request from the local address, so tests that sign in with a password keep working and go
  through the lockout check like a real sign-in.
- The web application brings in the riksnorm tables entered in the database on every request
  (bistand.normtables.middleware); a test that may not touch the database skips that step.
"""

import pytest
from django.http import HttpRequest
from django.test import Client

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}

_client_login = Client.login


def _login_with_request(self, **credentials):
    if "request" not in credentials:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials["request"] = request
    return _client_login(self, **credentials)


Client.login = _login_with_request


@pytest.fixture(autouse=True)
def _tables_from_files_without_a_database(request, monkeypatch):
    """A test without database access calculates from the parameter files alone."""
    if request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(request.fixturenames):
        return
    from bistand.normtables import registry

    monkeypatch.setattr(registry, "sync", lambda force=False: None)


@pytest.fixture
def august_2026(monkeypatch):
    """Apply the date windows (bistand.casework.windows) as on 10 August 2026, for tests whose fixed
    months (an application for 2026-08) must lie within the window of months a caseworker may register."""
    from datetime import date

    from bistand.casework import date_checks

    monkeypatch.setattr(date_checks, "today", lambda: date(2026, 8, 10))
