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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

PARAMETER_DIR = Path(__file__).parent / "parameters"
# "example" marks invented demo values (the Demostad municipal file) and is weaker than all the others.
CONFIDENCE_MARKS = ("official", "secondary", "derived", "preliminary", "example")
NORM_PARTS = ("with_lunch", "without_lunch", "adults", "common")
# Bump when amounts or rules change; the digest below changes on any edit to the national files anyway.
PARAMETER_LABEL = "2026.2"
FILE_VERSION = "file"  # the version id of a table read from the files here


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
    version: str = FILE_VERSION  # "file", or the id of a supplied version (see `supply`)

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
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PriceBaseAmount:
    year: int
    value: int
    source: Source
    version: str = FILE_VERSION


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


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _source(raw: dict[str, Any], start: date | None = None) -> Source:
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


def parse_norm_table(raw: dict[str, Any], version: str = FILE_VERSION) -> NormTable:
    """One riksnorm year in the shape of riksnorm/<year>.toml (`from` dates as dates) into a NormTable."""
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
        version=version,
    )
    problems = [
        len(table.with_lunch) != 8 and "with_lunch needs 8 bands",
        len(table.without_lunch) != 4 and "without_lunch needs 4 bands",
        len(table.common) != 7 and "common needs 7 sizes",
        set(table.marks) != set(NORM_PARTS) and f"marks needs {NORM_PARTS}",
        any(m not in CONFIDENCE_MARKS for m in table.marks.values()) and "unknown confidence mark",
        table.sources[0].start != date(table.year, 1, 1) and "first source must start on 1 January",
    ]
    if any(problems):
        raise ParameterFileError(f"riksnorm {table.year}: {[p for p in problems if p]}")
    return table


def _norm_table(path: Path) -> NormTable:
    raw = _read(path)
    if str(raw.get("year")) != path.stem:
        raise ParameterFileError(f"{path.name}: year differs from file name")
    return parse_norm_table(raw)


def parse_price_base_amount(raw: dict[str, Any], version: str = FILE_VERSION) -> PriceBaseAmount:
    """One `[[amount]]` entry of prisbasbelopp.toml into a PriceBaseAmount."""
    return PriceBaseAmount(raw["year"], raw["value"], _source(raw, date(raw["year"], 1, 1)), version)


# Tables supplied at run time (by the administration's database) that override or extend the files,
# per year. The rules stay free of Django: the caller hands over parsed tables; `supply` clears the caches.
@dataclass(frozen=True, slots=True)
class Supplement:
    norm_tables: dict[int, NormTable] = field(default_factory=dict)
    price_base_amounts: dict[int, PriceBaseAmount] = field(default_factory=dict)
    tag: str = ""  # names the supplied set in parameter_version(); "" when nothing is supplied


_supplement = Supplement()
_on_supply: list[Callable[[], None]] = []


def supply(supplement: Supplement | None = None) -> None:
    """Use `supplement`'s tables instead of (or besides) the files' for their years; None = files only."""
    global _supplement
    _supplement = supplement or Supplement()
    for clear in (norm_tables.cache_clear, price_base_amounts.cache_clear, parameter_version.cache_clear):
        clear()
    for listener in _on_supply:
        listener()


def supplied() -> Supplement:
    return _supplement


def on_supply(listener: Callable[[], None]) -> None:
    """Call `listener` (e.g. a cache's cache_clear) whenever the supplied tables change."""
    _on_supply.append(listener)


@cache
def file_norm_tables() -> dict[int, NormTable]:
    """Every riksnorm year in the files, by year."""
    return {t.year: t for t in map(_norm_table, sorted((PARAMETER_DIR / "riksnorm").glob("*.toml")))}


@cache
def norm_tables() -> dict[int, NormTable]:
    """Every riksnorm year on file or supplied (a supplied table wins), by year."""
    return dict(sorted({**file_norm_tables(), **_supplement.norm_tables}.items()))


def norm_table(year: int) -> NormTable | None:
    """The riksnorm for `year`, or None when the year is not on file (the caller reports the error)."""
    return norm_tables().get(year)


@cache
def file_price_base_amounts() -> dict[int, PriceBaseAmount]:
    raw = _read(PARAMETER_DIR / "prisbasbelopp.toml")
    return {a["year"]: parse_price_base_amount(a) for a in raw["amount"]}


@cache
def price_base_amounts() -> dict[int, PriceBaseAmount]:
    return dict(sorted({**file_price_base_amounts(), **_supplement.price_base_amounts}.items()))


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
    version even if nobody bumps the label; supplied tables add their tag. Municipal parameters carry their own version ids.
    """
    digest = hashlib.sha256()
    for path in sorted(PARAMETER_DIR.glob("*.toml")) + sorted((PARAMETER_DIR / "riksnorm").glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    supplied = f"+{_supplement.tag}" if _supplement.tag else ""
    return f"{PARAMETER_LABEL}+{digest.hexdigest()[:12]}{supplied}"
