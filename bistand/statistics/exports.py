"""The monthly report as an Excel workbook and as CSV, written from the same cells the dashboards show.

Excel: one sheet for the city (districts side by side with the city total), one sheet per district
(its units side by side with the district total) and a sheet of explanations. Figures are rows and
units columns, as in the districts' own monthly tables (Malmö stad 2014), so a sheet reads top to bottom.
Numbers are stored as numbers with Swedish-looking formats; a suppressed cell holds the text "–".

CSV: long format (one line per unit/district/city and figure), semicolon-separated with decimal comma
and a byte-order mark, which is what Excel in Swedish expects; analysts can pivot it freely.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bistand.statistics.cells import LEGEND, ReportTable, report_cells
from bistand.statistics.report import MonthlyReport, ReportRow

NUMBER_FORMATS = {
    "count": "#,##0",
    "money": "#,##0",
    "share": "0.0%",
    "decimal": "0.0",
    "days": "0.0",
}
LEVEL_LABELS = {"unit": "enhet", "district": "stadsområde", "city": "kommun"}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _BAD_SHEET_CHARS.sub("-", name).strip() or "Blad"
    title, n = base[:31], 2
    while title in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


def _write_sheet(ws, table: ReportTable, columns: list[ReportRow], heading: str) -> None:
    ws["A1"] = heading
    ws["A1"].font = Font(bold=True, size=13)
    header_row = 3
    ws.cell(header_row, 1, "Uppgift")
    for j, row in enumerate(columns, start=2):
        ws.cell(header_row, j, row.name)
    ws.cell(header_row, len(columns) + 2, "Källa")
    for j in range(1, len(columns) + 3):
        cell = ws.cell(header_row, j)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left" if j == 1 else "right")
    for i, figure in enumerate(table.figures, start=header_row + 1):
        ws.cell(i, 1, figure.header)
        for j, row in enumerate(columns, start=2):
            shown = table.cell(row, figure.key)
            if shown.value is None:
                target = ws.cell(i, j, shown.text)
                target.alignment = Alignment(horizontal="right")
            else:
                value = float(shown.value) if isinstance(shown.value, Decimal) else shown.value
                target = ws.cell(i, j, value)
                target.number_format = NUMBER_FORMATS[figure.kind]
            if row.level != "unit" or len(columns) == 1:
                target.font = Font(bold=True)
        ws.cell(i, len(columns) + 2, figure.source)
    ws.column_dimensions["A"].width = 52
    for j in range(2, len(columns) + 2):
        ws.column_dimensions[get_column_letter(j)].width = 16
    ws.column_dimensions[get_column_letter(len(columns) + 2)].width = 24
    ws.freeze_panes = ws.cell(header_row + 1, 2)


def _explanations(ws, report: MonthlyReport) -> None:
    lines = [
        ("Månadsrapport ekonomiskt bistånd", ""),
        ("Månad", str(report.month)),
        (
            "Mål för tid i klientmöten",
            f"{report.targets.client_time_goal * 100:.0f} % ({report.targets.source})",
        ),
        ("Tak för antal ärenden per handläggare", f"{report.targets.caseload_cap}"),
        ("Tecken", LEGEND),
        ("Definitioner", "Se docs/socialstyrelsen-delivery.md, avsnittet Månadsrapportens definitioner."),
    ]
    for i, (label, text) in enumerate(lines, start=1):
        ws.cell(i, 1, label).font = Font(bold=True)
        ws.cell(i, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 100


def write_xlsx(report: MonthlyReport, target, district: str | None = None) -> None:
    """Write the workbook to a path or a binary file object.

    `district` (a district name) writes only that district's sheet; the numbers are still those of the
    whole city's report, so the same cells are hidden as in the full workbook.
    """
    table = report_cells(report)
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    if district is None:
        city = wb.create_sheet(sheet_title(report.city.name, used))
        _write_sheet(
            city, table, [*report.districts, report.city], f"{report.city.name} – {report.month.label}"
        )
    for row in report.districts:
        if district is None or row.name == district:
            units = [r for r in report.units if r.district == row.name]
            ws = wb.create_sheet(sheet_title(row.name, used))
            _write_sheet(ws, table, [*units, row], f"{row.name} – {report.month.label}")
    _explanations(wb.create_sheet(sheet_title("Förklaringar", used)), report)
    wb.save(target)


def xlsx_bytes(report: MonthlyReport, district: str | None = None) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(report, buffer, district)
    return buffer.getvalue()


def csv_value(value) -> str:
    if isinstance(value, Decimal):
        return f"{value}".replace(".", ",")
    return str(value)


CSV_HEADER = ["månad", "nivå", "stadsområde", "enhet", "kod", "uppgift", "värde", "källa"]


def csv_rows(report: MonthlyReport, district: str | None = None):
    """Long-format rows; `district` (a name) keeps only its units and its total."""
    table = report_cells(report)
    yield CSV_HEADER
    for row in (*report.units, *report.districts, report.city):
        if district is not None and row.district != district:
            continue
        unit = row.name if row.level == "unit" else ""
        district_name = row.district if row.level != "city" else ""
        for figure in table.figures:
            shown = table.cell(row, figure.key)
            value = shown.text if shown.value is None else csv_value(shown.value)
            yield [
                str(report.month),
                LEVEL_LABELS[row.level],
                district_name,
                unit,
                figure.key,
                figure.header,
                value,
                figure.source,
            ]


def csv_text(report: MonthlyReport, district: str | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv_rows(report, district))
    return "\ufeff" + buffer.getvalue()


def write_csv(report: MonthlyReport, path, district: str | None = None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(csv_text(report, district))
