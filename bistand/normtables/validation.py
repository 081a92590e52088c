"""Reading and checking a year's riksnorm table or prisbasbelopp before it is entered (plain Python).

The file has the shape of bistand/rules/parameters/riksnorm/<year>.toml or prisbasbelopp.toml, as TOML
or JSON. Every problem found is reported at once, in Swedish; nothing is entered unless all checks pass:

- every band is present: children with lunch 8 age bands, without lunch 4, adults single and couple,
  common household costs for 1–7 persons; every amount a whole number of kronor above 0;
- every part is marked (official, secondary, derived or preliminary — "example" is for demo data only);
- a source is given: at least one `[[source]]` with `cite` (the SFS or the page), the first from
  1 January of the year; for a prisbasbelopp `cite` and `confidence`;
- plausible against the previous year: each amount within −5 % … +15 % of the same amount the year
  before. From 2013 to 2026 the individual riksnorm amounts moved between 0 % and +13.8 % a year
  (2018) and the prisbasbelopp between −0.4 % and +9.1 %; every year on file passes. A year without a
  previous year on record is not compared.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bistand.rules import params
from bistand.rules.formatting import kr
from bistand.rules.norm import BANDS

LOWEST_CHANGE = Decimal("-0.05")
HIGHEST_CHANGE = Decimal("0.15")
MARKS = ("official", "secondary", "derived", "preliminary")
MAX_AMOUNT = 1_000_000  # no riksnorm amount nor prisbasbelopp comes near this
RIKSNORM, PRICE_BASE_AMOUNT = "norm", "price_base_amount"  # TableKind values

PARTS = {
    "with_lunch": "Barn (med lunch)",
    "without_lunch": "Barn utan lunch",
    "adults": "Vuxna",
    "common": "Gemensamma hushållskostnader",
}


class TableRefused(Exception):
    """The file cannot be entered; `errors` lists every problem in Swedish."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Candidate:
    """One year's table that passed every check, ready to be stored as a new version."""

    kind: str
    year: int
    data: dict  # JSON-safe, in the file's shape
    table: params.NormTable | params.PriceBaseAmount
    preliminary: bool
    source: str


def read_text(text: str, filename: str = "") -> dict:
    """Parse TOML or JSON (by the file name's ending, else by the first character)."""
    is_json = filename.lower().endswith(".json") or (
        not filename.lower().endswith(".toml") and text.lstrip().startswith("{")
    )
    kind = "JSON" if is_json else "TOML"
    try:
        data = json.loads(text) if is_json else tomllib.loads(text)
    except RecursionError as exc:
        raise TableRefused([f"Filen är inte giltig {kind}: den är för djupt nästlad."]) from exc
    except ValueError as exc:  # JSONDecodeError, TOMLDecodeError, an integer of thousands of digits
        raise TableRefused([f"Filen är inte giltig {kind}: {exc}."]) from exc
    if not isinstance(data, dict):
        raise TableRefused(
            ["Filen ska innehålla en tabell (ett JSON-objekt), inte en lista eller ett värde."]
        )
    return data


def json_safe(data):
    """Dates as ISO strings, so the table can be stored in a JSON field and read back."""
    return json.loads(json.dumps(data, default=str))


def _whole_kronor(value) -> bool:
    return type(value) is int and 0 < value <= MAX_AMOUNT


def _amounts(raw: dict, section: str, key: str, count: int, names: list[str], label: str, errors) -> list:
    values = (raw.get(section) or {}).get(key) if isinstance(raw.get(section), dict) else None
    if not isinstance(values, list):
        errors.append(f"{label} ({section}.{key}) saknas.")
        return []
    if len(values) != count:
        errors.append(f"{label}: {count} belopp krävs ({', '.join(names)}), filen har {len(values)}.")
        return []
    bad = [name for name, value in zip(names, values, strict=True) if not _whole_kronor(value)]
    if bad:
        errors.append(f"{label}: beloppet för {', '.join(bad)} måste vara hela kronor, större än 0.")
        return []
    return values


def _plausible(label: str, new: int, old: int, year: int, errors: list[str]) -> None:
    change = (Decimal(new) - old) / old
    if not LOWEST_CHANGE <= change <= HIGHEST_CHANGE:
        percent = f"{change * 100:+.1f}".replace(".", ",").replace("-", "−")
        errors.append(
            f"{label}: {kr(new)} är {percent} % mot {year - 1} ({kr(old)}). Tillåtet är −5 % till +15 % "
            "mot föregående år; kontrollera beloppet."
        )


def _year(raw: dict, errors: list[str]) -> int | None:
    year = raw.get("year")
    if type(year) is not int or not 2000 <= year <= 2100:
        errors.append("Året saknas eller är ogiltigt: ange year = ÅÅÅÅ (2000–2100).")
        return None
    return year


def _sources(raw: dict, year: int | None, errors: list[str]) -> list[dict]:
    sources = raw.get("source")
    if not isinstance(sources, list) or not sources:
        errors.append("Källa saknas: ange minst en [[source]] med författningen (cite), t.ex. SFS-numret.")
        return []
    for entry in sources:
        if not isinstance(entry, dict) or not str(entry.get("cite", "")).strip():
            errors.append("Källa saknas: varje [[source]] behöver en författning eller sida i cite.")
            return []
        start = entry.get("from")
        if isinstance(start, str):
            try:
                start = entry["from"] = date.fromisoformat(start)
            except ValueError:
                start = None
        if not isinstance(start, date):
            errors.append(f"Källan {entry['cite']}: from måste vara ett datum (ÅÅÅÅ-MM-DD).")
            return []
    if year is not None and sources[0]["from"] != date(year, 1, 1):
        errors.append(f"Den första källan ska gälla från 1 januari {year} (from = {year}-01-01).")
    return sources


