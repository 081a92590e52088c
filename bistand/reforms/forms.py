"""Forms for the per-person reform records; choices limited to the case's own people, plans and activities."""

from __future__ import annotations

from django import forms

from bistand.people.models import Person
from bistand.reforms.models import (
    Activity,
    ActivityExemption,
    Lease,
    MedicalCertificate,
    Participation,
    ResidenceStatus,
    SanctionKind,
)
from bistand.selfsupport.models import ActionPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIOD_WIDGETS = {"start": DATE, "end": DATE}


class CaseForm(forms.ModelForm):
    """A ModelForm whose person/plan/activity choices come from the case."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if "person" in self.fields:
            self.fields["person"].queryset = Person.objects.filter(
                memberships__household=case.household
            ).distinct()
        if "plan" in self.fields:
            self.fields["plan"].queryset = ActionPlan.objects.filter(case=case)
            self.fields["plan"].required = False
        if "activity" in self.fields:
            self.fields["activity"].queryset = Activity.objects.filter(case=case).select_related("person")

    def new_record(self):
        """The record the valid form describes, on the form's case, not yet saved (services.add_record)."""
        obj = self.instance  # filled from the cleaned data by is_valid()
        if hasattr(obj, "case_id") and "case" not in self.fields:
            obj.case = self.case
        return obj

    def save(self, commit=True):
        obj = self.new_record()
        if commit:
            obj.save()
        return obj


class ExemptionForm(CaseForm):
    class Meta:
        model = ActivityExemption
        fields = ["person", "kind", "start", "end", "note"]
        widgets = PERIOD_WIDGETS


class ActivityForm(CaseForm):
    class Meta:
        model = Activity
        fields = ["person", "plan", "kind", "provider", "hours_per_week", "start", "end", "note"]
        widgets = PERIOD_WIDGETS

    def clean(self):
        data = super().clean()
        plan, person = data.get("plan"), data.get("person")
        if plan and person and plan.person_id != person.pk:
            self.add_error("plan", "Genomförandeplanen gäller en annan person.")
        return data


class ParticipationForm(CaseForm):
    month = forms.DateField(
        label="Månad", widget=forms.DateInput(attrs={"type": "month"}), input_formats=["%Y-%m"]
    )

    class Meta:
        model = Participation
        fields = [
            "activity",
            "month",
            "attended_hours",
            "excused_absence_hours",
            "unexcused_absence_hours",
            "note",
        ]

    def clean_month(self):
        return self.cleaned_data["month"].replace(day=1)

    def clean(self):
        data = super().clean()
        activity, month = data.get("activity"), data.get("month")
        if activity and month and Participation.objects.filter(activity=activity, month=month).exists():
            self.add_error("month", "Deltagandet för den månaden är redan registrerat.")
        return data


class CertificateForm(CaseForm):
    class Meta:
        model = MedicalCertificate
        fields = ["person", "issued_on", "start", "end", "note"]
        widgets = {**PERIOD_WIDGETS, "issued_on": DATE}
        labels = {"start": "Gäller från och med", "end": "Gäller till och med"}


class ResidenceForm(CaseForm):
    class Meta:
        model = ResidenceStatus
        fields = ["person", "status", "basis", "start", "end", "note"]
        widgets = PERIOD_WIDGETS


class LeaseForm(CaseForm):
    class Meta:
        model = Lease
        fields = ["second_hand", "consent", "consent_documented_on", "start", "end", "note"]
        widgets = {**PERIOD_WIDGETS, "consent_documented_on": DATE}

    def clean(self):
        data = super().clean()
        if data.get("consent") and not data.get("consent_documented_on"):
            self.add_error("consent_documented_on", "Ange när samtycket eller tillståndet dokumenterades.")
        return data


RECORD_FORMS = {
    "undantag": (ExemptionForm, "Undantag från aktivitetskrav"),
    "aktivitet": (ActivityForm, "Anvisa aktivitet"),
    "deltagande": (ParticipationForm, "Registrera deltagande"),
    "lakarintyg": (CertificateForm, "Registrera läkarintyg"),
    "vistelse": (ResidenceForm, "Rätt att vistas i Sverige"),
    "hyresforhallande": (LeaseForm, "Hyresförhållande"),
}


class SanctionForm(forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none())
    kind = forms.ChoiceField(label="Beslut", choices=SanctionKind.choices, widget=forms.RadioSelect)
    norm_amount = forms.IntegerField(
        label="Normbelopp efter nedsättning (kr)",
        required=False,
        min_value=0,
        help_text="Bara vid nedsättning.",
    )
    reasons = forms.CharField(label="Skäl (står i beslutsbrevet)", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in people])
