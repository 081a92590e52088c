"""The resident's pages: upload, read, write, answer; only their own household; CSRF; English."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.eservice.middleware import COOKIE
from bistand.residentcomm import services
from bistand.residentcomm.models import Attachment, Message, SurveyAnswer
from tests.eservice.helpers import resident_login
from tests.residentcomm.files import FAKE_PDF, small_pdf
from tests.residentcomm.test_survey import decide
from tests.residentcomm.world import build_world

pytestmark = pytest.mark.django_db

REFUSED_TYPE = "Filen kunde inte tas emot. Den är inte en PDF, JPEG eller PNG, eller så är den skadad."


@pytest.fixture
def world(settings, tmp_path):
    settings.BISTAND_ATTACHMENTS_DIR = tmp_path / "bilagor"
    return build_world()


def anna_client(world, client=None):
    client = client or Client()
    resident_login(client, world.anna)
    return client


def test_upload_a_pdf_and_a_fake_one(world):
    client = anna_client(world)
    url = reverse("residentcomm:attachments", args=[world.application_a.pk])
    page = client.get(url).content.decode()
    assert "Bilagor till din ansökan" in page and "högst 10 MB" in page and "högst 10 bilagor" in page
    response = client.post(url, {"fil": SimpleUploadedFile("hyresavi.pdf", small_pdf(), "application/pdf")})
    assert response.status_code == 302
    response = client.post(url, {"fil": SimpleUploadedFile("lonebesked.pdf", FAKE_PDF, "application/pdf")})
    assert response.status_code == 400
    assert REFUSED_TYPE in response.content.decode()
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["hyresavi.pdf"]
    page = client.get(url).content.decode()
    assert "hyresavi.pdf" in page
    # Bo, the other adult, sees it and can open it; the reading is in the log under his person id.
    bo = Client()
    resident_login(bo, world.bo)
    attachment = Attachment.objects.get()
    response = bo.get(reverse("residentcomm:attachment_file", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == small_pdf()
    assert (
        AuditEvent.objects.filter(
            action="view", case=world.case_a, client=f"E-tjänsten, person {world.bo.pk}"
        ).count()
        == 1
    )


def test_a_too_large_body_is_refused_before_it_is_read(world):
    client = anna_client(world)
    url = reverse("residentcomm:attachments", args=[world.application_a.pk])
    response = client.post(
        url, data=b"x", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(11 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "Filen är för stor" in response.content.decode()


def test_messages_both_ways(world):
    client = anna_client(world)
    response = client.get(reverse("residentcomm:messages"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "residentcomm:thread", args=[world.case_a.pk]
    )
    url = reverse("residentcomm:thread", args=[world.case_a.pk])
    assert client.post(url, {"text": "Hej! Jag har skickat hyresavin."}).status_code == 302
    services.send_message(case=world.case_a, staff=world.hanna, text="Tack, jag har tagit emot den.")
    page = client.get(url).content.decode()
    assert "Hej! Jag har skickat hyresavin." in page and "Tack, jag har tagit emot den." in page
    assert Message.objects.get(from_household=False).read_at is not None
    assert Message.objects.get(from_household=True).read_at is None  # the caseworker has not read it yet
    response = client.post(url, {"text": ""})
    assert (
        response.status_code == 400 and "Skriv ett meddelande innan du skickar." in response.content.decode()
    )


def test_message_rate_limit_in_the_view(world):
    client = anna_client(world)
    url = reverse("residentcomm:thread", args=[world.case_a.pk])
    for n in range(services.MESSAGES_PER_HOUR):
        assert client.post(url, {"text": f"Meddelande {n}"}).status_code == 302
    response = client.post(url, {"text": "ett till"})
    assert response.status_code == 400
    assert "Du har skickat många på kort tid" in response.content.decode()


def test_survey_answered_once(world):
    decide(world, world.case_a, world.application_a)
    client = anna_client(world)
    page = client.get(reverse("residentcomm:survey")).content.decode()
    assert "Svara om ditt senaste beslut" in page
    (token,) = [i.token for i in services.open_invitations(person=world.anna)]
    url = reverse("residentcomm:survey_answer", args=[token])
    response = client.post(url, {"respect": "yes", "understood": "yes"})
    assert response.status_code == 400 and "Svara på alla tre frågorna." in response.content.decode()
    assert client.post(url, {"respect": "yes", "understood": "partly", "helped": "no"}).status_code == 302
    assert SurveyAnswer.objects.count() == 1
    assert client.get(url).status_code == 404  # used: no second answer
    assert client.post(url, {"respect": "no", "understood": "no", "helped": "no"}).status_code == 404
    assert SurveyAnswer.objects.count() == 1


def test_every_resident_url_as_another_household_is_404(world):
    """Cilla (household B) tries every page and file of household A: each answers 404, nothing changes."""
    services.upload_attachment(
        application=world.application_a, person=world.anna, name="a.pdf", data=small_pdf()
    )
    services.send_message(case=world.case_a, staff=world.hanna, text="Till Anna")
    decide(world, world.case_a, world.application_a)
    (invitation,) = services.open_invitations(person=world.anna)
    attachment = Attachment.objects.get()
    cilla = Client()
    resident_login(cilla, world.cilla)
    gets = [
        reverse("residentcomm:attachments", args=[world.application_a.pk]),
        reverse("residentcomm:attachment_file", args=[attachment.pk]),
        reverse("residentcomm:thread", args=[world.case_a.pk]),
        reverse("residentcomm:survey_answer", args=[invitation.token]),
    ]
    for url in gets:
        assert cilla.get(url).status_code == 404, url
    posts = {
        gets[0]: {"fil": SimpleUploadedFile("x.pdf", small_pdf(), "application/pdf")},
        gets[2]: {"text": "Intrång"},
        gets[3]: {"respect": "no", "understood": "no", "helped": "no"},
    }
    for url, data in posts.items():
        assert cilla.post(url, data).status_code == 404, url
    assert Attachment.objects.count() == 1 and Message.objects.filter(from_household=True).count() == 0
    assert SurveyAnswer.objects.count() == 0
    assert Message.objects.get().read_at is None  # Cilla's attempt did not mark Anna's message read
    # Her own pages work and show nothing of household A.
    own = cilla.get(reverse("residentcomm:thread", args=[world.case_b.pk])).content.decode()
    assert "Till Anna" not in own
    assert (
        "a.pdf"
        not in cilla.get(reverse("residentcomm:attachments", args=[world.application_b.pk])).content.decode()
    )


def test_no_resident_no_page_and_staff_sessions_are_not_residents(world, client):
    url = reverse("residentcomm:thread", args=[world.case_a.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("eservice:login"))
    client.force_login(world.hanna.user)
    assert client.get(url).status_code == 302  # a staff sign-in is no resident sign-in
    assert client.get(reverse("residentcomm:attachments", args=[world.application_a.pk])).status_code == 302


def test_csrf_is_required(world):
    client = anna_client(world, Client(enforce_csrf_checks=True))
    url = reverse("residentcomm:thread", args=[world.case_a.pk])
    assert client.post(url, {"text": "utan token"}).status_code == 403
    upload = reverse("residentcomm:attachments", args=[world.application_a.pk])
    assert client.post(upload, {"fil": SimpleUploadedFile("a.pdf", small_pdf())}).status_code == 403
    assert Message.objects.count() == 0 and Attachment.objects.count() == 0


def test_pages_in_english(world):
    client = anna_client(world)
    client.cookies[COOKIE] = "en"
    page = client.get(reverse("residentcomm:attachments", args=[world.application_a.pk])).content.decode()
    assert "Attachments to your application" in page and "Send the attachment" in page
    response = client.post(
        reverse("residentcomm:attachments", args=[world.application_a.pk]),
        {"fil": SimpleUploadedFile("fake.pdf", FAKE_PDF)},
    )
    assert "The file could not be accepted" in response.content.decode()
    assert (
        "Messages with your caseworker"
        in client.get(reverse("residentcomm:thread", args=[world.case_a.pk])).content.decode()
    )
    assert (
        "What do you think of your contact with us?"
        in client.get(reverse("residentcomm:survey")).content.decode()
    )
