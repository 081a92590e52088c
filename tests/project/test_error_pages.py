"""Swedish error pages that reveal nothing: no URL list, no traceback, no setting names."""

import logging
import sys

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from bistand.project.logfilters import MaskPersonalData
from bistand.project.urls import urlpatterns as project_urls

LEAKS = ("Traceback", "DATABASE_URL", "SECRET_KEY", "URLconf", "urlpatterns", "logga-in/", "DEBUG")


def explode(request):
    raise RuntimeError("DATABASE_URL=postgres://hemlig@db/bistand")


def fine(request):
    return HttpResponse("ok")


urlpatterns = [*project_urls, path("test-fel/", explode), path("test-ok/", fine)]


def assert_reveals_nothing(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, leak


@pytest.mark.django_db
def test_an_unknown_address_gives_the_swedish_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Sidan finns inte" in text and "finns-inte" not in text
    assert_reveals_nothing(text)


@override_settings(ROOT_URLCONF=__name__)
def test_a_crash_gives_the_swedish_500_without_the_error():
    client = Client(raise_request_exception=False)
    response = client.get("/test-fel/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Något gick fel hos oss" in text and 'lang="sv"' in text
    assert "hemlig" not in text and "RuntimeError" not in text
    assert_reveals_nothing(text)


@override_settings(ROOT_URLCONF=__name__)
def test_a_wrong_host_gives_the_swedish_400():
    response = Client().get("/test-ok/", headers={"host": "angripare.example"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Begäran kunde inte tas emot" in text and "angripare" not in text
    assert_reveals_nothing(text)


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_a_swedish_explanation():
    response = Client(enforce_csrf_checks=True).post("/logga-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Formuläret kunde inte skickas" in text and "ladda om sidan" in text
    assert "CSRF" not in text and "Referer" not in text and "cookie not set" not in text
    assert_reveals_nothing(text)


def log_record(message: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, args, exc_info)


def test_personal_identity_numbers_are_masked_in_log_lines_and_tracebacks():
    try:
        raise ValueError("duplicate key (personal_number)=(198001011234)")
    except ValueError:
        record = log_record(
            "Internal Server Error: %s for %s", "/x/", "19800101-1234", exc_info=sys.exc_info()
        )
    assert MaskPersonalData().filter(record) is True
    line = logging.Formatter("%(message)s").format(record)
    assert "198001011234" not in line and "19800101-1234" not in line
    # Three: the message, the traceback's quoted source line and the exception's own message.
    assert line.count("<personnummer>") == 3
    # An ordinary number is left alone: a case id, an amount, a year.
    record = log_record("case %s paid %s kr in %s", 12345, 10500, 2026)
    MaskPersonalData().filter(record)
    assert record.getMessage() == "case 12345 paid 10500 kr in 2026"


def test_every_configured_log_handler_masks_personal_data():
    # The settings' LOGGING is in force (Django applied it at start-up): the root and django loggers.
    for name in ("", "django"):
        ours = [h for h in logging.getLogger(name).handlers if h.get_name() == "console"]
        assert ours, name
        assert all(any(isinstance(f, MaskPersonalData) for f in h.filters) for h in ours)


@pytest.mark.django_db
def test_a_refusal_gives_the_swedish_403_with_its_reason_and_nothing_more():
    from django.contrib.auth.models import User

    from bistand.organisation.models import Role, StaffMember

    user = User.objects.create_user("handlaggare-403", password="x" * 16)
    StaffMember.objects.create(user=user, role=Role.CASEWORKER)
    client = Client()
    client.force_login(user)
    response = client.get("/statistik/jamforelse/")  # comparing districts is not a caseworker's page
    assert response.status_code == 403
    text = response.content.decode()
    assert "Du har inte behörighet" in text and 'lang="sv"' in text
    assert "PermissionDenied" not in text and "statistics_view" not in text
    assert_reveals_nothing(text)
