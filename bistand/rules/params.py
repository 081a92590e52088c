"""The national parameters: TOML files under parameters/, read once and cached.

As in OpenFisca, values live apart from the formulas: every value has an effective date, a legal source
and a confidence mark. The formulas (norm.py, income.py, engine.py) only ask "what applies on this
date?". A question the data cannot answer is an error naming the missing year — never a fallback to
a neighbouring year.

Confidence marks, strongest first:
  official     the text of an SFS or a Socialstyrelsen / regeringen.se page;
  secondary    copied from a municipal page or third-party code that copies official figures;
  derived      computed here from official figures (the arithmetic is in the TOML comments);
  preliminary  a stand-in until the official figure is published;
  example      invented for demonstration (municipal parameters of the demo city only).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

PARAMETER_DIR = Path(__file__).parent / "parameters"
# "example" marks invented demo values (the Demostad municipal file) and is weaker than all the others.
CONFIDENCE_MARKS = ("official", "secondary", "derived", "preliminary", "example")
NORM_PARTS = ("with_lunch", "without_lunch", "adults", "common")
# Bump when amounts or rules change; the digest below changes on any edit to the national files anyway.
PARAMETER_LABEL = "2026.2"


class ParameterFileError(RuntimeError):
    """A parameter file is malformed (a programming/data error, not a user error)."""


def weakest(*marks: str) -> str:
    """The least certain of the confidence marks given."""
    return max(marks, key=CONFIDENCE_MARKS.index)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value comes from, valid from `start` (until the next source of the same value)."""

    start: date
    cite: str  # short form used in explanation lines, e.g. "SoF 2025:468 12 kap. 2 §"
    title: str
    url: str
    confidence: str = "official"
    note: str = ""
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class NormTable:
    """One calendar year's riksnorm (kronor per month) with its sources and per-part confidence marks.

    Child bands: 0 år | 1–2 | 3 | 4–6 | 7–10 | 11–14 | 15–18 | 19–20 år; `without_lunch` has the four
    0–6 år bands only (the school-age bands have no "utan lunch" amount).
    """

    year: int
    with_lunch: tuple[int, ...]
    without_lunch: tuple[int, ...]
    single: int
    couple: int
    common: tuple[int, ...]  # households of 1 … 7 persons
    marks: dict[str, str]
    notes: dict[str, str]
    sources: tuple[Source, ...]

    def source_on(self, day: date) -> Source:
        """The legal text that sets these amounts on `day` (2025: 2001:937 until June, 2025:468 from July)."""
        return [s for s in self.sources if s.start <= day][-1]

    @property
    def confidence(self) -> str:
        return weakest(*self.marks.values())

    @property
    def preliminary(self) -> bool:
        return "preliminary" in self.marks.values()


@dataclass(frozen=True, slots=True)
class RulePeriod:
    """A legal rule as it applies from `source.start`, with its numeric values (e.g. rate = 0.25)."""

    source: Source
    values: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PriceBaseAmount:
    year: int
    value: int
    source: Source


@dataclass(frozen=True, slots=True)
class IncomeKind:
    label: str
    counted: bool
    employment: bool = False
    reason: str = ""  # why a not-counted kind is not counted (completes a Swedish sentence)
    confidence: str = "official"
    cite: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Kinds:
    costs: dict[str, str]
    extra_needs: dict[str, str]
    incomes: dict[str, IncomeKind]
    norm_supplements: dict[str, str] = field(
        default_factory=dict
    )  # the norm at a higher level (SOSFS 2013:1)


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _source(raw: dict, start: date | None = None) -> Source:
    confidence = raw.get("confidence", "official")
    if confidence not in CONFIDENCE_MARKS:
        raise ParameterFileError(f"unknown confidence mark {confidence!r}")
    return Source(
        start=start or raw["from"],
        cite=raw["cite"],
        title=raw.get("title", raw["cite"]),
        url=raw.get("url", ""),
        confidence=confidence,
        note=raw.get("note", ""),
        evidence=raw.get("evidence", ""),
    )


