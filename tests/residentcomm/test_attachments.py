"""Attachments: the content check, size and count limits, storage outside the web root, who may read."""

import os
import stat

import pytest
from django.conf import settings
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.residentcomm import services
from bistand.residentcomm.models import Attachment
from tests.residentcomm.files import FAKE_PDF, image, small_pdf
from tests.residentcomm.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.BISTAND_ATTACHMENTS_DIR = tmp_path / "bilagor"
    return build_world()


def upload(world, data=None, name="hyra.pdf", application=None, person=None):
    return services.upload_attachment(
        application=application or world.application_a,
        person=person or world.anna,
        name=name,
        data=small_pdf() if data is None else data,
    )


def test_a_pdf_is_stored_outside_the_web_root_readable_only_by_the_server(world):
    attachment = upload(world, name="../../etc/Hyresavi nov.PDF")
    path = services.stored_path(attachment)
    assert path.read_bytes() == small_pdf()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not str(path).startswith(str(settings.STATIC_ROOT))
    # The stored name is random; the shown name keeps the person's words without the path, with the
    # extension of what the content is.
    assert attachment.original_name == "Hyresavi nov.pdf"
    assert world.case_a.household.pk == attachment.case.household_id
    assert AuditEvent.objects.filter(action="upload", case=world.case_a).count() == 1


def test_content_not_name_decides(world):
    with pytest.raises(services.Refused) as refused:
        upload(world, data=FAKE_PDF, name="kvitto.pdf")
    assert refused.value.code == "type"
    png = upload(world, data=image("PNG"), name="kvitto.pdf")  # a PNG called .pdf is a PNG
    assert (png.content_type, png.original_name) == ("image/png", "kvitto.png")
    assert sorted(os.listdir(settings.BISTAND_ATTACHMENTS_DIR)) == [
        png.stored_name
    ]  # nothing left of the refused one


def test_size_limit(world, settings):
    settings.BISTAND_ATTACHMENT_MAX_BYTES = len(small_pdf()) - 1
    with pytest.raises(services.Refused) as refused:
        upload(world)
    assert refused.value.code == "too_large"
    assert Attachment.objects.count() == 0


def test_count_limit_per_application(world, settings):
    settings.BISTAND_ATTACHMENTS_PER_APPLICATION = 3
    for _ in range(3):
        upload(world)
    with pytest.raises(services.Refused) as refused:
        upload(world)
    assert refused.value.code == "too_many"
    upload(
        world, application=world.application_b, person=world.cilla
    )  # another application has its own count
    assert Attachment.objects.filter(application=world.application_a).count() == 3


def test_rate_limit_per_person(world, settings):
    settings.BISTAND_ATTACHMENTS_PER_APPLICATION = 100
    for _ in range(services.UPLOADS_PER_HOUR):
        upload(world)
    with pytest.raises(services.Refused) as refused:
        upload(world)
    assert refused.value.code == "rate"
    upload(world, person=world.bo)  # the other adult is counted apart


def test_the_caseworker_reads_it_and_the_reading_is_logged(world, client):
    attachment = upload(world)
    client.force_login(world.hanna.user)
    url = reverse("residentcomm:staff_attachment", args=[world.case_a.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == small_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        AuditEvent.objects.filter(action="view", case=world.case_a, staff=world.hanna, path=url).count() == 1
    )


def test_staff_who_may_not_open_the_case_get_404_and_a_denied_row(world, client):
    attachment = upload(world)
    client.force_login(world.olle.user)
    url = reverse("residentcomm:staff_attachment", args=[world.case_a.pk, attachment.pk])
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="denied", case=world.case_a, path=url).count() == 1
    # The attachment of case A asked for under case B (which Hanna may open) is not found either.
    client.force_login(world.hanna.user)
    assert (
        client.get(
            reverse("residentcomm:staff_attachment", args=[world.case_b.pk, attachment.pk])
        ).status_code
        == 404
    )


def test_the_application_page_lists_the_attachments(world, client):
    upload(world, name="Hyresavi.pdf")
    client.force_login(world.hanna.user)
    response = client.get(reverse("casework:application", args=[world.case_a.pk, world.application_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bilagor från den enskilde" in html and "Hyresavi.pdf" in html


def test_attachments_are_not_under_any_served_url(world, client):
    attachment = upload(world)
    for prefix in (settings.STATIC_URL, "/media/", "/var/", "/bilagor/"):
        assert client.get(f"{prefix}{attachment.stored_name}").status_code == 404
