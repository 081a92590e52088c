"""The form for a new journal note: the day of the event (never in the future, within the case), a heading
and the text."""

from django import forms
from django.utils import timezone

from bistand.casework.date_checks import check_case_dates


class JournalNoteForm(forms.Form):
    occurred_on = forms.DateField(
        label="Datum för händelsen",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Den dag samtalet, besöket eller händelsen ägde rum.",
        error_messages={"invalid": "Skriv datumet som ÅÅÅÅ-MM-DD."},
    )
    heading = forms.CharField(label="Rubrik", max_length=120)
    text = forms.CharField(label="Anteckning", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Datumet kan inte ligga i framtiden.")
        return value

    def clean(self):
        data = super().clean()
        check_case_dates(self, self.case, "occurred_on")
        return data
