"""What-if scenarios: a set of parameter changes and rule switches on top of the rules in force.

A scenario file (TOML or JSON, same structure; see docs/whatif.md) is read into a `Scenario` and checked
here, with every problem named in Swedish, before anything is calculated. The parameter files of the
rules are never edited: apply.py builds changed copies of the dated parameter objects, and the cap is a
rule applied after the calculation with its own explanation line (cap.py).

    name = "Riksnormen +2 %"                 # required
    description = "…"                         # optional
    [norm]            percent = 2             # every riksnorm amount × 1,02, rounded to whole kronor
    [work_incentive]  rate_percent = 30       # jobbstimulans; enabled = false switches it off
    [rent_cap]        percent = 5             # or by_size = [5600, 6400, …] (kr per month, 1, 2, … persons)
    [cap]             basis = "children"      # or "persons"; from = 4; amounts = [kr per month, …]
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bistand.rules.formatting import kr

SCENARIO_DIR = Path(__file__).parent / "scenarios"
CAP_BASES = {"children": "barn", "persons": "personer"}
MAX_PERCENT = Decimal(50)  # a change of more than ±50 % is almost surely a typing error
MAX_AMOUNT = 1_000_000  # kronor per month


class ScenarioError(ValueError):
    """The scenario cannot be used; `problems` says why, in Swedish, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class NormChange:
    percent: Decimal  # every amount of the riksnorm table × (1 + percent / 100)


@dataclass(frozen=True)
class WorkIncentiveChange:
    enabled: bool = True
    rate: Decimal | None = None  # share of the salary not counted, 0.30 = 30 %


@dataclass(frozen=True)
class RentCapChange:
    percent: Decimal | None = None
    by_size: tuple[int, ...] | None = None  # kr per month for cases of 1, 2, … persons; last for larger


@dataclass(frozen=True)
class Cap:
    """A highest monthly försörjningsstöd for households with at least `start` children (or persons).

    amounts[0] applies at `start`, amounts[1] at start + 1, …; the last one to every larger household.
    Empty amounts: the scenario is offered but refuses to run until the user fills them in.
    """

    basis: str  # "children" | "persons"
    start: int
    amounts: tuple[int, ...]
    source: str = ""

    def amount_for(self, count: int) -> int | None:
        if count < self.start or not self.amounts:
            return None
        return self.amounts[min(count - self.start, len(self.amounts) - 1)]


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str = ""
    note: str = ""  # e.g. why amounts are missing; shown on the page
    norm: NormChange | None = None
    work_incentive: WorkIncentiveChange | None = None
    rent_cap: RentCapChange | None = None
    cap: Cap | None = None
    slug: str = ""  # the file name without suffix, for ready scenarios

    def missing(self) -> list[str]:
        """Why the scenario cannot run yet (the cap without amounts); empty when it can."""
        if self.cap is not None and not self.cap.amounts:
            return [
                "Bidragstaket saknar belopp. Beloppen har inte gått att hitta i någon tillgänglig källa; "
                "fyll i högsta försörjningsstöd i kronor per månad innan scenariot kan köras."
            ]
        return []

    def check_ready(self) -> None:
        problems = self.missing()
        if problems:
            raise ScenarioError(problems)

    def with_cap_amounts(self, amounts: tuple[int, ...]) -> Scenario:
        """The same scenario with the cap's amounts filled in by the user."""
        if self.cap is None:
            raise ScenarioError(["Scenariot har inget bidragstak att fylla i belopp för."])
        return replace(self, cap=replace(self.cap, amounts=amounts))

    def changes(self) -> list[str]:
        """The changes in plain Swedish, one line each (for the page, the command and the Excel file)."""
        out = []
        if self.norm:
            out.append(f"Riksnormens alla belopp ändras med {_percent_text(self.norm.percent)}.")
        if self.work_incentive:
            if not self.work_incentive.enabled:
                out.append("Jobbstimulansen tas bort.")
            elif self.work_incentive.rate is not None:
                out.append(
                    f"Jobbstimulansen blir {_percent_text(self.work_incentive.rate * 100, sign=False)}."
                )
        if self.rent_cap:
            if self.rent_cap.by_size:
                sizes = ", ".join(f"{n} pers. {kr(a)}" for n, a in enumerate(self.rent_cap.by_size, start=1))
                out.append(f"Nya högsta boendekostnader per månad: {sizes} (och fler).")
            else:
                out.append(
                    f"Högsta godtagbara boendekostnader ändras med {_percent_text(self.rent_cap.percent)}."
                )
        if self.cap:
            unit = CAP_BASES[self.cap.basis]
            if self.cap.amounts:
                steps = ", ".join(
                    f"{self.cap.start + i}{' eller fler' if i == len(self.cap.amounts) - 1 else ''} {unit}: "
                    f"{kr(amount)}"
                    for i, amount in enumerate(self.cap.amounts)
                )
                out.append(f"Bidragstak per månad för hushåll med minst {self.cap.start} {unit} ({steps}).")
            else:
                out.append(f"Bidragstak för hushåll med minst {self.cap.start} {unit} – belopp saknas.")
        return out


