"""The client survey's results per unit and month, shown only for groups of at least five answers.

Fewer answers could let a reader who knows who met the unit that month tell what a person answered
(socialtjänstsekretess, OSL 26 kap. 1 §); the threshold is the statistics pages' own
(bistand.statistics.privacy.SUPPRESSION_THRESHOLD = 5). A group below it shows "för få svar för att
visas" and no figure at all, not even the number of answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from bistand.residentcomm.models import Answer, SurveyAnswer
from bistand.statistics.privacy import SUPPRESSION_THRESHOLD

TOO_FEW = "för få svar för att visas"
QUESTIONS = (
    ("respect", "Bemött med respekt"),
    ("understood", "Förstod beslutet"),
    ("helped", "Fick hjälp mot självförsörjning"),
)


@dataclass
class Row:
    name: str
    answers: int
    shown: bool
    # per question: (share yes, share partly, share no) in whole percent, or None when not shown
    shares: list

    @property
    def text(self) -> str:
        if self.answers == 0:
            return "Inga svar"
        return str(self.answers) if self.shown else TOO_FEW

    def hide(self) -> None:
        self.shown = False
        self.shares = [(label, None) for label, _ in self.shares]


def _aggregate(queryset) -> dict:
    spec = {"n": Count("id")}
    for key, _label in QUESTIONS:
        for answer in Answer:
            spec[f"{key}_{answer.value}"] = Count("id", filter=Q(**{key: answer.value}))
    return queryset.aggregate(**spec)


def _row(name: str, counts: dict) -> Row:
    n = counts["n"] or 0
    shown = n >= SUPPRESSION_THRESHOLD  # 4 answers: hidden; 5: shown
    shares = []
    for key, label in QUESTIONS:
        if shown:
            shares.append((label, [(a.label, round(100 * counts[f"{key}_{a.value}"] / n)) for a in Answer]))
        else:
            shares.append((label, None))
    return Row(name, n, shown, shares)


def rows(units, month_first_day) -> list[Row]:
    """One row per unit (in the given order) for the month, and a last row for all of them together."""
    answers = SurveyAnswer.objects.filter(month=month_first_day)
    result = [_row(unit.name, _aggregate(answers.filter(unit=unit))) for unit in units]
    if len(units) > 1:
        result.append(_row("Totalt", _aggregate(answers.filter(unit__in=units))))
        # Secondary suppression (as privacy.py): with one hidden unit and a shown total, the hidden
        # count would be the total minus the others, so the smallest other shown unit is hidden too.
        hidden = [r for r in result[:-1] if r.answers and not r.shown]
        shown = sorted((r for r in result[:-1] if r.shown), key=lambda r: r.answers)
        if len(hidden) == 1 and result[-1].shown and shown:
            shown[0].hide()
    return result
