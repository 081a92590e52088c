"""Booking and recording a meeting."""

from datetime import datetime

from django import forms
from django.utils import timezone

from bistand.casework.access import CASE_ROLES
from bistand.casework.date_checks import check_case_dates
from bistand.organisation.models import StaffMember
from bistand.selfsupport.forms.common import DateInput, TimeInput
from bistand.selfsupport.models import MeetingKind, MeetingMode, MeetingStatus, PartyKind


def case_staff(case):
    """Staff of the case's unit who work with cases (not analysts or administrators)."""
    return (
        StaffMember.objects.filter(units=case.unit, role__in=list(CASE_ROLES))
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class MeetingTimeMixin(forms.Form):
    day = forms.DateField(label="Datum", widget=DateInput())
    start_time = forms.TimeField(label="Klockslag", widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label="Längd i minuter", min_value=5, max_value=600, initial=60, help_text="Till exempel 60."
    )

    case = None

    def clean(self):
        data = super().clean()
        check_case_dates(self, self.case, "day")
        return data

    def starts_at(self) -> datetime:
        naive = datetime.combine(self.cleaned_data["day"], self.cleaned_data["start_time"])
        return timezone.make_aware(naive)


class BookMeetingForm(MeetingTimeMixin):
    kind = forms.ChoiceField(label="Typ av möte", choices=MeetingKind.choices, widget=forms.RadioSelect)
    mode = forms.ChoiceField(label="Mötesform", choices=MeetingMode.choices, widget=forms.RadioSelect)
    location = forms.CharField(
        label="Plats", required=False, max_length=200, help_text="Till exempel rum eller adress."
    )
    staff = StaffChoiceField(
        label="Från socialtjänsten",
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Lämna tomt om bara du deltar.",
    )

    field_order = ["kind", "mode", "day", "start_time", "duration_minutes", "location", "staff"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["staff"].queryset = case_staff(case)


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class RecordMeetingForm(MeetingTimeMixin):
    status = forms.ChoiceField(
        label="Hur gick det?",
        choices=[(c, label) for c, label in MeetingStatus.choices if c != MeetingStatus.BOOKED],
        widget=forms.RadioSelect,
        initial=MeetingStatus.HELD,
    )
    mode = forms.ChoiceField(label="Mötesform", choices=MeetingMode.choices, widget=forms.RadioSelect)
    persons = PersonChoiceField(
        label="Klienter som deltog",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    staff = StaffChoiceField(
        label="Från socialtjänsten",
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Lämna tomt om bara du deltog.",
    )
    note = forms.CharField(
        label="Anteckning till journalen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Vad som kom fram och vad ni kom överens om. Sparas som journalanteckning och kan inte ändras i efterhand.",
    )

    field_order = ["status", "mode", "day", "start_time", "duration_minutes", "persons", "staff"]

    def __init__(self, *args, case=None, meeting=None, persons_qs=None, labour_unit_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.meeting = meeting
        self.fields["persons"].queryset = persons_qs
        self.fields["staff"].queryset = case_staff(case)
        # One checkbox and one contact-name box per external party (samverkan).
        for party, label in PartyKind.choices:
            if party == PartyKind.MUNICIPAL_LABOUR and labour_unit_name:
                label = labour_unit_name
            self.fields[f"party_{party}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"party_{party}_name"] = forms.CharField(
                label=f"Kontaktperson, {label}", required=False, max_length=200
            )

    def party_fields(self):
        return [(self[f"party_{p}"], self[f"party_{p}_name"]) for p, _ in PartyKind.choices]

    def parties(self) -> list[tuple[str, str]]:
        return [
            (p, self.cleaned_data.get(f"party_{p}_name", "").strip())
            for p, _ in PartyKind.choices
            if self.cleaned_data.get(f"party_{p}")
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        held = data.get("status") == MeetingStatus.HELD
        if held and self.meeting.kind == "multi_party" and not self.parties():
            raise forms.ValidationError(
                "Ett flerpartssamtal behöver minst en part utöver socialtjänsten. Kryssa i vilka som deltog."
            )
        if held and self.meeting.kind != "multi_party" and not data.get("persons"):
            self.add_error("persons", "Kryssa i vilka klienter som deltog i mötet.")
        if held and data.get("day") and data["day"] > timezone.localdate():
            self.add_error("day", "Ett genomfört möte kan inte ha ett datum i framtiden.")
        return data