def _percent_text(value: Decimal, sign: bool = True) -> str:
    text = f"{value.normalize():f}".replace(".", ",")
    if sign and value > 0:
        text = "+" + text
    return text.replace("-", "−") + " %"


# --- reading and checking -----------------------------------------------------------------------------


def _number(value, field: str, problems: list[str]) -> Decimal | None:
    """A percentage: an integer, a decimal number or a text like "2,5"."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problems.append(f"{field}: ange ett tal (till exempel 2 eller 2,5).")
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        problems.append(f"{field}: ”{value}” är inget tal.")
        return None
    if not number.is_finite():
        problems.append(f"{field}: ”{value}” är inget tal.")
        return None
    return number


def _percent(value, field: str, problems: list[str], low=-MAX_PERCENT, high=MAX_PERCENT) -> Decimal | None:
    number = _number(value, field, problems)
    if number is not None and not low <= number <= high:
        problems.append(f"{field}: måste ligga mellan {low} och {high} procent.".replace("-", "−"))
        return None
    return number


def _amounts(value, field: str, problems: list[str], allow_empty: bool = False) -> tuple[int, ...] | None:
    if not isinstance(value, list) or (not value and not allow_empty):
        problems.append(f"{field}: ange en lista med belopp i hela kronor, till exempel [25000, 27000].")
        return None
    if any(isinstance(a, bool) or not isinstance(a, int) or not 0 < a <= MAX_AMOUNT for a in value):
        problems.append(f"{field}: varje belopp ska vara hela kronor mellan 1 och {MAX_AMOUNT} kr per månad.")
        return None
    return tuple(value)


def _table(raw: dict, key: str, allowed: set[str], problems: list[str]) -> dict | None:
    section = raw.get(key)
    if section is None:
        return None
    if not isinstance(section, dict):
        problems.append(f"{key}: ska vara en tabell ([{key}]).")
        return None
    for unknown in sorted(set(section) - allowed):
        problems.append(f"{key}.{unknown}: okänd uppgift (tillåtna: {', '.join(sorted(allowed))}).")
    return section


def scenario_from_dict(raw, slug: str = "") -> Scenario:
    """Check a scenario's data (from TOML or JSON); raises ScenarioError naming every problem."""
    if not isinstance(raw, dict):
        raise ScenarioError(["Scenariot ska vara en tabell med namn och ändringar."])
    problems: list[str] = []
    sections = ("norm", "work_incentive", "rent_cap", "cap")
    for unknown in sorted(set(raw) - {"name", "description", "note", *sections}):
        problems.append(
            f"{unknown}: okänd uppgift (tillåtna: name, description, note, {', '.join(sections)})."
        )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("name: scenariot behöver ett namn.")
    for text in ("description", "note"):
        if not isinstance(raw.get(text, ""), str):
            problems.append(f"{text}: ska vara en text.")
    norm = work = rent = cap = None
    if (section := _table(raw, "norm", {"percent"}, problems)) is not None:
        if "percent" not in section:
            problems.append("norm.percent: ange hur många procent riksnormen ändras.")
        elif (percent := _percent(section["percent"], "norm.percent", problems)) is not None:
            norm = NormChange(percent)
    if (section := _table(raw, "work_incentive", {"enabled", "rate_percent"}, problems)) is not None:
        enabled = section.get("enabled", True)
        rate = None
        if not isinstance(enabled, bool):
            problems.append("work_incentive.enabled: ange true eller false.")
        if "rate_percent" in section:
            rate = _percent(
                section["rate_percent"], "work_incentive.rate_percent", problems, Decimal(0), Decimal(100)
            )
        elif enabled is True:
            problems.append(
                "work_incentive.rate_percent: ange jobbstimulansens procentsats (eller enabled = false)."
            )
        if isinstance(enabled, bool):
            work = WorkIncentiveChange(enabled, None if rate is None else rate / 100)
    if (section := _table(raw, "rent_cap", {"percent", "by_size"}, problems)) is not None:
        if ("percent" in section) == ("by_size" in section):
            problems.append("rent_cap: ange antingen percent eller by_size, inte båda.")
        elif "percent" in section:
            if (percent := _percent(section["percent"], "rent_cap.percent", problems)) is not None:
                rent = RentCapChange(percent=percent)
        elif (sizes := _amounts(section["by_size"], "rent_cap.by_size", problems)) is not None:
            rent = RentCapChange(by_size=sizes)
    if (section := _table(raw, "cap", {"basis", "from", "amounts", "source"}, problems)) is not None:
        cap = _cap(section, problems)
    if not problems and not any((norm, work, rent, cap)):
        problems.append(
            "Scenariot ändrar ingenting: ange minst en av norm, work_incentive, rent_cap eller cap."
        )
    if problems:
        raise ScenarioError(problems)
    return Scenario(
        name=name.strip(),
        description=raw.get("description", "").strip(),
        note=raw.get("note", "").strip(),
        norm=norm,
        work_incentive=work,
        rent_cap=rent,
        cap=cap,
        slug=slug,
    )


