"""What a scenario does to the caseload, in figures a committee can read — with small groups hidden.

Everything shown is aggregated from the per-household outcomes (compare.py) with the same small-number
protection as the statistics pages (bistand.statistics.privacy and cells): a count of 1–4 households is
shown as "–", plus the secondary suppression needed because totals are shown (cells.hidden_keys). A sum
of kronor is hidden when the count it rests on is hidden — or when the gainers or losers in it are a small
group, because then the sum would reveal their amounts — and secondarily like a count. The list of the
households that lose the most is pseudonymised with the keyed HMAC of privacy.Pseudonymiser.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bistand.statistics import privacy
from bistand.statistics.cells import Cell, format_value, hidden_keys
from bistand.whatif.compare import HOUSEHOLD_TYPES, Outcome

MONTHS_PER_YEAR = 12
TOP_LOSERS = 10
PSEUDONYM_EXPORT_KEY = "konsekvensanalys"  # apart from the analysis extract's key: the two cannot be joined
TOTAL = "Samtliga"
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
        return tuple(format_value(v, "money") for v in (self.before, self.after, self.change))


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
    return Cell(value, format_value(value, "money"))


HIDDEN = Cell(None, privacy.SUPPRESSED, True)


def _rows(groups: dict[str, Figures], names, threshold: int) -> list[GroupRow]:
    """Rows for `names` (in order) and a total row; counts and sums suppressed over the line of groups."""
    total = Figures()
    for figures in groups.values():
        total = Figures(*(a + b for a, b in zip(_fields(total), _fields(figures), strict=True)))
    table = {name: groups.get(name, Figures()) for name in names}
    table[TOTAL] = total
    line = [[*names, TOTAL]]
    hidden = {
        field: hidden_keys({k: getattr(f, field) for k, f in table.items()}, line, threshold)
        for field in ("households", "losers", "gainers")
    }
    money_hidden = {k for k in table if any(k in hidden[f] for f in hidden)}
    if len(money_hidden) == 1 and TOTAL not in money_hidden:  # a hidden sum = the total minus the others
        others = [k for k in names if k not in money_hidden and table[k].households]
        if others:
            money_hidden.add(min(others, key=lambda k: (table[k].households, k)))
    rows = []
    for name, figures in table.items():
        counts = [
            HIDDEN if name in hidden[field] else _count(getattr(figures, field))
            for field in ("households", "losers", "gainers")
        ]
        sums = [
            HIDDEN if name in money_hidden else _money(value)
            for value in (figures.before, figures.after, figures.change)
        ]
        rows.append(GroupRow(name, *counts, *sums, is_total=name == TOTAL))
    return rows


def _fields(f: Figures) -> tuple:
    return (f.households, f.losers, f.gainers, f.before, f.after, f.children_losing)


def _grouped(outcomes: list[Outcome], key) -> dict[str, Figures]:
    groups: dict[str, Figures] = defaultdict(Figures)
    for o in outcomes:
        name = key(o)
        groups[name] = groups[name].add(o)
    return groups


def _headline(t: Figures, unchanged: int, threshold: int) -> dict[str, Cell]:
    counts = {"gainers": t.gainers, "losers": t.losers, "unchanged": unchanged, "households": t.households}
    hidden = hidden_keys(counts, [["gainers", "losers", "unchanged", "households"]], threshold)
    small_city = privacy.is_suppressed(t.households, threshold)
    cells = {key: HIDDEN if key in hidden else _count(value) for key, value in counts.items()}
    money = {
        "before_month": t.before,
        "after_month": t.after,
        "change_month": t.change,
        "before_year": t.before * MONTHS_PER_YEAR,
        "after_year": t.after * MONTHS_PER_YEAR,
        "change_year": t.change * MONTHS_PER_YEAR,
    }
    cells.update({key: HIDDEN if small_city else _money(value) for key, value in money.items()})
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
    unchanged = total.households - total.losers - total.gainers
    districts = sorted({o.district for o in outcomes})
    return Summary(
        totals=total,
        headline=_headline(total, unchanged, threshold),
        bands=_rows(_grouped(outcomes, lambda o: band_of(o.change)), [b[0] for b in BANDS], threshold),
        breakdowns={
            "Hushållstyp": _rows(_grouped(outcomes, lambda o: o.household_type), HOUSEHOLD_TYPES, threshold),
            "Antal barn": _rows(
                _grouped(outcomes, lambda o: child_group(o.children)), CHILD_GROUPS, threshold
            ),
            "Stadsområde": _rows(_grouped(outcomes, lambda o: o.district), districts, threshold),
        },
        losers=losers(outcomes, secret),
    )
