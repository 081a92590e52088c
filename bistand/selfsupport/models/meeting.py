"""Meetings with clients: booked first, then recorded as held (or cancelled / no-show).

Why a meeting is its own record and not only a journal note: the share of working time spent with
clients (time_share.py) and continuity ("Ej träffad") are computed from meetings that were actually
held, who took part and how long they lasted.
"""

from django.db import models


class MeetingKind(models.TextChoices):
    FIRST_VISIT = "first_visit", "Nybesök"
    PLANNING_VISIT = "planning_visit", "Planeringsbesök"
    FOLLOW_UP_VISIT = "follow_up_visit", "Uppföljningsbesök"
    HOME_VISIT = "home_visit", "Hembesök"
    MULTI_PARTY = "multi_party", "Flerpartssamtal"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "Fysiskt möte"
    VIDEO = "video", "Videomöte"
    PHONE = "phone", "Telefon"


class MeetingStatus(models.TextChoices):
    BOOKED = "booked", "Bokat"
    HELD = "held", "Genomfört"
    CANCELLED = "cancelled", "Inställt"
    NO_SHOW = "no_show", "Klienten uteblev"


class PartyKind(models.TextChoices):
    """External parties in a multi-party meeting (samverkan)."""

    AF = "af", "Arbetsförmedlingen"
    FK = "fk", "Försäkringskassan"
    MUNICIPAL_LABOUR = "municipal_labour", "Kommunens arbetsmarknadsenhet"
    HEALTHCARE = "healthcare", "Hälso- och sjukvården / psykiatrin"
    OTHER = "other", "Annan"


class Meeting(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("typ av möte", max_length=20, choices=MeetingKind.choices)
    mode = models.CharField("mötesform", max_length=20, choices=MeetingMode.choices)
    status = models.CharField(
        "status", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.BOOKED
    )
    starts_at = models.DateTimeField("tid")
    duration_minutes = models.PositiveSmallIntegerField("längd (minuter)", default=60)
    location = models.CharField("plats", max_length=200, blank=True)
    staff = models.ManyToManyField(
        "organisation.StaffMember", related_name="meetings", verbose_name="från socialtjänsten", blank=True
    )
    persons = models.ManyToManyField(
        "people.Person", related_name="meetings", verbose_name="klienter som deltog", blank=True
    )
    note = models.TextField("anteckning", blank=True)
    journal_note_id = models.PositiveBigIntegerField(
        "journalanteckning", null=True, blank=True, help_text="Journalanteckningen som skrevs för mötet."
    )
    booked_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "möte"
        verbose_name_plural = "möten"
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["case", "starts_at"]), models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


class MeetingParty(models.Model):
    """An external party taking part in a meeting, with the contact person's name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="parties")
    party = models.CharField("part", max_length=20, choices=PartyKind.choices)
    name = models.CharField("kontaktperson / namn", max_length=200, blank=True)

    class Meta:
        verbose_name = "deltagande part"
        verbose_name_plural = "deltagande parter"
        ordering = ["meeting", "id"]
