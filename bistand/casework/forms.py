"""Forms for the caseworker pages. Swedish labels and messages; amounts in whole kronor.

Declared items are three small formsets (costs, incomes, extra needs) whose kinds come from the
calculation contract (bistand.rules), so the form can never offer a kind the rules do not know.
"""

import re
from datetime import date

from django import forms
from django.forms import formset_factory
from django.utils import timezone

from bistand.cases.models.application import ApplicationChannel, ApplicationKind
from bistand.casework.applications import Item
from bistand.casework.date_checks import check_month
from bistand.rules.params import kinds


class KronorField(forms.IntegerField):
    """Accepts '4500', '4 500', '4 500 kr' and '4500:-'; refuses decimals and negative amounts."""

    # A text input: a number input refuses "4 500" (with a space, as Swedes write amounts) in browsers.
    widget = forms.TextInput
    default_error_messages = {
        "invalid": "Skriv beloppet i hela kronor med siffror, till exempel 4 500.",
        "min_value": "Beloppet kan inte vara negativt.",
        "max_value": "Beloppet är orimligt stort. Kontrollera att du skrivit rätt.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10_000_000)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(\s|\u00a0|kr\.?$|:-$)", "", value.strip(), flags=re.IGNORECASE)
            if re.fullmatch(r"\d+[,.]\d+", value):
                raise forms.ValidationError("Skriv beloppet i hela kronor, utan ören.", code="invalid")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {"inputmode": "numeric", "autocomplete": "off", "class": "amount"}


def kind_choices(category: str) -> list[tuple[str, str]]:
    """(kind, Swedish label) pairs from the calculation contract for 'cost', 'income' or 'extra_need'."""
    table = kinds()
    if category == "cost":
        pairs = list(table.costs.items())
    elif category == "extra_need":
        pairs = list(table.extra_needs.items())
    else:
        pairs = [
            (name, spec.label if spec.counted else f"{spec.label} (räknas inte)")
            for name, spec in table.incomes.items()
        ]
    return [("", "– välj –"), *pairs]


class ApplicationHeadForm(forms.Form):
    month = forms.DateField(
        label="Ansökan avser månad",
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-12."},
    )
    kind = forms.ChoiceField(label="Typ av ansökan", choices=ApplicationKind.choices)
    channel = forms.ChoiceField(
        label="Hur ansökan kom in",
        choices=[(c.value, c.label) for c in ApplicationChannel if c != ApplicationChannel.E_SERVICE],
    )
    received_on = forms.DateField(
        label="Ansökan kom in",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-23."},
    )

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Datumet kan inte ligga i framtiden.")
        return value

    def clean(self):
        data = super().clean()
        check_month(self)
        return data


class _ItemForm(forms.Form):
    category = ""
    kind = forms.ChoiceField(label="Slag", required=False)
    # The rows are table cells: the column heading says "kr per månad", so no help text per cell.
    amount = KronorField(label="Belopp (kr)", required=False)
    description = forms.CharField(label="Beskrivning", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(self.category)

    def clean(self):
        data = super().clean()
        kind, amount = data.get("kind"), data.get("amount")
        if "amount" in self.errors:
            return data
        if kind and amount is None:
            self.add_error("amount", "Skriv ett belopp, eller ta bort slaget om raden inte ska vara med.")
        if amount is not None and not kind:
            self.add_error("kind", "Välj vad beloppet gäller.")
        return data

    def item(self) -> Item | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return Item(self.category, data["kind"], data["amount"], description=data.get("description", ""))


class CostForm(_ItemForm):
    """A cost row; the caseworker may accept the whole cost although it is above the municipality's cap
    (SOSFS 2013:1: a short-term need, or while the person actively looks for cheaper housing) — off by
    default, and only with a reason, which the calculation and the decision letter show."""

    category = "cost"
    field_order = ["kind", "amount", "description", "accepted_in_full", "reason"]  # as the table's columns
    accepted_in_full = forms.BooleanField(label="Godkänn hela kostnaden", required=False)
    reason = forms.CharField(label="Skäl till bedömningen", required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("accepted_in_full") and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                "Skriv varför hela kostnaden godkänns, till exempel att behovet är kortvarigt. "
                "Skälet står i beräkningen och i beslutet.",
            )
        return data

    def item(self) -> Item | None:
        item = super().item()
        if item is None or not self.cleaned_data.get("accepted_in_full"):
            return item
        reason = self.cleaned_data["reason"].strip()
        return Item(
            "cost", item.kind, item.amount, description=item.description, accepted_in_full=True, reason=reason
        )


class ExtraNeedForm(_ItemForm):
    category = "extra_need"


class IncomeForm(_ItemForm):
    category = "income"
    field_order = ["kind", "amount", "member", "year_to_date", "description"]  # as the table's columns
    member = forms.TypedChoiceField(label="Vems inkomst", required=False, coerce=int, empty_value=None)
    year_to_date = KronorField(label="Tidigare arbetsinkomst i år (kr)", required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "Hushållet")] + [(p.pk, p.full_name) for p in members]

    def item(self) -> Item | None:
        item = super().item()
        if item is None:
            return None
        data = self.cleaned_data
        return Item(
            "income",
            item.kind,
            item.amount,
            member_id=data.get("member"),
            year_to_date=data.get("year_to_date") or 0,
            description=item.description,
        )


CostFormSet = formset_factory(CostForm, extra=0)
IncomeFormSet = formset_factory(IncomeForm, extra=0)
ExtraNeedFormSet = formset_factory(ExtraNeedForm, extra=0)

