"""The message thread: both ways, read marks, journaling, audit, and notifications without content."""

import pytest
from django.test import Client
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.journal.models import JournalNote
from bistand.residentcomm import notifications, services
from bistand.residentcomm.models import Message
from bistand.residentcomm.notifications import MemoryBackend, Recipient
from tests.eservice.helpers import resident_login
from tests.residentcomm.world import build_world

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Jag har fått 3 450 kronor i lön och hyran är 6 500 kr"


@pytest.fixture
def world():
    MemoryBackend.outbox.clear()
    return build_world()


def test_household_writes_caseworker_reads_replies_and_journals(
    world, client, django_capture_on_commit_callbacks
):
    services.send_message(case=world.case_a, person=world.anna, text=SECRET_TEXT)
    assert (
        AuditEvent.objects.filter(
            action="message", case=world.case_a, client__contains=str(world.anna.pk)
        ).count()
        == 1
    )
    assert MemoryBackend.outbox == []  # the caseworker sees it on her start page; the household is not told

    client.force_login(world.hanna.user)
    start = client.get(reverse("casework:start")).content.decode()
    assert "Olästa meddelanden" in start and world.case_a.number in start

    url = reverse("residentcomm:staff_thread", args=[world.case_a.pk])
    page = client.get(url).content.decode()
    assert "Jag har fått 3 450 kronor i lön" in page
    assert Message.objects.get().read_at is not None  # opened by the caseworker: read
    assert AuditEvent.objects.filter(action="view", case=world.case_a, staff=world.hanna, path=url).exists()
    assert "Olästa meddelanden" not in client.get(reverse("casework:start")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Tack, jag har sett lönebeskedet. Ring mig på tisdag."})
    assert response.status_code == 302
    reply = Message.objects.get(from_household=False)
    assert reply.sender_staff == world.hanna
    # Both adults are told; Anna by e-mail address, Bo by phone; the text is the fixed one.
    assert sorted(MemoryBackend.outbox, key=lambda r: r[0].email) == [
        (Recipient("", "0701234567"), "Du har ett nytt meddelande i Bistånd"),
        (Recipient("anna@example.se", ""), "Du har ett nytt meddelande i Bistånd"),
    ]

    incoming = Message.objects.get(from_household=True)
    response = client.post(reverse("residentcomm:staff_journal", args=[world.case_a.pk, incoming.pk]))
    assert response.status_code == 302
    note = JournalNote.objects.get(case=world.case_a)
    assert note.author == world.hanna and SECRET_TEXT in note.text
    assert note.heading == "Meddelande från den enskilde via e-tjänsten"
    assert AuditEvent.objects.filter(action="journal", case=world.case_a).count() == 1
    # Journaling twice gives the same note, not a second one.
    client.post(reverse("residentcomm:staff_journal", args=[world.case_a.pk, incoming.pk]))
    assert JournalNote.objects.filter(case=world.case_a).count() == 1


def test_the_case_file_shows_the_thread(world, client):
    services.send_message(case=world.case_a, person=world.bo, text="Jag har skickat hyresavin.")
    client.force_login(world.hanna.user)
    html = client.get(reverse("casework:case", args=[world.case_a.pk])).content.decode()
    assert (
        "Meddelanden med den enskilde" in html and "Jag har skickat hyresavin." in html and "1 oläst" in html
    )


def test_staff_of_another_unit_cannot_reach_the_thread(world, client):
    services.send_message(case=world.case_a, person=world.anna, text="Hej")
    client.force_login(world.olle.user)
    assert client.get(reverse("residentcomm:staff_thread", args=[world.case_a.pk])).status_code == 404
    message = Message.objects.get()
    assert (
        client.post(reverse("residentcomm:staff_journal", args=[world.case_a.pk, message.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("residentcomm:staff_thread", args=[world.case_a.pk]), {"text": "x"}).status_code
        == 404
    )
    assert Message.objects.count() == 1 and message.read_at is None


def test_an_empty_reply_is_refused_and_nothing_is_sent(world, client):
    client.force_login(world.hanna.user)
    response = client.post(reverse("residentcomm:staff_thread", args=[world.case_a.pk]), {"text": "   "})
    assert response.status_code == 400
    assert "Skriv ett meddelande innan du skickar." in response.content.decode()
    assert Message.objects.count() == 0 and MemoryBackend.outbox == []


def test_message_rate_limit(world):
    for n in range(services.MESSAGES_PER_HOUR):
        services.send_message(case=world.case_a, person=world.anna, text=f"Meddelande {n + 1}")
    with pytest.raises(services.Refused) as refused:
        services.send_message(case=world.case_a, person=world.anna, text="ett till")
    assert refused.value.code == "rate"


def test_notifications_never_carry_names_amounts_or_case_text(
    world, django_capture_on_commit_callbacks, settings, mailoutbox
):
    """Every notification channel, for a message and for a decision, carries only the fixed sentence."""
    from tests.casework.factories import make_calculation

    sensitive = [
        "Anna",
        "Bo",
        "Ek",
        world.case_a.number,
        "6 500",
        "6500",
        "3 450",
        "lön",
        "hyra",
        "Hanna",
        world.anna.personal_number,
        world.north.name,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(
            case=world.case_a, staff=world.hanna, text=f"Hej Anna, {SECRET_TEXT}, {world.case_a.number}"
        )
    from bistand.cases.models import Decision

    calculation = make_calculation(world.application_a, {"assistance": 6_500})
    with django_capture_on_commit_callbacks(execute=True):
        Decision.objects.create(
            case=world.case_a,
            application=world.application_a,
            calculation=calculation,
            month=world.application_a.month,
            outcome="granted",
            total_granted=6_500,
            decided_on=world.application_a.month,
            decided_by=world.hanna,
            legal_basis="4 kap. 1 § SoL",
        )
    texts = [text for _recipient, text in MemoryBackend.outbox]
    assert texts.count("Du har ett nytt meddelande i Bistånd") == 2
    assert texts.count("Du har ett nytt beslut i Bistånd") == 2
    # The e-mail backend: subject and body hold nothing but the fixed sentence and where to read it.
    settings.BISTAND_NOTIFICATION_BACKEND = "bistand.residentcomm.notifications.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(case=world.case_a, staff=world.hanna, text=f"Hej Anna, {SECRET_TEXT}")
    assert [m.to for m in mailoutbox] == [["anna@example.se"]]  # Bo has no e-mail address
    sent = texts + [m.subject + m.body for m in mailoutbox]
    for text in sent:
        for word in sensitive:
            assert word not in text, (word, text)
    assert (
        mailoutbox[0].body
        == "Du har ett nytt meddelande i Bistånd.\n\nLogga in på Mina sidor för att läsa det.\n"
    )


def test_only_the_fixed_texts_can_be_sent():
    with pytest.raises(ValueError):
        notifications.notify([], "Ditt beslut: 6 500 kr")


def test_the_sms_backend_sends_the_fixed_text_to_phone_numbers():
    sent = []

    class Gateway(notifications.SmsBackend):
        def send_sms(self, number, text):
            sent.append((number, text))

    Gateway().send([Recipient("a@example.se", ""), Recipient("", "0701234567")], notifications.NEW_MESSAGE)
    assert sent == [("0701234567", "Du har ett nytt meddelande i Bistånd")]


def test_nul_characters_are_dropped_from_a_reply_and_from_a_residents_message(world, client):
    """PostgreSQL cannot store NUL in text; a NUL pasted into a message is dropped, the rest is kept."""
    client.force_login(world.hanna.user)
    url = reverse("residentcomm:staff_thread", args=[world.case_a.pk])
    assert client.post(url, {"text": "Hej\x00 Anna"}).status_code == 302
    resident = Client()
    resident_login(resident, world.anna)
    thread = reverse("residentcomm:thread", args=[world.case_a.pk])
    assert resident.post(thread, {"text": "Tack\x00!"}).status_code == 302
    assert sorted(Message.objects.values_list("text", flat=True)) == ["Hej Anna", "Tack!"]
