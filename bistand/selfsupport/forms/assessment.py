"""The life-area assessment form: one rating and the client's own words per life area."""

from django import forms

from bistand.casework.date_checks import check_case_dates
from bistand.selfsupport.forms.common import DateInput
from bistand.selfsupport.models import Rating
from bistand.selfsupport.models.assessment import RATING_HELP, UNKNOWN_LABEL

UNKNOWN = "unknown"
RATING_CHOICES = [(str(value), label) for value, label in Rating.choices] + [(UNKNOWN, UNKNOWN_LABEL)]


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class AssessmentForm(forms.Form):
    person = PersonChoice(label="Vem gäller bedömningen?", queryset=None, empty_label=None)
    assessed_on = forms.DateField(label="Datum", widget=DateInput())
    summary = forms.CharField(
        label="Handläggarens sammanfattande bedömning",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Förutsättningar inför krav och arbete, och vilket stöd som behövs.",
    )

    def __init__(self, *args, persons_qs=None, life_areas=(), case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["person"].queryset = persons_qs
        self.life_areas = list(life_areas)
        for area in self.life_areas:
            self.fields[f"rating_{area.pk}"] = forms.ChoiceField(
                label=f"Hur mycket står {area.name.lower()} i vägen för arbete eller studier?",
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                initial=UNKNOWN,
            )
            self.fields[f"words_{area.pk}"] = forms.CharField(
                label="Med klientens egna ord",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        check_case_dates(self, self.case, "assessed_on")
        return data

    def area_rows(self, previous: dict):
        """(area, rating field, words field, previous rating or None) for the template."""
        return [
            (area, self[f"rating_{area.pk}"], self[f"words_{area.pk}"], previous.get(area.pk))
            for area in self.life_areas
        ]

    def ratings(self) -> list[tuple[object, int | None, str]]:
        result = []
        for area in self.life_areas:
            raw = self.cleaned_data[f"rating_{area.pk}"]
            value = None if raw == UNKNOWN else int(raw)
            result.append((area, value, self.cleaned_data[f"words_{area.pk}"].strip()))
        return result


SCALE_HELP = [(label, RATING_HELP[value]) for value, label in Rating.choices] + [
    (UNKNOWN_LABEL, "Området har inte gått att bedöma ännu, eller klienten vill inte svara.")
]
