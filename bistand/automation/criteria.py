"""The automated decision function's criteria: rules in code, versioned, readable by anyone (no Django).

Since 1 July 2022 a committee may delegate decisions to an automated decision function (kommunallagen
(2017:725) 6 kap. 37 §, bet. 2021/22:KU36) when the Administrative Procedure Act (förvaltningslagen
(2017:900), 28 §) applies in full. Ekonomiskt bistånd rests on an individual assessment of need (SoL
4 kap. 1 §), so only what needs no new assessment is automated: a recurring application where nothing has
changed since last month's decision, every income is confirmed by the agencies, and the result is a full
approval within the function's mandate. Refusals, partial refusals and first applications always go to a
person. Each criterion below, when it fails, gives a Swedish reason for the caseworker.

Changing any criterion changes VERSION; every automated decision names the version it applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bistand.rules.formatting import kr

VERSION = "kriterier 2026.2"
VALID_FROM = "2026-12-01"  # 2026.1 (from 2026-01-01) lacked the reform conditions, criterion 12


@dataclass(frozen=True)
class Facts:
    """What the criteria look at for one application (gathered from the database in facts.py)."""

    kind: str  # "first" | "recurring" | "extra_need"
    calculable: bool = True
    outcome: str = "granted"  # the proposal's outcome: granted | partly_granted | rejected
    income_support: int = 0  # kr granted for the month's försörjningsstöd by the proposal
    limit: int = 0  # kr, the function's mandate in the delegation order
    changes: tuple[str, ...] = ()  # Swedish labels of what changed since last month
    income_fetched: bool = False
    income_differences: tuple[str, ...] = ()  # Swedish lines, declared against fetched
    unresolved_warnings: int = 0  # income warnings open or acknowledged
    blockers: tuple[str, ...] = ()  # the decision checks' messages (e.g. a missing barrier)
    extra_needs: int = 0  # kr applied for beyond försörjningsstöd
    follow_up_overdue: bool = False
    protected_identity: bool = False
    preliminary_norm: bool = False
    reform_flags: tuple[str, ...] = ()  # conditions of the 2026–2027 reforms the caseworker must assess


@dataclass(frozen=True)
class Criterion:
    code: str  # stable English key, counted in the follow-up
    title: str  # the rule, in Swedish, as shown on the criteria page
    why: str  # why the rule is there, in Swedish
    check: Callable[[Facts], list[str]]  # Swedish reasons when it fails; [] when it holds


@dataclass(frozen=True)
class Failure:
    code: str
    message: str


def _recurring(f: Facts) -> list[str]:
    if f.kind == "recurring":
        return []
    if f.kind == "first":
        return ["Nyansökan: en första ansökan prövas alltid av en handläggare."]
    return ["Ansökan gäller extra behov och prövas alltid av en handläggare."]


def _calculable(f: Facts) -> list[str]:
    return [] if f.calculable else ["Ansökan kan inte beräknas och måste granskas av en handläggare."]


def _full_approval(f: Facts) -> list[str]:
    if not f.calculable or f.outcome == "granted":
        return []
    if f.outcome == "rejected":
        return ["Förslaget är avslag. Avslag beslutas alltid av en handläggare."]
    return ["Förslaget är delvis bifall. Delvis avslag beslutas alltid av en handläggare."]


def _unchanged(f: Facts) -> list[str]:
    if f.kind != "recurring" or not f.changes:
        return []
    return ["Hushållet eller beloppen har ändrats sedan förra månaden: " + "; ".join(f.changes) + "."]


def _income_confirmed(f: Facts) -> list[str]:
    reasons = []
    if not f.income_fetched:
        reasons.append("Inkomstuppgifter från myndigheterna är inte hämtade för månaden.")
    elif f.income_differences:
        reasons.append(
            "Angivna inkomster stämmer inte med myndigheternas uppgifter: "
            + "; ".join(f.income_differences)
            + "."
        )
    if f.unresolved_warnings:
        reasons.append(f"Det finns {f.unresolved_warnings} inkomstvarningar som inte är avslutade.")
    return reasons


def _no_blockers(f: Facts) -> list[str]:
    return list(f.blockers)


def _no_extra_needs(f: Facts) -> list[str]:
    if f.extra_needs <= 0:
        return []
    return [f"Ansökan gäller även behov utöver försörjningsstöd ({kr(f.extra_needs)})."]


def _follow_up(f: Facts) -> list[str]:
    return ["Uppföljningen av genomförandeplanen är försenad."] if f.follow_up_overdue else []


def _not_protected(f: Facts) -> list[str]:
    return ["Någon i hushållet har skyddade personuppgifter."] if f.protected_identity else []


def _within_limit(f: Facts) -> list[str]:
    if f.income_support <= f.limit:
        return []
    return [
        f"Beloppet ({kr(f.income_support)}) är högre än vad den automatiserade beslutsfunktionen får "
        f"besluta om enligt delegationsordningen ({kr(f.limit)})."
    ]


def _final_norm(f: Facts) -> list[str]:
    if not f.preliminary_norm:
        return []
    return ["Beräkningen bygger på en preliminär riksnorm. Den fastställda normen är ännu inte införd."]


def _no_reform_flags(f: Facts) -> list[str]:
    return list(f.reform_flags)


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "recurring",
        "Ansökan är en återansökan om försörjningsstöd.",
        "En första ansökan och extra behov kräver alltid en individuell bedömning.",
        _recurring,
    ),
    Criterion(
        "calculable",
        "Ansökan går att beräkna enligt reglerna.",
        "Utan beräkning finns inget förslag att besluta om.",
        _calculable,
    ),
    Criterion(
        "full_approval",
        "Förslaget är fullt bifall.",
        "Avslag och delvis avslag beslutas alltid av en människa.",
        _full_approval,
    ),
    Criterion(
        "unchanged",
        "Hushållet och alla belopp är desamma som i förra månadens ansökan.",
        "Bara det som redan har prövats av en handläggare upprepas automatiskt.",
        _unchanged,
    ),
    Criterion(
        "income_confirmed",
        "Alla inkomster är bekräftade av myndigheternas uppgifter och ingen inkomstvarning är öppen.",
        "Inkomsterna avgör beloppet; en skillnad måste utredas av en handläggare.",
        _income_confirmed,
    ),
    Criterion(
        "no_blockers",
        "Försörjningshinder är registrerade och inget annat hindrar beslut.",
        "Samma kontroller som före en handläggares beslut.",
        _no_blockers,
    ),
    Criterion(
        "no_extra_needs",
        "Ansökan gäller inga behov utöver försörjningsstöd.",
        "Extra behov kräver en individuell bedömning.",
        _no_extra_needs,
    ),
    Criterion(
        "follow_up",
        "Uppföljningen av genomförandeplanen är inte försenad.",
        "Ett ärende där planen inte följs upp behöver en handläggares uppmärksamhet.",
        _follow_up,
    ),
    Criterion(
        "not_protected",
        "Ingen i hushållet har skyddade personuppgifter.",
        "Skyddade ärenden hanteras bara av ansvarig handläggare.",
        _not_protected,
    ),
    Criterion(
        "within_limit",
        "Beloppet ligger inom den automatiserade beslutsfunktionens delegation.",
        "Nämnden har satt en beloppsgräns i delegationsordningen.",
        _within_limit,
    ),
    Criterion(
        "final_norm",
        "Beräkningen bygger inte på en preliminär riksnorm.",
        "Ett belopp efter preliminär norm kan behöva omprövas.",
        _final_norm,
    ),
    Criterion(
        "no_reform_flags",
        "Inget villkor i de nya reglerna behöver prövas (aktivitetskrav, läkarintyg, hyresavtal i andra hand, "
        "rätt att vistas i Sverige).",
        "Villkoren kräver en individuell bedömning av en handläggare.",
        _no_reform_flags,
    ),
)
CODES = {c.code: c for c in CRITERIA}


def evaluate(facts: Facts) -> list[Failure]:
    """Every failed criterion with its Swedish reasons, in the order of CRITERIA; [] = may be automated."""
    return [Failure(c.code, message) for c in CRITERIA for message in c.check(facts)]