SECTIONS = (
    ("costs", "cost", CostFormSet, "Kostnader"),
    ("incomes", "income", IncomeFormSet, "Inkomster"),
    ("extra_needs", "extra_need", ExtraNeedFormSet, "Behov utöver försörjningsstödet"),
)
BLANK_ROWS = 2


class ItemSections:
    """The three item formsets together; keeps every row the user typed when something is wrong."""

    def __init__(self, data=None, items=(), members=(), extra_rows: dict | None = None):
        self.sections = []
        extra_rows = extra_rows or {}
        for prefix, category, formset_class, title in SECTIONS:
            kwargs = {"prefix": prefix}
            if category == "income":
                kwargs["form_kwargs"] = {"members": members}
            if data is not None:
                formset = formset_class(data, **kwargs)
                if extra_rows.get(prefix):
                    formset = _with_more_rows(formset_class, data, prefix, extra_rows[prefix], kwargs)
            else:
                initial = [_initial(i) for i in items if i.category == category]
                formset_class_extra = formset_factory(formset_class.form, extra=BLANK_ROWS)
                formset = formset_class_extra(initial=initial, **kwargs)
            self.sections.append({"prefix": prefix, "title": title, "formset": formset, "category": category})

    def is_valid(self) -> bool:
        return all(s["formset"].is_valid() for s in self.sections)

    def items(self) -> list[Item]:
        found = []
        for section in self.sections:
            for form in section["formset"].forms:
                item = form.item()
                if item is not None:
                    found.append(item)
        return found

    def errors_count(self) -> int:
        return sum(
            sum(len(e) for e in s["formset"].errors) + len(s["formset"].non_form_errors())
            for s in self.sections
        )


def _initial(item: Item) -> dict:
    return {
        "kind": item.kind,
        "amount": item.amount,
        "description": item.description,
        "member": item.member_id,
        "year_to_date": item.year_to_date or None,
        "accepted_in_full": item.accepted_in_full,
        "reason": item.reason,
    }


class JudgementForm(forms.Form):
    """The caseworker's decision to count last month's normöverskott as income this month (off by default)."""

    carry_surplus = forms.BooleanField(
        label="Räkna normöverskottet från föregående månad som inkomst denna månad",
        required=False,
    )


def _with_more_rows(formset_class, data, prefix, more: int, kwargs):
    """The same posted formset with `more` empty rows added (the "Lägg till rad" button)."""
    data = data.copy()
    total = int(data.get(f"{prefix}-TOTAL_FORMS", 0) or 0)
    data[f"{prefix}-TOTAL_FORMS"] = str(total + more)
    return formset_class(data, **kwargs)


class AuditSearchForm(forms.Form):
    case_number = forms.CharField(label="Ärendenummer", required=False, max_length=20)
    staff = forms.TypedChoiceField(label="Medarbetare", required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(
        label="Från och med",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="Till och med",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", "Alla")] + [(s.pk, s.full_name) for s in staff_choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Slutdatumet ligger före startdatumet.")
        return data


class DecisionForm(forms.Form):
    """The decision on an application: hidden fields that tie it to exactly what the caseworker saw, and
    for each proposed need item the granted amount, which the caseworker may change with a reason.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    calculation = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        for proposal in self.proposals:
            self.fields[f"granted_{proposal.kind}"] = KronorField(
                label=f"Beviljat för {proposal.label.lower()} (kr)", initial=proposal.granted
            )
            self.fields[f"reason_{proposal.kind}"] = forms.CharField(
                label=f"Skäl för ändringen av {proposal.label.lower()}",
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(proposal, granted field, reason field) per need item, for the template."""
        return [(p, self[f"granted_{p.kind}"], self[f"reason_{p.kind}"]) for p in self.proposals]

    def clean(self):
        data = super().clean()
        for proposal in self.proposals:
            granted = data.get(f"granted_{proposal.kind}")
            if granted is None or granted == proposal.granted:
                continue
            if not (data.get(f"reason_{proposal.kind}") or "").strip():
                self.add_error(
                    f"reason_{proposal.kind}",
                    "Skriv varför du ändrar beloppet. Skälet står i beslutet som den sökande får.",
                )
        return data

    def overrides(self) -> dict:
        """kind -> (granted, reason) for the items the caseworker changed; {} when the proposal stands."""
        changed = {}
        for proposal in self.proposals:
            granted = self.cleaned_data.get(f"granted_{proposal.kind}")
            if granted is not None and granted != proposal.granted:
                changed[proposal.kind] = (granted, self.cleaned_data[f"reason_{proposal.kind}"].strip())
        return changed


class CorrectionReasonForm(forms.Form):
    reason = forms.CharField(
        label="Varför rättas beslutet?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Skälet står i det nya beslutet, till exempel ”Inkomsten var felaktigt registrerad”.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def today_month() -> date:
    return timezone.localdate().replace(day=1)


class PersonAuditForm(forms.Form):
    """Search the audit log by person: the personnummer is parsed into its canonical twelve digits."""

    personal_number = forms.CharField(
        label="Personnummer eller samordningsnummer", max_length=20, help_text="ÅÅÅÅMMDD-NNNN"
    )

    def clean_personal_number(self):
        from bistand.people.identity import InvalidIdentityNumber, parse_identity_number

        try:
            return parse_identity_number(self.cleaned_data["personal_number"]).canonical
        except InvalidIdentityNumber as exc:
            raise forms.ValidationError(str(exc)) from exc
