"""Intake forms: search, a new household with its case, a household change, assigning a case.

Personnummer and samordningsnummer are checked with bistand.people.identity, which gives the Swedish
message; every field keeps what was typed when something else is wrong.
"""

from django import forms
from django.utils import timezone

from bistand.casework.date_checks import check_case_dates
from bistand.intake.household import ChangeKind
from bistand.intake.services import PersonInput
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-23."}
CHILD_ROWS = 3


def identity_field(label: str, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=20,
        help_text="ÅÅÅÅMMDD-NNNN",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


def clean_identity(form: forms.Form, name: str) -> None:
    value = form.cleaned_data.get(name)
    if not value:
        return
    try:
        form.cleaned_data[name] = parse_identity_number(value).display
    except InvalidIdentityNumber as exc:
        form.add_error(name, str(exc))


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Namn, personnummer, samordningsnummer eller ärendenummer",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"required": "Skriv ett namn, ett personnummer eller ett ärendenummer."},
    )

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if len(value) < 2:
            raise forms.ValidationError("Skriv minst två tecken.")
        return value


class RegisterForm(forms.Form):
    """The applicant, an optional partner and children, and the case to open for them."""

    personal_number = identity_field("Personnummer eller samordningsnummer")
    first_name = forms.CharField(label="Förnamn", max_length=100)
    last_name = forms.CharField(label="Efternamn", max_length=100)
    street_address = forms.CharField(label="Gatuadress", max_length=200, required=False)
    postal_code = forms.CharField(label="Postnummer", max_length=6, required=False)
    city = forms.CharField(label="Ort", max_length=100, required=False)
    phone = forms.CharField(label="Telefon", max_length=30, required=False)
    partner_personal_number = identity_field("Personnummer", required=False)
    partner_first_name = forms.CharField(label="Förnamn", max_length=100, required=False)
    partner_last_name = forms.CharField(label="Efternamn", max_length=100, required=False)
    household_from = forms.DateField(
        label="Hushållet bor så här sedan",
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="Till exempel inflyttningsdagen. Används för vilka som ingår i hushållet varje månad.",
    )
    unit = forms.TypedChoiceField(label="Enhet", coerce=int)
    take_case = forms.BooleanField(
        label="Jag tar ärendet själv",
        required=False,
        help_text="Annars fördelar enhetschefen ärendet.",
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        for i in range(CHILD_ROWS):
            self.fields[f"child{i}_personal_number"] = identity_field("Personnummer", required=False)
            self.fields[f"child{i}_first_name"] = forms.CharField(
                label="Förnamn", max_length=100, required=False
            )
            self.fields[f"child{i}_last_name"] = forms.CharField(
                label="Efternamn", max_length=100, required=False
            )

    def child_rows(self):
        return [
            (i + 1, [self[f"child{i}_{n}"] for n in ("personal_number", "first_name", "last_name")])
            for i in range(CHILD_ROWS)
        ]

    def clean(self):
        data = super().clean()
        clean_identity(self, "personal_number")
        for prefix in ["partner_"] + [f"child{i}_" for i in range(CHILD_ROWS)]:
            clean_identity(self, prefix + "personal_number")
            filled = [data.get(prefix + n) for n in ("personal_number", "first_name", "last_name")]
            if any(filled):
                for name, value in zip(("personal_number", "first_name", "last_name"), filled, strict=True):
                    if not value and prefix + name not in self.errors:
                        self.add_error(prefix + name, "Fyll i det här också, eller töm raden.")
        check_case_dates(self, None, "household_from")
        return data

    def _person(self, prefix: str, **extra) -> PersonInput | None:
        data = self.cleaned_data
        if not data.get(prefix + "personal_number"):
            return None
        return PersonInput(
            data[prefix + "personal_number"], data[prefix + "first_name"], data[prefix + "last_name"], **extra
        )

    def applicant(self) -> PersonInput:
        data = self.cleaned_data
        fields = ("street_address", "postal_code", "city", "phone")
        return self._person("", **{name: data.get(name, "") for name in fields})

    def partner(self) -> PersonInput | None:
        return self._person("partner_")

    def children(self) -> list[PersonInput]:
        return [c for c in (self._person(f"child{i}_") for i in range(CHILD_ROWS)) if c is not None]


class AddMemberForm(forms.Form):
    kind = forms.ChoiceField(
        label="Vad har hänt?",
        choices=[
            (c.value, c.label)
            for c in (ChangeKind.BORN, ChangeKind.CHILD_MOVED_IN, ChangeKind.PARTNER_MOVED_IN)
        ],
        widget=forms.RadioSelect,
    )
    personal_number = identity_field("Personnummer eller samordningsnummer")
    first_name = forms.CharField(label="Förnamn", max_length=100)
    last_name = forms.CharField(label="Efternamn", max_length=100)
    on = forms.DateField(
        label="Datum för flytten",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="Behövs inte för ett nyfött barn: då gäller födelsedagen.",
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        data = super().clean()
        clean_identity(self, "personal_number")
        if data.get("kind") != ChangeKind.BORN and not data.get("on") and "on" not in self.errors:
            self.add_error("on", "Ange vilket datum personen flyttade in.")
        check_case_dates(self, self.case, "on")
        return data

    def person(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(data["personal_number"], data["first_name"], data["last_name"])


class EndMemberForm(forms.Form):
    kind = forms.ChoiceField(
        label="Vad har hänt?",
        choices=[(c.value, c.label) for c in (ChangeKind.MOVED_OUT, ChangeKind.TURNED_21)],
        widget=forms.RadioSelect,
    )
    member = forms.TypedChoiceField(label="Vem gäller det?", coerce=int)
    on = forms.DateField(
        label="Datum för flytten",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="Behövs inte när ett barn fyllt 21: då gäller födelsedagen.",
    )

    def __init__(self, *args, case=None, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["member"].choices = [("", "– välj –")] + [
            (m.pk, f"{m.person.full_name} ({m.get_role_display().lower()})") for m in members
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == ChangeKind.MOVED_OUT and not data.get("on") and "on" not in self.errors:
            self.add_error("on", "Ange vilket datum personen flyttade ut.")
        check_case_dates(self, self.case, "on")
        return data


class AssignForm(forms.Form):
    caseworker = forms.TypedChoiceField(label="Handläggare", coerce=int)

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [("", "– välj –")] + [(s.pk, s.full_name) for s in staff]


def today():
    return timezone.localdate()