def _norm_table(path: Path) -> NormTable:
    raw = _read(path)
    table = NormTable(
        year=raw["year"],
        with_lunch=tuple(raw["children"]["with_lunch"]),
        without_lunch=tuple(raw["children"]["without_lunch"]),
        single=raw["adults"]["single"],
        couple=raw["adults"]["couple"],
        common=tuple(raw["common"]["by_size"]),
        marks=dict(raw["marks"]),
        notes=dict(raw.get("notes", {})),
        sources=tuple(_source(s) for s in raw["source"]),
    )
    problems = [
        str(table.year) != path.stem and "year differs from file name",
        len(table.with_lunch) != 8 and "with_lunch needs 8 bands",
        len(table.without_lunch) != 4 and "without_lunch needs 4 bands",
        len(table.common) != 7 and "common needs 7 sizes",
        set(table.marks) != set(NORM_PARTS) and f"marks needs {NORM_PARTS}",
        any(m not in CONFIDENCE_MARKS for m in table.marks.values()) and "unknown confidence mark",
        table.sources[0].start != date(table.year, 1, 1) and "first source must start on 1 January",
    ]
    if any(problems):
        raise ParameterFileError(f"{path.name}: {[p for p in problems if p]}")
    return table


@cache
def norm_tables() -> dict[int, NormTable]:
    """Every riksnorm year on file, by year."""
    return {t.year: t for t in map(_norm_table, sorted((PARAMETER_DIR / "riksnorm").glob("*.toml")))}


def norm_table(year: int) -> NormTable | None:
    """The riksnorm for `year`, or None when the year is not on file (the caller reports the error)."""
    return norm_tables().get(year)


@cache
def price_base_amounts() -> dict[int, PriceBaseAmount]:
    raw = _read(PARAMETER_DIR / "prisbasbelopp.toml")
    return {
        a["year"]: PriceBaseAmount(a["year"], a["value"], _source(a, date(a["year"], 1, 1)))
        for a in raw["amount"]
    }


def price_base_amount(year: int) -> PriceBaseAmount | None:
    return price_base_amounts().get(year)


@cache
def _law() -> dict[str, tuple[RulePeriod, ...]]:
    rules = {}
    for name, section in _read(PARAMETER_DIR / "law.toml").items():
        periods = []
        for raw in section["period"]:
            values = {k: v for k, v in raw.items() if k not in Source.__slots__ and k != "from"}
            values = {k: Decimal(v) if isinstance(v, str) else v for k, v in values.items()}
            periods.append(RulePeriod(_source(raw), values))
        rules[name] = tuple(sorted(periods, key=lambda p: p.source.start))
    return rules


def rule_on(name: str, day: date) -> RulePeriod | None:
    """The period of legal rule `name` in force on `day`, or None before the rule existed."""
    current = None
    for period in _law()[name]:
        if period.source.start <= day:
            current = period
    return current


@cache
def kinds() -> Kinds:
    raw = _read(PARAMETER_DIR / "kinds.toml")
    incomes = {name: IncomeKind(**spec) for name, spec in raw["incomes"].items()}
    return Kinds(
        costs=dict(raw["costs"]),
        extra_needs=dict(raw["extra_needs"]),
        incomes=incomes,
        norm_supplements=dict(raw.get("norm_supplements", {})),
    )


@cache
def parameter_version() -> str:
    """'<label>+<digest>': names the national parameter set; stored with every calculation snapshot.

    The digest covers every national parameter file, so any edit to an amount or a source changes the
    version even if nobody bumps the label. Municipal parameters carry their own version ids.
    """
    digest = hashlib.sha256()
    for path in sorted(PARAMETER_DIR.glob("*.toml")) + sorted((PARAMETER_DIR / "riksnorm").glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{PARAMETER_LABEL}+{digest.hexdigest()[:12]}"
