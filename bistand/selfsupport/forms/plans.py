"""The action-plan form (goals with steps, the client's agreement) and the follow-up form."""

from django import forms

from bistand.casework.date_checks import check_case_dates
from bistand.selfsupport.forms.common import DateInput
from bistand.selfsupport.models import AgreementMethod, GoalProgress, InterventionKind, Responsible
from bistand.selfsupport.plans import GoalInput
from bistand.selfsupport.schedule import latest_allowed_follow_up

GOAL_SLOTS = 3
STEPS_PER_GOAL = 3
MAX_GOALS = 8


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def responsible_choices(labour_unit_name: str):
    return [
        (c, labour_unit_name if c == Responsible.MUNICIPAL_LABOUR and labour_unit_name else label)
        for c, label in Responsible.choices
    ]


class PlanForm(forms.Form):
    person = PersonChoice(label="Vems plan är det?", queryset=None, empty_label=None)
    established_on = forms.DateField(label="Datum för planen", widget=DateInput())
    client_participated = forms.BooleanField(
        label="Klienten har deltagit i att ta fram planen", required=False
    )
    agreed_on = forms.DateField(label="Datum då klienten godkände planen", required=False, widget=DateInput())
    agreement_method = forms.ChoiceField(
        label="Hur godkände klienten planen?",
        choices=[("", "Inte godkänd ännu")] + list(AgreementMethod.choices),
        required=False,
    )
    client_view = forms.CharField(
        label="Klientens synpunkter på planen", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    end_current = forms.BooleanField(
        label="Avsluta personens nuvarande plan när den nya planen sparas",
        required=False,
        help_text="Krävs om personen redan har en aktuell plan. Den gamla planen finns kvar som avslutad.",
    )
    next_follow_up_due = forms.DateField(
        label="Första uppföljning senast",
        required=False,
        widget=DateInput(),
        help_text="Lämna tomt för tre månader efter planens datum. Det går att välja ett tidigare datum, inte ett senare.",
    )

    def __init__(
        self, *args, persons_qs=None, goal_slots=GOAL_SLOTS, labour_unit_name="", case=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["person"].queryset = persons_qs
        self.goal_slots = goal_slots
        for g in range(goal_slots):
            self.fields[f"goal{g}_text"] = forms.CharField(
                label="Målet med klientens egna ord", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"goal{g}_target"] = forms.DateField(
                label="När vill klienten ha nått målet?", required=False, widget=DateInput()
            )
            for s in range(STEPS_PER_GOAL):
                p = f"goal{g}_step{s}_"
                self.fields[p + "intervention"] = forms.ChoiceField(
                    label="Insats", choices=[("", "–")] + list(InterventionKind.choices), required=False
                )
                self.fields[p + "description"] = forms.CharField(
                    label="Vad ska göras", required=False, max_length=300
                )
                self.fields[p + "responsible"] = forms.ChoiceField(
                    label="Ansvarig",
                    choices=[("", "–")] + responsible_choices(labour_unit_name),
                    required=False,
                )
                self.fields[p + "start_on"] = forms.DateField(
                    label="Från", required=False, widget=DateInput()
                )
                self.fields[p + "end_on"] = forms.DateField(label="Till", required=False, widget=DateInput())

    def goal_blocks(self):
        """For the template: per goal slot, its number, text and target fields and its step rows."""
        blocks = []
        for g in range(self.goal_slots):
            steps = [
                [
                    self[f"goal{g}_step{s}_{name}"]
                    for name in ("intervention", "description", "responsible", "start_on", "end_on")
                ]
                for s in range(STEPS_PER_GOAL)
            ]
            blocks.append(
                {
                    "number": g + 1,
                    "text": self[f"goal{g}_text"],
                    "target": self[f"goal{g}_target"],
                    "steps": steps,
                }
            )
        return blocks

    def clean(self):
        data = super().clean()
        goals = self.goals() if not self.errors else []
        if not self.errors and not goals:
            raise forms.ValidationError("Skriv minst ett mål. Använd klientens egna ord.")
        for g in range(self.goal_slots):
            for s in range(STEPS_PER_GOAL):
                p = f"goal{g}_step{s}_"
                used = data.get(p + "intervention") or data.get(p + "description")
                if used and not data.get(f"goal{g}_text", "").strip():
                    self.add_error(f"goal{g}_text", f"Insatserna under mål {g + 1} behöver ett mål.")
                if used and not data.get(p + "intervention"):
                    self.add_error(p + "intervention", "Välj vilken slags insats det är.")
                if used and not data.get(p + "responsible"):
                    self.add_error(p + "responsible", "Välj vem som är ansvarig för insatsen.")
                start, end = data.get(p + "start_on"), data.get(p + "end_on")
                if start and end and end < start:
                    self.add_error(p + "end_on", "Slutdatum kan inte vara före startdatum.")
        dated = [f"goal{g}_target" for g in range(self.goal_slots)] + [
            f"goal{g}_step{s}_{end}"
            for g in range(self.goal_slots)
            for s in range(STEPS_PER_GOAL)
            for end in ("start_on", "end_on")
        ]
        check_case_dates(self, self.case, "established_on", "agreed_on", *dated)
        if data.get("agreement_method") and not data.get("agreed_on"):
            self.add_error("agreed_on", "Skriv vilket datum klienten godkände planen.")
        if data.get("agreed_on") and not data.get("agreement_method"):
            self.add_error("agreement_method", "Välj hur klienten godkände planen.")
        established, due = data.get("established_on"), data.get("next_follow_up_due")
        if established and due:
            if due < established:
                self.add_error("next_follow_up_due", "Uppföljningen kan inte vara före planens datum.")
            elif due > latest_allowed_follow_up(established):
                self.add_error(
                    "next_follow_up_due",
                    f"Planen ska följas upp minst var tredje månad, alltså senast {latest_allowed_follow_up(established):%Y-%m-%d}.",
                )
        return data

    def goals(self) -> list[GoalInput]:
        data = self.cleaned_data
        result = []
        for g in range(self.goal_slots):
            text = (data.get(f"goal{g}_text") or "").strip()
            if not text:
                continue
            steps = []
            for s in range(STEPS_PER_GOAL):
                p = f"goal{g}_step{s}_"
                if data.get(p + "intervention"):
                    steps.append(
                        {
                            "intervention": data[p + "intervention"],
                            "description": (data.get(p + "description") or "").strip(),
                            "responsible": data.get(p + "responsible") or "",
                            "start_on": data.get(p + "start_on"),
                            "end_on": data.get(p + "end_on"),
                        }
                    )
            result.append(GoalInput(text=text, target_date=data.get(f"goal{g}_target"), steps=steps))
        return result


class FollowUpForm(forms.Form):
    held_on = forms.DateField(label="Datum för uppföljningen", widget=DateInput())
    note = forms.CharField(
        label="Sammanfattning",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Vad ni kom fram till, och vad som ändras i planen.",
    )
    next_due = forms.DateField(
        label="Nästa uppföljning senast",
        required=False,
        widget=DateInput(),
        help_text="Lämna tomt för tre månader efter uppföljningen. Ett tidigare datum går bra, ett senare inte.",
    )

    def __init__(self, *args, goals=(), case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.goal_list = list(goals)
        for goal in self.goal_list:
            self.fields[f"progress_{goal.pk}"] = forms.ChoiceField(
                label="Hur har det gått?", choices=GoalProgress.choices, widget=forms.RadioSelect
            )
            self.fields[f"comment_{goal.pk}"] = forms.CharField(
                label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def goal_rows(self):
        return [(goal, self[f"progress_{goal.pk}"], self[f"comment_{goal.pk}"]) for goal in self.goal_list]

    def clean(self):
        data = super().clean()
        check_case_dates(self, self.case, "held_on")
        held, due = data.get("held_on"), data.get("next_due")
        if held and due:
            if due < held:
                self.add_error("next_due", "Nästa uppföljning kan inte vara före den här.")
            elif due > latest_allowed_follow_up(held):
                self.add_error(
                    "next_due",
                    f"Planen ska följas upp minst var tredje månad, alltså senast {latest_allowed_follow_up(held):%Y-%m-%d}.",
                )
        return data

    def reviews(self):
        return [
            (goal, self.cleaned_data[f"progress_{goal.pk}"], self.cleaned_data[f"comment_{goal.pk}"].strip())
            for goal in self.goal_list
        ]


def initial_from_goals(goals) -> dict:
    """Form initial values for the goal fields from GoalInputs (a follow-up plan starts from the old one)."""
    initial = {}
    for g, goal in enumerate(goals[:MAX_GOALS]):
        initial[f"goal{g}_text"] = goal.text
        initial[f"goal{g}_target"] = goal.target_date
        for s, step in enumerate((goal.steps or [])[:STEPS_PER_GOAL]):
            for name, value in step.items():
                initial[f"goal{g}_step{s}_{name}"] = value
    return initial
