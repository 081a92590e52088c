"""Attachments, the message thread with the household and the anonymous client survey.

Attachments and messages belong to a case (and an attachment to one application of it); they are
personal data under socialtjänstsekretess (OSL 26 kap. 1 §) and every read is written to the audit log.
The survey's answers are anonymous by construction: SurveyAnswer has no link to a person, a case or an
invitation, only the unit and the month, and no timestamp or sequential id that could be matched against
the invitation that was used (GDPR art. 5.1 c, data minimisation).
"""

import uuid

from django.db import models


class Attachment(models.Model):
    """A file the household sent with an application, stored outside the web root (see storage.py)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="attachments")
    application = models.ForeignKey(
        "cases.Application", on_delete=models.PROTECT, related_name="attachments", verbose_name="ansökan"
    )
    uploaded_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="skickad av"
    )
    uploaded_at = models.DateTimeField("skickad", auto_now_add=True)
    # The name the person gave the file, cleaned (shown only to the household and the case's staff).
    original_name = models.CharField("filnamn", max_length=120)
    # What the content was found to be (never what the name or the browser claimed).
    content_type = models.CharField("filtyp", max_length=40)
    size = models.PositiveIntegerField("storlek (byte)")
    sha256 = models.CharField(max_length=64)
    # The file's name in BISTAND_ATTACHMENTS_DIR: a random name, nothing of the person in it.
    stored_name = models.CharField(max_length=80, unique=True)

    class Meta:
        verbose_name = "bilaga"
        verbose_name_plural = "bilagor"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind_label(self) -> str:
        return {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}.get(self.content_type, "")


class Message(models.Model):
    """One message in the case's thread between the household and its caseworker.

    The text is never changed after it is sent; only the read mark and the journal link are set later.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="resident_messages")
    from_household = models.BooleanField("från den enskilde")
    sender_person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sender_staff = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField("meddelande")
    sent_at = models.DateTimeField("skickat", auto_now_add=True, db_index=True)
    # When the other side first opened the thread after the message was sent.
    read_at = models.DateTimeField("läst", null=True, blank=True)
    journal_note = models.ForeignKey(
        "journal.JournalNote", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "meddelande"
        verbose_name_plural = "meddelanden"
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["case", "from_household", "read_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.sent_at:%Y-%m-%d %H:%M}"

    @property
    def sender_name(self) -> str:
        if self.sender_staff_id:
            return self.sender_staff.full_name
        return self.sender_person.full_name if self.sender_person_id else ""


class SurveyEvent(models.TextChoices):
    DECISION = "decision", "Beslut"
    MEETING = "meeting", "Möte"


class SurveyInvitation(models.Model):
    """That a person was asked, after a decision or a meeting, and whether they answered.

    It is kept so a person cannot answer the same invitation twice; the answer itself is not linked to it.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    event = models.CharField(max_length=20, choices=SurveyEvent.choices)
    event_id = models.PositiveBigIntegerField()
    month = models.DateField("månad")  # the first day of the event's month
    token = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "event", "event_id"], name="one_invitation_per_event")
        ]


class Answer(models.TextChoices):
    YES = "yes", "Ja"
    PARTLY = "partly", "Delvis"
    NO = "no", "Nej"


class SurveyAnswer(models.Model):
    """One anonymous answer: unit and month only. A random id, no timestamp (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("månad")
    respect = models.CharField("bemött med respekt", max_length=10, choices=Answer.choices)
    understood = models.CharField("förstod beslutet", max_length=10, choices=Answer.choices)
    helped = models.CharField("fick hjälp mot självförsörjning", max_length=10, choices=Answer.choices)

    class Meta:
        indexes = [models.Index(fields=["unit", "month"])]
