"""What a scenario does to the caseload, in figures a committee can read — with small groups hidden.

Everything shown is aggregated from the per-household outcomes (compare.py) with the same small-number
protection as the statistics pages (bistand.statistics.privacy and cells): a count of 1–4 households is
shown as "–", plus the secondary suppression needed because totals are shown (cells.hidden_keys). A sum
of kronor is hidden when the count it rests on is hidden — or when the gainers or losers in it are a small
group, because then the sum would reveal their amounts — and secondarily like a count. The list of the
households that lose the most is pseudonymised with the keyed HMAC of privacy.Pseudonymiser.
"""

from __future__ import annotations

from dataclasses import dataclass

from bistand.statistics import privacy
from bistand.statistics.cells import Cell, format_value, hidden_keys
from bistand.whatif.compare import HOUSEHOLD_TYPES, Outcome

MONTHS_PER_YEAR = 12
TOP_LOSERS = 10
PSEUDONYM_EXPORT_KEY = "konsekvensanalys"  # apart from the analysis extract's key: the two cannot be joined
TOTAL = "Samtliga"
BAND_TABLE = "Förändring per hushåll"
# (label, lowest change, highest change) in kronor per month; None = open end
BANDS = (
    ("Minskar 2 500 kr eller mer", None, -2500),
    ("Minskar 1 000–2 499 kr", -2499, -1000),
    ("Minskar 500–999 kr", -999, -500),
    ("Minskar 1–499 kr", -499, -1),
    ("Oförändrat", 0, 0),
    ("Ökar 1–499 kr", 1, 499),
    ("Ökar 500–999 kr", 500, 999),
    ("Ökar 1 000–2 499 kr", 1000, 2499),
    ("Ökar 2 500 kr eller mer", 2500, None),
)
CHILD_GROUPS = ("Inga barn", "1 barn", "2 barn", "3 barn", "4 barn", "5 barn eller fler")


def band_of(change: int) -> str:
    for label, low, high in BANDS:
        if (low is None or change >= low) and (high is None or change <= high):
            return label
    raise AssertionError(change)


def child_group(children: int) -> str:
    return CHILD_GROUPS[min(children, len(CHILD_GROUPS) - 1)]


@dataclass(frozen=True)
class Figures:
    """The raw sums of a group of households (never shown without the cells' suppression)."""

    households: int = 0
    losers: int = 0
    gainers: int = 0
    before: int = 0
    after: int = 0
    children_losing: int = 0

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def unchanged(self) -> int:
        return self.households - self.losers - self.gainers

    def add(self, o: Outcome) -> Figures:
        return Figures(
            self.households + 1,
            self.losers + (o.change < 0),
            self.gainers + (o.change > 0),
            self.before + o.before,
            self.after + o.after,
            self.children_losing + (o.children if o.change < 0 else 0),
        )


@dataclass(frozen=True)
class GroupRow:
    name: str
    households: Cell
    losers: Cell
    gainers: Cell
    unchanged: Cell
    before: Cell
    after: Cell
    change: Cell
    is_total: bool = False


@dataclass(frozen=True)
class Loser:
    pseudonym: str
    district: str
    household_type: str
    children: int
    before: int
    after: int
    change: int

    @property
    def texts(self) -> tuple[str, str, str]:
        """before, after and change in Swedish number format."""
        return tuple(_money(v).text for v in (self.before, self.after, self.change))


@dataclass(frozen=True)
class Summary:
    totals: Figures  # raw
    headline: dict[str, Cell]  # households, before, after, change per month and year, gainers, losers, …
    bands: list[GroupRow]
    breakdowns: dict[str, list[GroupRow]]  # title -> rows, total last
    losers: list[Loser] | None  # None: no pseudonym key configured


def _count(value: int) -> Cell:
    return Cell(value, format_value(value, "count"))


def _money(value: int) -> Cell:
    text = format_value(abs(value), "money")
    return Cell(value, f"−{text}" if value < 0 else text)


HIDDEN = Cell(None, privacy.SUPPRESSED, True)
COUNTS = ("losers", "gainers", "unchanged", "households")  # the first three add up to the last


