"""The first-application form: who lives in the household and in which part of the municipality.

Personnummer are checked with the same parser as everywhere (bistand.people.identity); a child is a
household member until the day before turning 21 (SOSFS 2013:1, as in bistand.intake.services). Every
error says in plain words what to change; nothing typed is lost when the form comes back.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bistand.intake.services import OLDEST_CHILD_AGE, PersonInput
from bistand.organisation.models import District
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number
from bistand.rules.months import age_on

MAX_CHILDREN = 6


class DistrictChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _text(label, required: bool = False, max_length: int = 100, autocomplete: str = "off"):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


class FirstApplicationForm(forms.Form):
    """`ask_name`: the sign-in did not give the applicant's name, so it is asked for."""

    first_name = _text(gettext_lazy("Ditt förnamn"), autocomplete="given-name")
    last_name = _text(gettext_lazy("Ditt efternamn"), autocomplete="family-name")
    district = DistrictChoice(
        queryset=District.objects.order_by("name"),
        label=gettext_lazy("Var bor du?"),
        empty_label=gettext_lazy("Välj stadsdel"),
        error_messages={"required": gettext_lazy("Välj var du bor.")},
    )
    phone = _text(
        gettext_lazy("Ditt telefonnummer (om du vill att vi ringer dig)"), max_length=30, autocomplete="tel"
    )
    partner_number = _text(gettext_lazy("Personnummer"), max_length=20)
    partner_first_name = _text(gettext_lazy("Förnamn"))
    partner_last_name = _text(gettext_lazy("Efternamn"))

    def __init__(self, *args, applicant_number: str, today: date, ask_name: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant_number = applicant_number
        self.today = today
        self.ask_name = ask_name
        if ask_name:
            for name, message in (
                ("first_name", gettext_lazy("Skriv ditt förnamn.")),
                ("last_name", gettext_lazy("Skriv ditt efternamn.")),
            ):
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message
        else:
            del self.fields["first_name"]
            del self.fields["last_name"]
        for i in range(MAX_CHILDREN):
            self.fields[f"child{i}_number"] = _text(gettext_lazy("Barnets personnummer"), max_length=20)
            self.fields[f"child{i}_first_name"] = _text(gettext_lazy("Barnets förnamn"))
            self.fields[f"child{i}_last_name"] = _text(gettext_lazy("Barnets efternamn"))

    @property
    def more_children_used(self) -> bool:
        """Whether anything was typed in the children's rows 3–6 (folded away until then)."""
        return any(
            self.data.get(f"child{i}_{part}")
            for i in range(2, MAX_CHILDREN)
            for part in ("number", "first_name", "last_name")
        )

    def child_rows(self):
        return [
            (self[f"child{i}_number"], self[f"child{i}_first_name"], self[f"child{i}_last_name"])
            for i in range(MAX_CHILDREN)
        ]

    def _person(self, prefix: str, *, child: bool) -> PersonInput | None:
        number = self.cleaned_data.get(f"{prefix}_number", "").strip()
        first = self.cleaned_data.get(f"{prefix}_first_name", "").strip()
        last = self.cleaned_data.get(f"{prefix}_last_name", "").strip()
        if not (number or first or last):
            return None
        if not number:
            self.add_error(f"{prefix}_number", _("Skriv personnumret."))
            return None
        try:
            identity = parse_identity_number(number)
        except InvalidIdentityNumber:
            self.add_error(
                f"{prefix}_number", _("Personnumret stämmer inte. Skriv det med tolv siffror, ÅÅÅÅMMDD-NNNN.")
            )
            return None
        if not first or not last:
            self.add_error(f"{prefix}_first_name", _("Skriv både förnamn och efternamn."))
            return None
        if identity.birth_date > self.today:
            self.add_error(f"{prefix}_number", _("Personnumret gäller en person som inte är född än."))
            return None
        if child and age_on(identity.birth_date, self.today) > OLDEST_CHILD_AGE:
            self.add_error(
                f"{prefix}_number",
                _("Den som har fyllt 21 år räknas inte som barn i hushållet och får ansöka själv."),
            )
            return None
        return PersonInput(personal_number=identity.canonical, first_name=first, last_name=last)

    def clean(self):
        cleaned = super().clean()
        self.partner = self._person("partner", child=False)
        self.children = [
            c for c in (self._person(f"child{i}", child=True) for i in range(MAX_CHILDREN)) if c is not None
        ]
        numbers = [self.applicant_number] + [p.personal_number for p in [self.partner, *self.children] if p]
        if len(set(numbers)) != len(numbers):
            raise forms.ValidationError(_("Samma personnummer står två gånger. Skriv varje person en gång."))
        return cleaned
