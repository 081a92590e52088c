"""Forms for withdrawing an application and correcting its month (bistand.casework.application_changes)."""

from django import forms

from bistand.casework.date_checks import check_month


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Varför återkallas ansökan?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Till exempel ”Den sökande har fått arbete och drar tillbaka ansökan”. Skälet sparas i journalen.",
        error_messages={"required": "Skriv varför ansökan återkallas. Skälet sparas i ärendets historik."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CorrectMonthForm(forms.Form):
    month = forms.DateField(
        label="Rätt månad",
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={
            "invalid": "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-12.",
            "required": "Välj vilken månad ansökan egentligen gäller.",
        },
    )
    reason = forms.CharField(
        label="Varför rättas månaden?",
        required=False,
        max_length=300,
        help_text="Till exempel ”Fel månad registrerades”.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        check_month(self)
        return data
