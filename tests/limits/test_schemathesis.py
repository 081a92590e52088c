"""Schemathesis against the OpenAPI document, through WSGI (no server): 0 server errors, 0 violations.

Every operation gets generated valid and invalid requests — anonymous, and with a signed-in caseworker's
session for the applications endpoint — and each response must be no 5xx, a documented status code, the
documented content type and match the documented schema. Deterministic (derandomize) with a modest number
of examples, so it never turns CI red by chance and runs in well under a minute.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bistand.project.wsgi import application
from tests.casework.factories import make_staff, make_unit


def _load_schema():
    """The OpenAPI document through WSGI at collection time, when the database may not be touched: the
    riksnorm-table sync on each request (bistand.normtables) is skipped while the document is fetched."""
    from bistand.normtables import registry

    sync = registry.sync
    registry.sync = lambda force=False: None
    try:
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        registry.sync = sync


schema = _load_schema()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
CSRF = "s" * 32  # any 32-character secret; the session's CSRF check compares cookie and header


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; the test transaction needs it
    open (Django's own test client disconnects the same signal handlers while it runs a request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def signed_in(client):
    staff = make_staff(make_unit())
    client.force_login(staff.user)
    session = client.cookies["sessionid"].value
    return {"cookies": {"sessionid": session, "csrftoken": CSRF}, "headers": {"X-CSRFToken": CSRF}}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_contract(case, signed_in):
    case.call_and_validate(checks=CHECKS)
    # Signed in with the session: a generated (random) Bearer token would rightly be refused with 401
    # before the session is looked at, so the session call goes without it.
    if case.headers:
        case.headers = {k: v for k, v in case.headers.items() if k.lower() != "authorization"}
    response = case.call_and_validate(checks=CHECKS, **signed_in)
    if case.path == "/api/v1/applications":  # the session and its CSRF token really are used
        assert response.status_code not in (401, 403), response.text