def _hidden_counts(tables: dict[str, dict[str, Figures]], total: Figures, threshold: int) -> set:
    """Every count cell to hide, over all tables at once: (table, group, count) and (TOTAL, count) keys.

    Each row is a line (losers + gainers + unchanged = households) and each column of a table is a line
    ending in the city total, which all tables and the headline share — so a count hidden in one place is
    hidden everywhere it could be recomputed from (cells.hidden_keys repeats until nothing changes).
    """
    values = {(TOTAL, c): getattr(total, c) for c in COUNTS}
    lines = [[(TOTAL, c) for c in COUNTS]]
    for title, groups in tables.items():
        for name, figures in groups.items():
            values.update({(title, name, c): getattr(figures, c) for c in COUNTS})
            lines.append([(title, name, c) for c in COUNTS])
        lines += [[*((title, name, c) for name in groups), (TOTAL, c)] for c in COUNTS]
    return hidden_keys(values, lines, threshold)


def _rows(title: str, groups: dict[str, Figures], total: Figures, hidden: set) -> list[GroupRow]:
    """A table's rows and its total row. A sum of kronor is hidden where a count of its row is, and then
    secondarily like a count (a single hidden sum would be the total minus the others)."""
    money_hidden = {name for name in groups if any((title, name, c) in hidden for c in COUNTS)}
    if len(money_hidden) == 1 and (TOTAL, "households") not in hidden:
        others = [name for name in groups if name not in money_hidden and groups[name].households]
        if others:
            money_hidden.add(min(others, key=lambda name: (groups[name].households, name)))
    rows = []
    for name, figures in [*groups.items(), (TOTAL, total)]:
        key = (TOTAL,) if name == TOTAL else (title, name)
        counts = [HIDDEN if (*key, c) in hidden else _count(getattr(figures, c)) for c in COUNTS]
        losers_, gainers, unchanged, households = counts
        hide_money = name in money_hidden or (name == TOTAL and (TOTAL, "households") in hidden)
        sums = [HIDDEN if hide_money else _money(v) for v in (figures.before, figures.after, figures.change)]
        rows.append(GroupRow(name, households, losers_, gainers, unchanged, *sums, is_total=name == TOTAL))
    return rows


def _grouped(outcomes: list[Outcome], key, names) -> dict[str, Figures]:
    groups: dict[str, Figures] = {name: Figures() for name in names}
    for o in outcomes:
        name = key(o)
        groups[name] = groups[name].add(o)
    return groups


def _headline(t: Figures, hidden: set, threshold: int) -> dict[str, Cell]:
    cells = {c: HIDDEN if (TOTAL, c) in hidden else _count(getattr(t, c)) for c in COUNTS}
    money = {
        "before_month": t.before,
        "after_month": t.after,
        "change_month": t.change,
        "before_year": t.before * MONTHS_PER_YEAR,
        "after_year": t.after * MONTHS_PER_YEAR,
        "change_year": t.change * MONTHS_PER_YEAR,
    }
    small = (TOTAL, "households") in hidden
    cells.update({key: HIDDEN if small else _money(value) for key, value in money.items()})
    children = t.children_losing
    cells["children_losing"] = HIDDEN if privacy.is_suppressed(children, threshold) else _count(children)
    return cells


def losers(outcomes: list[Outcome], secret: bytes | None, count: int = TOP_LOSERS) -> list[Loser] | None:
    """The households that lose the most, largest loss first, under pseudonyms (None without a key)."""
    if secret is None:
        return None
    pseudo = privacy.Pseudonymiser(secret, PSEUDONYM_EXPORT_KEY)
    worst = sorted((o for o in outcomes if o.change < 0), key=lambda o: (o.change, o.key))[:count]
    return [
        Loser(pseudo.household(o.key), o.district, o.household_type, o.children, o.before, o.after, o.change)
        for o in worst
    ]


def summarise(
    outcomes: list[Outcome], secret: bytes | None = None, threshold: int = privacy.SUPPRESSION_THRESHOLD
) -> Summary:
    total = Figures()
    for o in outcomes:
        total = total.add(o)
    bands = _grouped(outcomes, lambda o: band_of(o.change), [b[0] for b in BANDS])
    tables = {
        "Hushållstyp": _grouped(outcomes, lambda o: o.household_type, HOUSEHOLD_TYPES),
        "Antal barn": _grouped(outcomes, lambda o: child_group(o.children), CHILD_GROUPS),
        "Stadsområde": _grouped(outcomes, lambda o: o.district, sorted({o.district for o in outcomes})),
    }
    hidden = _hidden_counts({BAND_TABLE: bands, **tables}, total, threshold)
    return Summary(
        totals=total,
        headline=_headline(total, hidden, threshold),
        bands=_rows(BAND_TABLE, bands, total, hidden),
        breakdowns={title: _rows(title, groups, total, hidden) for title, groups in tables.items()},
        losers=losers(outcomes, secret),
    )
