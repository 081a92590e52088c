"""The 2026–2027 reforms of försörjningsstöd as dated, pure rules (no Django).

Four rules, each with the date it applies from, its source and a "proposed"/"enacted" mark, read from
parameters/reforms/rules.toml. An administrator who confirms the final law changes the mark (and the legal
basis the letters quote) in the running system; the Django side passes those stored values in through
`set_override_source`, so this module stays free of the database.

- Aktivitetskrav: an adult who has had försörjningsstöd for at least three consecutive months must take
  part in activities unless exempt (under 18; 18–20 in grund- or gymnasieskola; full-time occupation;
  the target age for pension reached; sjukpenning, sjukersättning and the like). In force 1 July 2026,
  applied first to assistance for October 2026.
- Läkarintyg: from 1 July 2026 a person whose work capacity is reduced by illness must give a medical
  certificate.
- From 1 January 2027: rent for a second-hand lease only with the required consent or permit, and
  ekonomiskt bistånd only to persons lawfully resident in Sweden (otherwise emergency aid only).

Every function only says what to FLAG for the caseworker. Refusing or reducing assistance is always the
caseworker's decision, with written reasons; nothing here decides.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from bistand.rules.formatting import month_name
from bistand.rules.months import add_months, age_on, first_of_month, last_of_month

# In a folder of its own: the reforms do not change the calculation, so this file stays out of the
# calculation parameters' version digest (params.parameter_version).
PARAMETER_FILE = Path(__file__).parent / "parameters" / "reforms" / "rules.toml"

ACTIVITY = "activity_requirement"
CERTIFICATE = "medical_certificate"
LEASE = "second_hand_lease"
RESIDENCE = "lawful_residence"
RULE_IDS = (ACTIVITY, CERTIFICATE, LEASE, RESIDENCE)

PROPOSED = "proposed"
ENACTED = "enacted"
STATUS_LABELS = {PROPOSED: "Föreslagen", ENACTED: "Beslutad"}


@dataclass(frozen=True)
class ReformRule:
    id: str
    title: str
    in_force: date
    applies_from: date  # first month of assistance the rule is applied to
    status: str  # PROPOSED | ENACTED
    source: str
    legal_basis: str
    extra: dict[str, Any]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def applies_to(self, month: date) -> bool:
        return month.replace(day=1) >= self.applies_from


def _load() -> dict[str, ReformRule]:
    with PARAMETER_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    rules = {}
    for rule_id in RULE_IDS:
        raw = dict(data[rule_id])
        known = {
            k: raw.pop(k) for k in ("title", "in_force", "applies_from", "status", "source", "legal_basis")
        }
        rules[rule_id] = ReformRule(id=rule_id, extra=raw, **known)
    return rules


_BASE = _load()
# Returns {rule_id: {"status": ..., "legal_basis": ...}} from wherever the running system stores changes.
_override_source: Callable[[], dict[str, dict[str, Any]]] | None = None


def set_override_source(source: Callable[[], dict[str, dict[str, Any]]] | None) -> None:
    """Register where administrators' changes to the rules' status / legal basis are read from."""
    global _override_source
    _override_source = source


def _overrides() -> dict[str, dict[str, Any]]:
    return _override_source() if _override_source else {}


def _with_changes(base: ReformRule, changes: dict[str, Any]) -> ReformRule:
    fields = {k: v for k, v in changes.items() if k in ("status", "legal_basis") and v}
    return replace(base, **fields) if fields else base


def rule(rule_id: str) -> ReformRule:
    return _with_changes(_BASE[rule_id], _overrides().get(rule_id) or {})


def all_rules() -> list[ReformRule]:
    # The stored changes are read once for all the rules, not once per rule (a query each in the system).
    changes = _overrides()
    return [_with_changes(_BASE[rule_id], changes.get(rule_id) or {}) for rule_id in RULE_IDS]


def source_note(r: ReformRule) -> str:
    return f"{r.status_label} regel från {r.applies_from:%Y-%m-%d}. Källa: {r.source}."


# --- dates -------------------------------------------------------------------------------------------


def overlaps(start: date, end: date | None, month: date) -> bool:
    """A period [start, end] (end None = open) touches some day of `month`."""
    return start <= last_of_month(month) and (end is None or end >= first_of_month(month))


# --- aktivitetskrav -------------------------------------------------------------------------------

# Exemption kinds recorded per person with a period; under 18 and the pension age come from the birth date.
EXEMPTION_KINDS = {
    "school": "Studerar i grund- eller gymnasieskola (18–20 år)",
    "full_time_occupation": "Heltidssysselsättning",
    "sickness_benefit": "Sjukpenning, sjukersättning eller liknande",
}


@dataclass(frozen=True)
class Exemption:
    kind: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class Requirement:
    applies: bool
    reason: str  # Swedish, shown to the caseworker
    consecutive_months: int  # consecutive months with försörjningsstöd just before the month


def consecutive_before(month: date, assisted_months: Iterable[str]) -> int:
    """How many months in a row, ending with the month before `month`, the person had försörjningsstöd.

    `assisted_months` are "YYYY-MM" keys (bistand.cases.services.person_history gives them).
    """
    months = set(assisted_months)
    count, year, number = 0, month.year, month.month
    while True:  # month by month backwards, by arithmetic (it runs for every adult of a caseload)
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
        if f"{year:04d}-{number:02d}" not in months:
            return count
        count += 1


def activity_requirement(
    birth_date: date,
    month: date,
    assisted_months: Iterable[str],
    exemptions: Iterable[Exemption] = (),
    r: ReformRule | None = None,
) -> Requirement:
    """Whether the aktivitetskrav applies to this person's assistance for `month`, and why (Swedish).

    `r` is the rule as read once by a caller that checks many persons (otherwise read here)."""
    r = r or rule(ACTIVITY)
    month = first_of_month(month)
    needed = int(r.extra.get("consecutive_months", 3))
    consecutive = consecutive_before(month, assisted_months)
    if not r.applies_to(month):
        return Requirement(
            False, f"Aktivitetskravet tillämpas från och med {month_name(r.applies_from)}.", consecutive
        )
    age = age_on(birth_date, month)
    if age < 18:
        return Requirement(False, "Undantag: under 18 år.", consecutive)
    if age >= int(r.extra.get("pension_target_age", 67)):
        return Requirement(False, "Undantag: har uppnått riktåldern för pension.", consecutive)
    for exemption in exemptions:
        if not overlaps(exemption.start, exemption.end, month):
            continue
        if exemption.kind == "school" and age > 20:
            continue  # the school exemption is for 18–20-year-olds only
        label = EXEMPTION_KINDS.get(exemption.kind, exemption.kind)
        return Requirement(False, f"Undantag: {label}.", consecutive)
    if consecutive < needed:
        return Requirement(
            False,
            f"Har haft försörjningsstöd {consecutive} månad(er) i följd före månaden; kravet gäller efter "
            f"{needed} sammanhängande månader.",
            consecutive,
        )
    return Requirement(
        True,
        f"Kravet gäller: försörjningsstöd {consecutive} månader i följd före månaden, inget undantag.",
        consecutive,
    )


@dataclass(frozen=True)
class Participation:
    attended_hours: int
    unexcused_absence_hours: int  # absence without an acceptable reason
    excused_absence_hours: int = 0


def participation_flags(
    name: str, month: date, applies: bool, has_activity: bool, months: list[tuple[date, Participation]]
) -> list[str]:
    """Flags for the decision proposal: no activity assigned, or absence without an acceptable reason
    in the month applied for or the month before. The caseworker assesses; nothing is reduced here."""
    if not applies:
        return []
    flags = []
    if not has_activity:
        flags.append(f"{name}: aktivitetskravet gäller men ingen aktivitet är anvisad.")
    for when, p in months:
        if p.unexcused_absence_hours > 0 and add_months(first_of_month(month), -1) <= first_of_month(
            when
        ) <= first_of_month(month):
            flags.append(
                f"{name}: frånvaro utan godtagbart skäl {p.unexcused_absence_hours} timmar i {month_name(when)} "
                f"(närvaro {p.attended_hours} timmar). Handläggaren bedömer om försörjningsstödet ska vägras "
                "eller sättas ned; det sker aldrig automatiskt."
            )
    return flags


# --- läkarintyg, andrahandshyra, laglig vistelse ------------------------------------------------


def certificate_flag(
    name: str, month: date, illness_barrier: bool, certificates: Iterable[tuple[date, date | None]]
) -> str | None:
    """Missing or expired medical certificate for a person whose work capacity is reduced by illness."""
    r = rule(CERTIFICATE)
    if not illness_barrier or not r.applies_to(month):
        return None
    periods = list(certificates)
    if any(overlaps(start, end, month) for start, end in periods):
        return None
    if periods:
        latest = max((end for _, end in periods if end is not None), default=None)
        text = f"läkarintyget gällde till {latest:%Y-%m-%d}" if latest else "läkarintyget gäller inte månaden"
        return f"{name}: {text}. Nytt läkarintyg krävs ({source_note(r)})"
    return f"{name}: läkarintyg saknas för arbetsförmåga nedsatt av sjukdom ({source_note(r)})"


RESIDENCE_STATUSES = {
    "citizen": "Svensk medborgare",
    "permit": "Uppehållstillstånd",
    "eu_right": "Uppehållsrätt (EU/EES)",
    "pending": "Ansökan om tillstånd pågår",
    "none": "Saknar rätt att vistas i Sverige",
}
LAWFUL = {"citizen", "permit", "eu_right"}


def residence_flag(name: str, month: date, statuses: Iterable[tuple[str, date, date | None]]) -> str | None:
    """Flag a person who may only receive emergency aid: statuses are recorded for the person but none
    lawful (citizen, permit, EU right) covers the month — e.g. none, pending, or an expired permit. A
    person with nothing recorded is not flagged: no record is no sign of unlawful residence."""
    r = rule(RESIDENCE)
    statuses = list(statuses)
    if not r.applies_to(month) or not statuses:
        return None
    current = [s for s, start, end in statuses if overlaps(start, end, month)]
    if any(s in LAWFUL for s in current):
        return None
    what = (
        RESIDENCE_STATUSES.get(current[0], current[0]).lower()
        if current
        else "ingen registrerad rätt att vistas"
    )
    return (
        f"{name}: {what} för månaden. Kan bara få nödbistånd om personen inte vistas lagligen i Sverige; "
        f"handläggaren prövar ({source_note(r)})"
    )


def lease_flag(
    month: date, has_rent: bool, leases: Iterable[tuple[bool, bool, date, date | None]]
) -> str | None:
    """Flag rent for a second-hand lease without documented consent/permit. `leases` are
    (second_hand, consent_documented, start, end)."""
    r = rule(LEASE)
    if not has_rent or not r.applies_to(month):
        return None
    for second_hand, consent, start, end in leases:
        if second_hand and not consent and overlaps(start, end, month):
            return (
                "Hyran avser en andrahandsupplåtelse utan dokumenterat samtycke eller tillstånd. Handläggaren "
                f"prövar om hyran kan godtas ({source_note(r)})"
            )
    return None
