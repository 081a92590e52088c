"""Forms for barriers, reminders, closing a case and staff absence."""

from django import forms

from bistand.cases.codes import EXIT_REASONS
from bistand.casework.date_checks import check_case_dates
from bistand.organisation.models import StaffMember
from bistand.selfsupport.barriers import grouped_choices
from bistand.selfsupport.forms.common import DateInput
from bistand.selfsupport.forms.meetings import case_staff
from bistand.selfsupport.models import AbsenceKind

EXIT_HELP = "Orsaker markerade ”självförsörjning” räknas som avslut till egen försörjning i uppföljningen."


class BarrierForm(forms.Form):
    def __init__(self, *args, adults=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.adults = list(adults)
        choices = [("", "Välj försörjningshinder")] + grouped_choices()
        for person in self.adults:
            self.fields[f"barrier_{person.pk}"] = forms.ChoiceField(
                label=f"Försörjningshinder för {person.full_name}", choices=choices
            )

    def rows(self):
        return [(person, self[f"barrier_{person.pk}"]) for person in self.adults]


class ReminderForm(forms.Form):
    due_on = forms.DateField(label="Datum", widget=DateInput())
    text = forms.CharField(
        label="Vad ska bevakas?", max_length=300, help_text="Till exempel ”Läkarintyg ska komma in”."
    )
    staff = forms.ModelChoiceField(label="Bevakas av", queryset=StaffMember.objects.none(), empty_label=None)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        field = self.fields["staff"]
        field.queryset = case_staff(case)
        field.label_from_instance = lambda s: s.full_name

    def clean(self):
        data = super().clean()
        check_case_dates(self, self.case, "due_on")
        return data


class CloseCaseForm(forms.Form):
    closed_on = forms.DateField(label="Avslutas per", widget=DateInput())
    exit_reason = forms.ChoiceField(
        label="Avslutsorsak",
        choices=[
            (r.code, f"{r.label} (självförsörjning)" if r.self_support else r.label) for r in EXIT_REASONS
        ],
        widget=forms.RadioSelect,
        help_text=EXIT_HELP,
    )
    note = forms.CharField(
        label="Anteckning till journalen", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        data = super().clean()
        check_case_dates(self, self.case, "closed_on")
        return data


class AbsenceForm(forms.Form):
    staff = forms.ModelChoiceField(label="Medarbetare", queryset=StaffMember.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label="Slag av frånvaro", choices=AbsenceKind.choices)
    start_date = forms.DateField(label="Från och med", widget=DateInput())
    end_date = forms.DateField(label="Till och med", widget=DateInput())
    extent = forms.DecimalField(
        label="Omfattning (%)",
        min_value=1,
        max_value=100,
        initial=100,
        decimal_places=2,
        help_text="Andel av arbetsdagen, till exempel 50 för halvtid.",
    )
    note = forms.CharField(label="Kommentar", required=False, max_length=200)

    def __init__(self, *args, staff_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_qs
        self.fields["staff"].label_from_instance = lambda s: s.full_name

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "Slutdatum kan inte vara före startdatum.")
        return data
