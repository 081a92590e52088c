"""When a case record is due for gallring, and which records the research exception keeps (plain Python).

Retention: the records in a personakt are to be deleted five years after the last entry was made in the
akt, and the deletion is to be completed during the calendar year after the obligation arose
(socialtjänstlagen (2001:453) 12 kap. 1 § in the wording of SFS 2003:135; the rule continues under
socialtjänstlagen (2025:400), whose provisions on documents SoF (2025:468) 13 kap. 1 § refers to).

Research exception, SoF (2025:468) 13 kap. 1 §: documents are exempt from gallring "av hänsyn till
forskningens behov" in every municipality in Östergötlands, Gotlands and Västernorrlands län and in
Göteborgs kommun; in all other municipalities for persons born on the 5th, 15th and 25th of any month.
The rule is a dated parameter so that a change of the ordinance becomes a new entry, not an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

RETENTION_YEARS = 5


@dataclass(frozen=True)
class ResearchExceptionRule:
    valid_from: date
    source: str
    county_codes: frozenset[str]  # län: the first two digits of SCB's four-digit kommunkod
    municipality_codes: frozenset[str]
    birth_days: frozenset[int]

    def keeps_municipality(self, municipality_code: str) -> bool:
        code = (municipality_code or "").strip()
        return code in self.municipality_codes or code[:2] in self.county_codes

    def keeps_person_born(self, birth_date: date) -> bool:
        return birth_date.day in self.birth_days


RESEARCH_EXCEPTIONS = (
    ResearchExceptionRule(
        valid_from=date(2025, 7, 1),
        source="SoF (2025:468) 13 kap. 1 §",
        # SCB: 05 Östergötlands län, 09 Gotlands län, 22 Västernorrlands län; 1480 Göteborg.
        county_codes=frozenset({"05", "09", "22"}),
        municipality_codes=frozenset({"1480"}),
        birth_days=frozenset({5, 15, 25}),
    ),
)


def research_rule_on(day: date) -> ResearchExceptionRule:
    valid = [rule for rule in RESEARCH_EXCEPTIONS if rule.valid_from <= day]
    if not valid:
        raise ValueError(f"Ingen regel om forskningsundantag gäller {day:%Y-%m-%d}.")
    return max(valid, key=lambda rule: rule.valid_from)


def rule_version(day: date) -> str:
    rule = research_rule_on(day)
    return (
        f"{RETENTION_YEARS} år efter sista anteckningen (SoL 2001:453 12 kap. 1 §, SoL 2025:400); "
        f"forskningsundantag {rule.source} från {rule.valid_from:%Y-%m-%d}"
    )


def years_after(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February moves to 1 March in a common year (never earlier)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def due_on(last_entry: date) -> date:
    """The first day on which the records are due for gallring: five years after the last entry."""
    return years_after(last_entry, RETENTION_YEARS)


def deadline(last_entry: date) -> date:
    """The last day by which the gallring must be completed: the end of the year after it became due."""
    return date(due_on(last_entry).year + 1, 12, 31)


@dataclass(frozen=True)
class GroupFacts:
    """A group of cases that share persons, with what the rules need to know about it."""

    last_entry: date
    municipality_codes: frozenset[str]
    birth_dates: tuple[date, ...]


@dataclass(frozen=True)
class Verdict:
    due: bool
    kept_for_research: bool
    due_on: date
    reason: str

    @property
    def purge(self) -> bool:
        return self.due and not self.kept_for_research


def judge(facts: GroupFacts, as_of: date) -> Verdict:
    """Whether the group is due on `as_of`, and whether the research exception keeps it."""
    due = due_on(facts.last_entry)
    if as_of < due:
        return Verdict(False, False, due, f"Sparas till {due:%Y-%m-%d} (fem år efter sista anteckningen).")
    rule = research_rule_on(as_of)
    if any(rule.keeps_municipality(code) for code in facts.municipality_codes):
        return Verdict(True, True, due, f"Undantas för forskning: kommunen ({rule.source}).")
    if any(rule.keeps_person_born(born) for born in facts.birth_dates):
        return Verdict(True, True, due, f"Undantas för forskning: född den 5, 15 eller 25 ({rule.source}).")
    return Verdict(True, False, due, "Ska gallras.")