def check_norm_table(raw: dict, previous: params.NormTable | None) -> Candidate:
    """Check one riksnorm year; `previous` is the table in use for the year before (or None)."""
    errors: list[str] = []
    year = _year(raw, errors)
    bands = [b.label for b in BANDS]
    with_lunch = _amounts(raw, "children", "with_lunch", 8, bands, "Barn (med lunch)", errors)
    without = _amounts(raw, "children", "without_lunch", 4, bands[:4], "Barn utan lunch", errors)
    adults = [
        (raw.get("adults") or {}).get(k) if isinstance(raw.get("adults"), dict) else None
        for k in ("single", "couple")
    ]
    if not all(_whole_kronor(a) for a in adults):
        errors.append(
            "Vuxna: belopp för ensamstående (adults.single) och sammanboende (adults.couple) krävs, hela kronor."
        )
        adults = []
    sizes = [f"{n} pers." for n in range(1, 8)]
    common = _amounts(raw, "common", "by_size", 7, sizes, "Gemensamma hushållskostnader", errors)
    marks = raw.get("marks") if isinstance(raw.get("marks"), dict) else {}
    unmarked = [label for part, label in PARTS.items() if marks.get(part) not in MARKS]
    if unmarked:
        errors.append(
            f"Märkning saknas eller är ogiltig för {', '.join(unmarked)}: ange [marks] official eller preliminary."
        )
    sources = _sources(raw, year, errors)
    if previous is not None and year is not None:
        pairs = [(f"Barn {b}", n, o) for b, n, o in zip(bands, with_lunch, previous.with_lunch, strict=False)]
        pairs += [
            (f"Barn utan lunch {b}", n, o)
            for b, n, o in zip(bands, without, previous.without_lunch, strict=False)
        ]
        pairs += list(
            zip(
                ("Vuxen ensamstående", "Vuxna sammanboende"),
                adults,
                (previous.single, previous.couple),
                strict=False,
            )
        )
        pairs += [(f"Gemensamma {s}", n, o) for s, n, o in zip(sizes, common, previous.common, strict=False)]
        for label, new, old in pairs:
            _plausible(label, new, old, year, errors)
    if errors:
        raise TableRefused(errors)
    data = json_safe({**raw, "source": sources})
    try:
        table = params.parse_norm_table({**raw, "source": sources})
    except (params.ParameterFileError, KeyError, TypeError, ValueError) as exc:
        raise TableRefused([f"Tabellen kunde inte läsas: {exc}."]) from exc
    cite = "; ".join(s["cite"] for s in sources)
    return Candidate(RIKSNORM, year, data, table, table.preliminary, cite[:300])


def check_price_base_amount(raw: dict, previous: params.PriceBaseAmount | None) -> Candidate:
    errors: list[str] = []
    year = _year(raw, errors)
    label = f"Prisbasbelopp {year}" if year else "Prisbasbelopp"
    if not _whole_kronor(raw.get("value")):
        errors.append(f"{label}: beloppet (value) saknas eller är inte hela kronor större än 0.")
    if not str(raw.get("cite", "")).strip():
        errors.append(f"{label}: källa saknas; ange författningen i cite (t.ex. SFS-numret).")
    if raw.get("confidence") not in MARKS:
        errors.append(f"{label}: märkning saknas; ange confidence = official eller preliminary.")
    if not errors and previous is not None:
        _plausible(label, raw["value"], previous.value, year, errors)
    if errors:
        raise TableRefused(errors)
    amount = params.parse_price_base_amount(raw)
    preliminary = amount.source.confidence == "preliminary"
    return Candidate(PRICE_BASE_AMOUNT, year, json_safe(raw), amount, preliminary, raw["cite"][:300])


def same_table(new, current) -> bool:
    """True when `new` says exactly what `current` says (only the version id differs)."""
    return current is not None and dataclasses.replace(new, version=current.version) == current


def candidates(
    raw: dict,
    norm_in_use: Callable[[int], params.NormTable | None],
    amount_in_use: Callable[[int], params.PriceBaseAmount | None],
) -> list[Candidate]:
    """The new versions a file asks for: one riksnorm year, or the changed entries of a prisbasbelopp file.

    An entry equal to what is in use is left out; a file that changes nothing is refused.
    """
    if "amount" in raw:
        entries = raw["amount"] if isinstance(raw["amount"], list) else [raw["amount"]]
        found, errors = [], []
        for entry in entries:
            if not isinstance(entry, dict):
                errors.append("Varje [[amount]] ska vara en tabell med year, value, cite och confidence.")
                continue
            try:
                year = entry.get("year")
                previous = amount_in_use(year - 1) if type(year) is int else None
                candidate = check_price_base_amount(entry, previous)
            except TableRefused as exc:
                errors.extend(exc.errors)
                continue
            if not same_table(candidate.table, amount_in_use(candidate.year)):
                found.append(candidate)
        if errors:
            raise TableRefused(errors)
    elif "year" in raw or "children" in raw:
        year = raw.get("year")
        candidate = check_norm_table(raw, norm_in_use(year - 1) if type(year) is int else None)
        found = [] if same_table(candidate.table, norm_in_use(candidate.year)) else [candidate]
    else:
        raise TableRefused(
            [
                "Filen liknar varken en riksnormstabell (year, children, adults, common, marks, source) "
                "eller prisbasbelopp ([[amount]])."
            ]
        )
    if not found:
        raise TableRefused(["Filen ändrar ingenting: beloppen och källorna är desamma som de som gäller."])
    return found