def _cap(section: dict, problems: list[str]) -> Cap | None:
    basis, start = section.get("basis", "children"), section.get("from")
    ok = True
    if basis not in CAP_BASES:
        problems.append('cap.basis: ange "children" (antal barn) eller "persons" (antal personer).')
        ok = False
    if isinstance(start, bool) or not isinstance(start, int) or not 1 <= start <= 20:
        problems.append("cap.from: ange från hur många barn eller personer taket gäller (1–20).")
        ok = False
    amounts = _amounts(section.get("amounts", []), "cap.amounts", problems, allow_empty=True)
    source = section.get("source", "")
    if not isinstance(source, str):
        problems.append("cap.source: ska vara en text.")
        ok = False
    if not ok or amounts is None:
        return None
    return Cap(basis, start, amounts, source.strip())


def parse_scenario_text(text: str, suffix: str = ".toml", slug: str = "") -> Scenario:
    """A scenario from TOML (default) or JSON text."""
    try:
        raw = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError([f"Filen är inte giltig JSON (rad {exc.lineno}): {exc.msg}."]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([f"Filen är inte giltig TOML: {exc}."]) from None
    return scenario_from_dict(raw, slug)


def load_scenario(path: str | Path) -> Scenario:
    """A scenario file (.toml or .json); a bare name means one of the ready scenarios in scenarios/."""
    path = Path(path)
    if not path.suffix and not path.exists():
        path = SCENARIO_DIR / f"{path.name}.toml"
    if path.suffix not in (".toml", ".json"):
        raise ScenarioError([f"{path.name}: scenariofilen ska sluta på .toml eller .json."])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ScenarioError([f"Scenariofilen {path} finns inte eller går inte att läsa."]) from None
    return parse_scenario_text(text, path.suffix, path.stem)


def ready_scenarios() -> list[Scenario]:
    """The scenarios shipped with Bistånd, by file name."""
    return [load_scenario(path) for path in sorted(SCENARIO_DIR.glob("*.toml"))]


def parse_amounts(text: str) -> tuple[int, ...]:
    """Amounts typed by a user: "30000, 32 000; 34000" -> (30000, 32000, 34000) (whole kronor)."""
    parts = [p.replace(" ", "").replace("\u00a0", "") for p in text.replace(";", ",").split(",")]
    parts = [p for p in parts if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise ScenarioError(
            ["Beloppen ska vara hela kronor åtskilda med kommatecken, till exempel 30000, 32000, 34000."]
        )
    problems: list[str] = []
    amounts = _amounts([int(p) for p in parts], "Beloppen", problems)
    if problems:
        raise ScenarioError(problems)
    return amounts
