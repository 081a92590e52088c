"""Writes for attachments, messages and the survey. Each writes its audit row in the same transaction.

Keyword-only arguments throughout; refusals are raised as Refused with a code the views turn into a
message in the resident's language.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bistand.audit import audit
from bistand.audit.audit import AuditAction
from bistand.cases.models import Application, Case
from bistand.journal.models import JournalNote
from bistand.residentcomm import filecheck, notifications
from bistand.residentcomm.models import Attachment, Message, SurveyAnswer, SurveyInvitation
from bistand.residentcomm.resident import adults_of, audit_client

MESSAGE_MAX_CHARS = 4000
# Rate limits, counted from what is stored (so they hold across server processes): a person may send
# at most this many attachments per hour and messages per hour.
UPLOADS_PER_HOUR = 20
MESSAGES_PER_HOUR = 10


class Refused(Exception):
    """A refused write; `code` is one of the keys the views translate (nothing was saved)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# --- attachments ----------------------------------------------------------------------------------


def attachments_dir() -> Path:
    return Path(settings.BISTAND_ATTACHMENTS_DIR)


def stored_path(attachment: Attachment) -> Path:
    return attachments_dir() / attachment.stored_name


def clean_name(name: str, extension: str) -> str:
    """The person's file name without a path or control characters, with the extension of its content."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/|?*').strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{(stem or 'bilaga')[:100]}.{extension}"


def upload_attachment(
    *, application: Application, person, name: str, data: bytes, path: str = ""
) -> Attachment:
    if len(data) == 0:
        raise Refused("empty")
    if len(data) > settings.BISTAND_ATTACHMENT_MAX_BYTES:
        raise Refused("too_large")
    since = timezone.now() - timedelta(hours=1)
    if Attachment.objects.filter(uploaded_by=person, uploaded_at__gte=since).count() >= UPLOADS_PER_HOUR:
        raise Refused("rate")
    try:
        checked = filecheck.check(data)
    except filecheck.NotAllowed as e:
        raise Refused("type") from e
    directory = attachments_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored_name = f"{uuid.uuid4().hex}.{checked.extension}"
    target = directory / stored_name
    with transaction.atomic():
        # Lock the application so two uploads at once cannot both pass the count limit.
        Application.objects.select_for_update().filter(pk=application.pk).first()
        if application.attachments.count() >= settings.BISTAND_ATTACHMENTS_PER_APPLICATION:
            raise Refused("too_many")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            attachment = Attachment.objects.create(
                case_id=application.case_id,
                application=application,
                uploaded_by=person,
                original_name=clean_name(name, checked.extension),
                content_type=checked.content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                stored_name=stored_name,
            )
            audit.record(
                action=AuditAction.UPLOAD,
                what=f"Bilaga till ansökan för {application.month:%Y-%m}",
                case=application.case,
                path=path,
                client=audit_client(person),
            )
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return attachment


def record_attachment_read(*, attachment: Attachment, person, path: str = "") -> None:
    """A resident opened an attachment (staff reads are logged by access.case_for_request)."""
    audit.record(
        action=AuditAction.VIEW,
        what=f"E-tjänsten: bilaga {attachment.pk}",
        case=attachment.case,
        path=path,
        client=audit_client(person),
    )


# --- messages -------------------------------------------------------------------------------------


def send_message(*, case: Case, text: str, person=None, staff=None, path: str = "", user=None) -> Message:
    """A message from the household (person) or from the case's staff (staff) to the other side."""
    if (person is None) == (staff is None):
        raise ValueError("a message has exactly one sender")
    text = (text or "").strip()
    if not text:
        raise Refused("empty_message")
    if len(text) > MESSAGE_MAX_CHARS:
        raise Refused("long_message")
    if person is not None:
        since = timezone.now() - timedelta(hours=1)
        sent = Message.objects.filter(sender_person=person, sent_at__gte=since).count()
        if sent >= MESSAGES_PER_HOUR:
            raise Refused("rate")
    with transaction.atomic():
        message = Message.objects.create(
            case=case, from_household=person is not None, sender_person=person, sender_staff=staff, text=text
        )
        audit.record(
            action=AuditAction.MESSAGE,
            what="Meddelande till handläggaren" if person else "Meddelande till den enskilde",
            case=case,
            staff=staff,
            user=user,
            path=path,
            client=audit_client(person) if person else "",
        )
        if staff is not None:
            adults = adults_of(case)
            transaction.on_commit(lambda: notifications.notify(adults, notifications.NEW_MESSAGE))
    return message


