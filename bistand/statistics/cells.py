"""What a report cell shows: its value, its Swedish text, and whether it is suppressed.

The dashboards, the Excel file and the CSV all read the report through `report_cells`, so they show the
same numbers and hide the same ones. Suppression uses bistand.statistics.privacy: a figure is hidden
when the group it rests on (Figure.basis) is 1–4 persons/households/events (privacy.is_suppressed),
plus the secondary suppression needed because district and city totals are shown (see
`suppression_masks`). Shares are also hidden when the counted part or
the rest is a small group (privacy.share). Staff figures (number of caseworkers, time with clients)
describe employees' work, not clients, and are not suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bistand.statistics import privacy
from bistand.statistics.report import FIGURES, Figure, MonthlyReport, ReportRow

NOT_AVAILABLE = ".."  # cannot be computed (no cases, no staff); Swedish statistical convention
LEGEND = (
    f"{privacy.SUPPRESSED} = uppgiften visas inte eftersom gruppen är för liten "
    f"(färre än {privacy.SUPPRESSION_THRESHOLD}) och en person skulle kunna kännas igen. "
    f"{NOT_AVAILABLE} = kan inte beräknas."
)
ENROLLED_PREFIX = "enrolled:"


@dataclass(frozen=True)
class Cell:
    value: int | Decimal | None  # None when suppressed or not computable
    text: str
    suppressed: bool = False


def row_key(row: ReportRow) -> tuple[str, str, str]:
    return (row.level, row.district, row.name)


def figures_for(report: MonthlyReport) -> list[Figure]:
    """The fixed figures plus one column per intervention with enrolments this month."""
    extra = [
        Figure(
            f"{ENROLLED_PREFIX}{label}",
            f"Inskrivna: {label}",
            "count",
            f"{ENROLLED_PREFIX}{label}",
        )
        for label in report.interventions
    ]
    return [*FIGURES, *extra]


def value_of(row: ReportRow, key: str):
    if key.startswith(ENROLLED_PREFIX):
        return dict(row.enrolled).get(key[len(ENROLLED_PREFIX) :], 0)
    return getattr(row, key)


def _group(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def format_value(value, kind: str) -> str:
    """Swedish number formats: 12 345, 12,5, 25,3 %."""
    if value is None:
        return NOT_AVAILABLE
    if kind in ("count", "money"):
        return _group(int(value))
    if kind == "share":
        percent = (Decimal(value) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return f"{percent}".replace(".", ",") + "\u00a0%"
    quantized = Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)
    whole, _, decimals = f"{quantized}".partition(".")
    return f"{_group(int(whole)) if whole != '-0' else '-0'},{decimals or '0'}"


def _lines(report: MonthlyReport) -> list[list[tuple]]:
    """Every group of rows that adds up to a shown total, the total last: units + district, districts + city."""
    lines = []
    for district in report.districts:
        units = [row_key(r) for r in report.units if r.district == district.name]
        lines.append([*units, row_key(district)])
    lines.append([*(row_key(r) for r in report.districts), row_key(report.city)])
    return lines


def hidden_keys(values: dict, lines: list[list], threshold: int = privacy.SUPPRESSION_THRESHOLD) -> set:
    """Keys of `values` (counts) to hide: primary and secondary suppression over lines with totals.

    Primary: privacy.is_suppressed. Secondary, as privacy.suppress_cells does for one line but over a
    hierarchy: `lines` are groups of keys whose last key is their shown total (units + district,
    districts + city). In a line where exactly one cell is hidden it could be recomputed from the
    others, so the smallest other non-zero part is hidden too; repeated until nothing changes (so a
    hidden district total also gets a hidden unit below it).
    """
    hidden = {key for key, value in values.items() if privacy.is_suppressed(value, threshold)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for key in line if key in hidden) != 1:
                continue
            parts = [key for key in line[:-1] if key not in hidden and values[key]]
            if not parts and line[-1] not in hidden and values[line[-1]]:
                parts = [line[-1]]  # a part is hidden and every other part is 0: hide the total
            if parts:
                hidden.add(min(parts, key=lambda key: (values[key], str(key))))
                changed = True
    return hidden


def suppression_masks(report: MonthlyReport, figures: list[Figure], threshold: int) -> dict[tuple, set[str]]:
    """For every row: the basis fields whose count must be hidden (see `hidden_keys`)."""
    rows = {row_key(r): r for r in (*report.units, *report.districts, report.city)}
    masks: dict[tuple, set[str]] = {key: set() for key in rows}
    lines = _lines(report)
    for basis in sorted({f.basis for f in figures if f.basis}):
        values = {key: value_of(row, basis) for key, row in rows.items()}
        for key in hidden_keys(values, lines, threshold):
            masks[key].add(basis)
    return masks


def cell_for(row: ReportRow, figure: Figure, mask: set[str], threshold: int) -> Cell:
    value = value_of(row, figure.key)
    hidden = figure.basis in mask if figure.basis else False
    if not hidden and figure.numerator and value is not None:
        hidden = (
            privacy.share(value_of(row, figure.numerator), value_of(row, figure.basis), threshold) is None
        )
    if hidden:
        return Cell(None, privacy.SUPPRESSED, suppressed=True)
    return Cell(value, format_value(value, figure.kind))


@dataclass(frozen=True)
class ReportTable:
    """The report as shown: figures (columns) and, per row, its cells."""

    report: MonthlyReport
    figures: list[Figure]
    cells: dict[tuple, dict[str, Cell]]

    def row_cells(self, row: ReportRow) -> list[Cell]:
        return [self.cells[row_key(row)][f.key] for f in self.figures]

    def cell(self, row: ReportRow, key: str) -> Cell:
        return self.cells[row_key(row)][key]


def report_cells(report: MonthlyReport, threshold: int = privacy.SUPPRESSION_THRESHOLD) -> ReportTable:
    figures = figures_for(report)
    masks = suppression_masks(report, figures, threshold)
    cells = {}
    for row in (*report.units, *report.districts, report.city):
        mask = masks[row_key(row)]
        cells[row_key(row)] = {f.key: cell_for(row, f, mask, threshold) for f in figures}
    return ReportTable(report, figures, cells)
