"""A scenario's result as an Excel workbook, written from the same suppressed cells the page shows.

Sheets: Sammanfattning (the scenario, its changes and the headline figures), Fördelning (households by
how much they gain or lose), one sheet per breakdown (household type, number of children, district), and
Störst minskning (the pseudonymised households that lose the most, when a pseudonym key is configured).
Numbers are stored as numbers; a hidden cell holds the text "–".
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from bistand.statistics.cells import LEGEND, Cell
from bistand.whatif.summary import GroupRow, Summary

HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
KRONOR = "#,##0"
HEADLINE = (
    ("households", "Hushåll i beräkningen"),
    ("before_month", "Kostnad per månad, gällande regler (kr)"),
    ("after_month", "Kostnad per månad, scenariot (kr)"),
    ("change_month", "Förändring per månad (kr)"),
    ("before_year", "Kostnad per år (×12), gällande regler (kr)"),
    ("after_year", "Kostnad per år (×12), scenariot (kr)"),
    ("change_year", "Förändring per år (×12) (kr)"),
    ("gainers", "Hushåll som får mer"),
    ("losers", "Hushåll som får mindre"),
    ("unchanged", "Hushåll med oförändrat belopp"),
    ("children_losing", "Barn i hushåll som får mindre"),
)
GROUP_HEADER = (
    "Hushåll",
    "Får mindre",
    "Får mer",
    "Oförändrat",
    "Gällande regler (kr/mån)",
    "Scenariot (kr/mån)",
    "Förändring (kr/mån)",
)


def _put(ws, row: int, column: int, cell: Cell, bold: bool = False) -> None:
    target = ws.cell(row, column, cell.text if cell.value is None else cell.value)
    if cell.value is None:
        target.alignment = Alignment(horizontal="right")
    else:
        target.number_format = KRONOR
    if bold:
        target.font = Font(bold=True)


def _header(ws, row: int, labels) -> None:
    for column, label in enumerate(labels, start=1):
        cell = ws.cell(row, column, label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _group_sheet(ws, title: str, rows: list[GroupRow]) -> None:
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    _header(ws, 3, (title, *GROUP_HEADER))
    for i, row in enumerate(rows, start=4):
        ws.cell(i, 1, row.name).font = Font(bold=row.is_total)
        cells = (row.households, row.losers, row.gainers, row.unchanged, row.before, row.after, row.change)
        for j, cell in enumerate(cells, start=2):
            _put(ws, i, j, cell, row.is_total)
    ws.column_dimensions["A"].width = 30
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 18


def write_xlsx(summary: Summary, scenario, month_label: str, left_out: int, target) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sammanfattning"
    ws["A1"] = f"Konsekvensanalys: {scenario.name} – {month_label}"
    ws["A1"].font = Font(bold=True, size=13)
    lines = [(label, None) for label in ("Ändringar",)] + [("", change) for change in scenario.changes()]
    row = 3
    for label, text in lines:
        ws.cell(row, 1, label).font = Font(bold=True)
        if text:
            ws.cell(row, 2, text)
        row += 1
    row += 1
    for key, label in HEADLINE:
        ws.cell(row, 1, label)
        _put(ws, row, 2, summary.headline[key])
        row += 1
    row += 1
    notes = [
        ("Urval", "Varje hushålls senaste ansökan till och med månaden (högst två månader före den)."),
        ("Utelämnade", f"{left_out} ansökningar kunde inte beräknas och ingår inte."),
        ("Tecken", LEGEND),
    ]
    for label, text in notes:
        ws.cell(row, 1, label).font = Font(bold=True)
        ws.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 90
    _group_sheet(wb.create_sheet("Fördelning"), "Förändring per hushåll", summary.bands)
    for title, rows in summary.breakdowns.items():
        _group_sheet(wb.create_sheet(title), title, rows)
    if summary.losers is not None:
        sheet = wb.create_sheet("Störst minskning")
        sheet["A1"] = "Hushåll som får störst minskning (pseudonymiserade)"
        sheet["A1"].font = Font(bold=True, size=13)
        _header(
            sheet,
            3,
            (
                "Pseudonym",
                "Stadsområde",
                "Hushållstyp",
                "Barn",
                "Gällande (kr)",
                "Scenariot (kr)",
                "Förändring (kr)",
            ),
        )
        for i, loser in enumerate(summary.losers, start=4):
            values = (
                loser.pseudonym,
                loser.district,
                loser.household_type,
                loser.children,
                loser.before,
                loser.after,
                loser.change,
            )
            for j, value in enumerate(values, start=1):
                cell = sheet.cell(i, j, value)
                if j >= 5:
                    cell.number_format = KRONOR
        for letter, width in zip("ABCDEFG", (20, 24, 26, 8, 16, 16, 16), strict=True):
            sheet.column_dimensions[letter].width = width
    wb.save(target)


def xlsx_bytes(summary: Summary, scenario, month_label: str, left_out: int) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(summary, scenario, month_label, left_out, buffer)
    return buffer.getvalue()
