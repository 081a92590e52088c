"""The administration page: administrators enter a table; everyone else is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bistand import rules
from bistand.audit.models import AuditEvent
from bistand.normtables.models import TableVersion
from bistand.organisation.models import Role
from tests.casework.factories import make_staff, make_unit
from tests.normtables.tables import SINGLE_2027, table_2027

pytestmark = pytest.mark.django_db
URL = "/parametrar/"


@pytest.fixture
def admin(client):
    staff = make_staff(make_unit(), role=Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    client.force_login(staff.user)
    return staff


def upload(client, text: str, name="2027.toml", note=""):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/toml")
    return client.post(URL, {"file": file, "note": note})


def test_the_page_lists_the_years_in_use(client, admin):
    page = client.get(URL).content.decode()
    assert "För in en tabell" in page
    assert '<th scope="row">2026</th>' in page and "59\u00a0200\u00a0kr" in page  # prisbasbelopp 2026
    assert "Inga versioner har förts in" in page


def test_an_administrator_enters_a_table(client, admin):
    response = upload(client, table_2027(), note="SFS publicerad")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Infört: Riksnorm 2027 version 1 (officiell)." in page
    version = TableVersion.objects.get()
    assert version.created_by == admin.user and version.note == "SFS publicerad"
    assert version.origin == "2027.toml"
    event = AuditEvent.objects.get(action="table")
    assert event.staff == admin and event.user == admin.user and event.path == URL
    # 4 020 + 1 310 + 6 000 = 11 330.
    assert rules.calculate(SINGLE_2027)["assistance"] == 11_330


def test_errors_are_shown_and_nothing_is_stored(client, admin):
    response = upload(client, table_2027(single=5000))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Tabellen är inte införd:" in page
    assert "Vuxen ensamstående: 5\u00a0000\u00a0kr är +26,9 % mot 2026 (3\u00a0940\u00a0kr)." in page
    assert TableVersion.objects.count() == 0 and not AuditEvent.objects.filter(action="table").exists()


def test_a_file_that_is_not_utf8_is_refused(client, admin):
    file = SimpleUploadedFile("2027.toml", b"\xff\xfe", content_type="application/toml")
    response = client.post(URL, {"file": file})
    assert "Filen är inte UTF-8-kodad text." in response.content.decode()
    assert TableVersion.objects.count() == 0


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.UNIT_MANAGER, Role.ANALYST])
def test_other_roles_are_refused(client, role):
    staff = make_staff(make_unit(), role=role)
    client.force_login(staff.user)
    assert client.get(URL).status_code == 403
    file = SimpleUploadedFile("2027.toml", table_2027().encode(), content_type="application/toml")
    assert client.post(URL, {"file": file}).status_code == 403
    assert TableVersion.objects.count() == 0


def test_the_administrators_start_page_links_to_the_page(client, admin):
    assert 'href="/parametrar/"' in client.get("/").content.decode()
