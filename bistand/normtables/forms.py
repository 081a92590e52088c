from django import forms

MAX_FILE_BYTES = 200_000


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fil (TOML eller JSON)",
        help_text="Samma form som riksnorm/ÅÅÅÅ.toml eller prisbasbelopp.toml i programmet.",
    )
    note = forms.CharField(
        label="Anteckning",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Till exempel varför en tabell rättas.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("Filen är för stor för en tabell (högst 200 kB).")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("Filen är inte UTF-8-kodad text.") from exc