def read_thread(*, case: Case, person=None, staff=None, user=None, path: str = "") -> list[Message]:
    """The thread, oldest first; marks the other side's unread messages as read and logs the reading."""
    with transaction.atomic():
        case.resident_messages.filter(from_household=staff is not None, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if person is not None:
            audit.record(
                action=AuditAction.VIEW,
                what="E-tjänsten: meddelanden",
                case=case,
                path=path,
                client=audit_client(person),
            )
        # Staff reads are logged by access.case_for_request when the page opens the case.
    return list(case.resident_messages.select_related("sender_person", "sender_staff__user"))


def journal_message(*, message: Message, staff, user=None, path: str = "") -> JournalNote:
    """Copy a message into the case's journal (an append-only note signed by the caseworker)."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.journal_note_id:
            return message.journal_note
        direction = "från den enskilde" if message.from_household else "till den enskilde"
        sender = message.sender_person.full_name if message.from_household else message.sender_staff.full_name
        note = JournalNote.objects.create(
            case=message.case,
            author=staff,
            occurred_on=timezone.localtime(message.sent_at).date(),
            heading=f"Meddelande {direction} via e-tjänsten"[:120],
            text=f"{sender}, {timezone.localtime(message.sent_at):%Y-%m-%d %H:%M}:\n\n{message.text}",
        )
        Message.objects.filter(pk=message.pk).update(journal_note=note)
        audit.record(
            action=AuditAction.JOURNAL,
            what="Journalförde meddelande från e-tjänsten",
            case=message.case,
            staff=staff,
            user=user,
            path=path,
        )
    return note


def unread_counts(cases) -> dict[int, int]:
    """case id -> messages from the household not yet read by staff (one query)."""
    from django.db.models import Count

    rows = (
        Message.objects.filter(case__in=cases, from_household=True, read_at__isnull=True)
        .values("case_id")
        .annotate(n=Count("id"))
    )
    return {r["case_id"]: r["n"] for r in rows}


# --- the survey -----------------------------------------------------------------------------------

SURVEY_DAYS = 30  # an invitation is offered for 30 days after the decision or meeting


def open_invitations(*, person) -> list[SurveyInvitation]:
    """Invite the person for each decision or held meeting of their cases in the last 30 days (once
    each), and return the invitations not yet answered."""
    from bistand.cases.models import Decision
    from bistand.residentcomm.models import SurveyEvent
    from bistand.residentcomm.resident import cases_of
    from bistand.selfsupport.models import Meeting, MeetingStatus

    since = timezone.now() - timedelta(days=SURVEY_DAYS)
    cases = cases_of(person)
    events = [
        (SurveyEvent.DECISION, pk, unit_id, timezone.localtime(at).date())
        for pk, unit_id, at in Decision.objects.filter(case__in=cases, decided_at__gte=since).values_list(
            "pk", "case__unit_id", "decided_at"
        )
    ] + [
        (SurveyEvent.MEETING, pk, unit_id, timezone.localtime(at).date())
        for pk, unit_id, at in Meeting.objects.filter(
            case__in=cases, status=MeetingStatus.HELD, starts_at__gte=since, starts_at__lte=timezone.now()
        ).values_list("pk", "case__unit_id", "starts_at")
    ]
    known = set(SurveyInvitation.objects.filter(person=person).values_list("event", "event_id"))
    new = [
        SurveyInvitation(
            person=person,
            unit_id=unit_id,
            event=event,
            event_id=pk,
            month=day.replace(day=1),
            token=secrets.token_urlsafe(32),
        )
        for event, pk, unit_id, day in events
        if (event, pk) not in known
    ]
    SurveyInvitation.objects.bulk_create(new, ignore_conflicts=True)
    return list(
        SurveyInvitation.objects.filter(person=person, answered=False, created_at__gte=since).order_by(
            "created_at", "pk"
        )
    )


def answer_survey(*, token: str, person, respect: str, understood: str, helped: str, path: str = "") -> None:
    """Store one anonymous answer and mark the invitation used (in one transaction, so never twice)."""
    with transaction.atomic():
        invitation = SurveyInvitation.objects.select_for_update().filter(token=token, person=person).first()
        if invitation is None:
            raise Refused("no_invitation")
        if invitation.answered:
            raise Refused("answered")
        SurveyInvitation.objects.filter(pk=invitation.pk).update(answered=True)
        SurveyAnswer.objects.create(
            unit_id=invitation.unit_id,
            month=invitation.month,
            respect=respect,
            understood=understood,
            helped=helped,
        )
        # The row says only that the person answered, like the invitation; no case, no answer.
        audit.record(
            action=AuditAction.CREATE, what="Besvarade klientenkäten", path=path, client=audit_client(person)
        )
