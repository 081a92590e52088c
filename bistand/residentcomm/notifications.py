"""Notifications to the household: a short text that something is waiting on Mina sidor, nothing more.

The text is fixed and never carries a name, an amount, a case number or what the message says: an
e-mail or a text message can be read by others (a shared phone, a work mailbox), and the content is
covered by socialtjänstsekretess (OSL 26 kap. 1 §); GDPR art. 5.1 c (data minimisation) and
art. 32 (security of processing) point the same way. The person signs in to read.

The backend is chosen by the setting BISTAND_NOTIFICATION_BACKEND (a dotted path; the environment
variable of the same name). Shipped backends:
- ConsoleBackend: writes to the log (development; the default when DEBUG is on);
- EmailBackend: Django's e-mail (EMAIL_HOST etc.), to each adult's e-mail address;
- NullBackend: sends nothing (the default in production until one is configured);
- MemoryBackend: keeps what was sent in `MemoryBackend.outbox` (tests).
An SMS backend is a subclass of SmsBackend that implements `send_sms(number, text)` with the
municipality's SMS gateway; see docs/eservice-messages.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

NEW_MESSAGE = "Du har ett nytt meddelande i Bistånd"
NEW_DECISION = "Du har ett nytt beslut i Bistånd"
SUBJECT = "Bistånd"

logger = logging.getLogger("bistand.notifications")


@dataclass(frozen=True)
class Recipient:
    email: str = ""
    phone: str = ""


class NotificationBackend:
    def send(self, recipients: list[Recipient], text: str) -> None:
        raise NotImplementedError


class NullBackend(NotificationBackend):
    def send(self, recipients, text):
        return None


class ConsoleBackend(NotificationBackend):
    def send(self, recipients, text):
        for recipient in recipients:
            logger.warning("Avisering till %s: %s", _masked(recipient), text)


class MemoryBackend(NotificationBackend):
    outbox: list[tuple[Recipient, str]] = []

    def send(self, recipients, text):
        MemoryBackend.outbox.extend((r, text) for r in recipients)


class EmailBackend(NotificationBackend):
    def send(self, recipients, text):
        for recipient in recipients:
            if recipient.email:
                body = f"{text}.\n\nLogga in på Mina sidor för att läsa det.\n"
                send_mail(SUBJECT, body, None, [recipient.email], fail_silently=True)


class SmsBackend(NotificationBackend):
    """Base for an SMS gateway: implement send_sms(number, text); numbers come from the person's phone."""

    def send(self, recipients, text):
        for recipient in recipients:
            if recipient.phone:
                self.send_sms(recipient.phone, text)

    def send_sms(self, number: str, text: str) -> None:
        raise NotImplementedError("Anslut kommunens SMS-tjänst i en underklass.")


def _masked(recipient: Recipient) -> str:
    if recipient.email:
        return "e-post ***" + recipient.email[recipient.email.find("@") :]
    return "telefon ***" + recipient.phone[-2:] if recipient.phone else "ingen adress"


def backend() -> NotificationBackend:
    return import_string(settings.BISTAND_NOTIFICATION_BACKEND)()


def notify(persons, text: str) -> None:
    """Send the fixed text to every person who has an e-mail address or a phone number."""
    if text not in (NEW_MESSAGE, NEW_DECISION):  # nothing but the fixed texts ever leaves
        raise ValueError("only the fixed notification texts may be sent")
    recipients = [Recipient(p.email, p.phone) for p in persons if p.email or p.phone]
    if recipients:
        backend().send(recipients, text)
