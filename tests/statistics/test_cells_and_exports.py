"""What the report shows (formats, suppression) and that Excel and CSV carry exactly those numbers."""

import csv
import io
import itertools
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from bistand.rules.months import Month
from bistand.rules.municipal import FollowUpTargets
from bistand.statistics.cells import format_value, report_cells
from bistand.statistics.exports import csv_text, sheet_title, write_xlsx
from bistand.statistics.report import MonthlyReport, Tally, build_monthly_report, row_from_tally
from tests.casework.factories import make_municipality, make_staff, make_unit, single_household
from tests.statistics.report_fixtures import pay

_ids = itertools.count(1)
TARGETS = FollowUpTargets(Decimal("0.25"), 35, "test", from_parameters=True)


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (1234567, "count", "1\u00a0234\u00a0567"),
        (0, "count", "0"),
        (Decimal("0.2534"), "share", "25,3\u00a0%"),
        (Decimal("0.25"), "share", "25,0\u00a0%"),
        (Decimal("4.5"), "days", "4,5"),
        (Decimal("1234.0"), "decimal", "1\u00a0234,0"),
        (None, "count", ".."),
    ],
)
def test_swedish_number_formats(value, kind, text):
    assert format_value(value, kind) == text


def tally(households: int, cost: int = 0, staff: int = 1, cohort: int = 0, not_returned: int = 0) -> Tally:
    """A unit's tally with fresh ids, so merged units never share a household, person or worker."""
    t = Tally()
    t.households_paid = {next(_ids) for _ in range(households)}
    t.cost = cost
    t.staff = {next(_ids): Decimal(100) for _ in range(staff)}
    t.return_cohort = {next(_ids) for _ in range(cohort)}
    t.returned = set(list(t.return_cohort)[: cohort - not_returned])
    return t


def hand_report(a1: Tally, a2: Tally, b1: Tally) -> MonthlyReport:
    alfa, beta = a1.merge(a2), b1
    return MonthlyReport(
        month=Month(2025, 6),
        units=(
            row_from_tally("unit", "A1", "Alfa", a1, TARGETS),
            row_from_tally("unit", "A2", "Alfa", a2, TARGETS),
            row_from_tally("unit", "B1", "Beta", b1, TARGETS),
        ),
        districts=(
            row_from_tally("district", "Alfa", "Alfa", alfa, TARGETS),
            row_from_tally("district", "Beta", "Beta", beta, TARGETS),
        ),
        city=row_from_tally("city", "Staden", "", alfa.merge(beta), TARGETS),
        targets=TARGETS,
        interventions=(),
    )


def test_small_groups_are_hidden_with_secondary_suppression_within_a_district():
    # Households: A1 12, A2 3 (primary: 3 < 5), Beta's B1 20. Alfa's total 15 is shown, so A2 = 15 - A1
    # would give it away: A1 is hidden as well (secondary). Districts 15 and 20: both shown.
    report = hand_report(tally(12, cost=60000), tally(3, cost=9000, staff=1), tally(20, cost=100000))
    table = report_cells(report)
    a1, a2, b1 = report.units
    alfa, beta = report.districts
    assert table.cell(a2, "households").text == "–"
    assert table.cell(a1, "households").text == "–"
    assert table.cell(b1, "households").text == "20"
    assert table.cell(alfa, "households").value == 15
    # Cost rests on the households: hidden where they are; Alfa 60000 + 9000 = 69000 is shown.
    assert table.cell(a2, "cost").suppressed and table.cell(a1, "cost").suppressed
    assert table.cell(alfa, "cost").text == "69\u00a0000"
    # Staff figures describe employees' work, not clients: a unit with one caseworker shows 1.
    assert table.cell(a2, "caseworkers").text == "1"
    assert table.cell(report.city, "households").value == 35  # 15 + 20


def test_a_hidden_district_total_needs_a_hidden_unit_below_it():
    # Households A1 6, A2 7 (Alfa 13), B1 2 (Beta 2, both hidden: 2 < 5), city 15 shown.
    # City line: Beta alone hidden -> Alfa = 15 - Beta would give it away, so Alfa is hidden (secondary).
    # Alfa line: now only the total is hidden -> 6 + 7 would give it back, so the smaller unit A1 is hidden.
    report = hand_report(tally(6), tally(7), tally(2))
    table = report_cells(report)
    a1, a2, b1 = report.units
    alfa, beta = report.districts
    shown = [table.cell(r, "households").text for r in (a1, a2, alfa, b1, beta, report.city)]
    assert shown == ["–", "7", "–", "–", "–", "15"]


def test_shares_are_hidden_when_the_rest_is_a_small_group():
    # B1: 10 adults in the cohort, 8 not returned -> the 2 who returned are a small group: hidden.
    # A1: 10 in the cohort, 5 not returned -> 5 / 10 = 50,0 % shown.
    report = hand_report(tally(0, cohort=10, not_returned=5), tally(0), tally(0, cohort=10, not_returned=8))
    table = report_cells(report)
    a1, _, b1 = report.units
    assert table.cell(b1, "not_returned_share").text == "–"
    assert table.cell(a1, "not_returned_share").text == "50,0\u00a0%"
    # A unit without a cohort has nothing to compute: shown as "..", not as suppressed
    assert table.cell(report.units[1], "not_returned_share").text == ".."


def test_sheet_titles_are_valid_and_unique():
    used: set[str] = set()
    assert sheet_title("Norr/Öster: [test]", used) == "Norr-Öster- -test-"
    long = "Ett mycket långt stadsområdesnamn som inte får plats"
    first, second = sheet_title(long, used), sheet_title(long, used)
    assert len(first) == 31 and len(second) == 31 and first != second


@pytest.fixture
def small_city(db):
    municipality = make_municipality(name="Testby")
    a1 = make_unit("Enhet A1", "Alfa", municipality)
    a2 = make_unit("Enhet A2", "Alfa", municipality)
    a3 = make_unit("Enhet A3", "Alfa", municipality)
    b1 = make_unit("Enhet B1", "Beta", municipality)
    june = date(2025, 6, 1)
    for unit, count, amount in ((a1, 6, 5000), (a2, 7, 4000), (a3, 2, 2000), (b1, 5, 3000)):
        if unit != a3:
            make_staff(unit)
        for _ in range(count):
            pay(single_household(unit)[0], june, amount)
    return municipality


def test_excel_sheets_hold_the_same_numbers_as_the_report(small_city, tmp_path):
    report = build_monthly_report(Month(2025, 6))
    table = report_cells(report)
    path = tmp_path / "rapport.xlsx"
    write_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Testby", "Alfa", "Beta", "Förklaringar"]
    city = wb["Testby"]
    header = [c.value for c in city[3]]
    assert header == ["Uppgift", "Alfa", "Beta", "Testby", "Källa"]
    by_label = {row[0].value: [c.value for c in row[1:4]] for row in city.iter_rows(min_row=4)}
    # Households: Alfa 6 + 7 + 2 = 15, Beta 5, city 20
    assert by_label["Beviljade hushåll (utbetalt för månaden)"] == [15, 5, 20]
    # Cost: Alfa 6 × 5000 + 7 × 4000 + 2 × 2000 = 62000; Beta 5 × 3000 = 15000; city 77000
    assert by_label["Utbetalt bistånd för månaden (kr)"] == [62000, 15000, 77000]
    assert city.cell(4 + [f.key for f in table.figures].index("households"), 2).number_format == "#,##0"
    alfa = wb["Alfa"]
    assert [c.value for c in alfa[3]][:5] == ["Uppgift", "Enhet A1", "Enhet A2", "Enhet A3", "Alfa"]
    alfa_rows = {row[0].value: [c.value for c in row[1:5]] for row in alfa.iter_rows(min_row=4)}
    # A3's 2 households are hidden, and with the total 15 shown the smaller of the others (A1, 6) too
    assert alfa_rows["Beviljade hushåll (utbetalt för månaden)"] == ["–", 7, "–", 15]
    assert alfa_rows["Utbetalt bistånd för månaden (kr)"] == ["–", 28000, "–", 62000]
    assert alfa_rows["Antal handläggare"] == [1, 1, 0, 2]
    # Every numeric cell equals the report's cell value
    for row in (*report.districts, report.city):
        column = 2 + [*report.districts, report.city].index(row)
        for i, figure in enumerate(table.figures):
            shown = table.cell(row, figure.key)
            got = city.cell(4 + i, column).value
            assert got == (shown.text if shown.value is None else float(shown.value)), figure.key


def test_csv_is_long_format_with_decimal_comma(small_city):
    report = build_monthly_report(Month(2025, 6))
    text = csv_text(report)
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert lines[0] == ["månad", "nivå", "stadsområde", "enhet", "kod", "uppgift", "värde", "källa"]
    found = {(line[1], line[2], line[3], line[4]): line[6] for line in lines[1:]}
    assert found[("enhet", "Alfa", "Enhet A2", "households")] == "7"
    assert found[("enhet", "Alfa", "Enhet A3", "households")] == "–"
    assert found[("stadsområde", "Beta", "", "households")] == "5"
    assert found[("kommun", "", "", "cost")] == "77000"
    assert found[("kommun", "", "", "full_time_equivalents")] == "3,00"  # three full-time caseworkers


def test_monthly_report_command_writes_both_files(small_city, tmp_path):
    xlsx, csv_path = tmp_path / "r.xlsx", tmp_path / "r.csv"
    call_command("monthly_report", month="2025-06", district="Alfa", xlsx=str(xlsx), csv=str(csv_path))
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Alfa", "Förklaringar"]
    text = csv_path.read_text(encoding="utf-8")
    assert "Enhet A1" in text and "Enhet B1" not in text and "Beta" not in text


def test_one_district_alone_hides_exactly_what_the_city_report_hides(small_city, tmp_path):
    # The district's sheet is cut from the whole city's report, so its cells (including the secondary
    # suppression caused by other districts) are the same as in the full workbook.
    full, alone = tmp_path / "full.xlsx", tmp_path / "alone.xlsx"
    call_command("monthly_report", month="2025-06", xlsx=str(full))
    call_command("monthly_report", month="2025-06", district="Alfa", xlsx=str(alone))
    sheet_full, sheet_alone = openpyxl.load_workbook(full)["Alfa"], openpyxl.load_workbook(alone)["Alfa"]
    assert [[c.value for c in r] for r in sheet_full.iter_rows()] == [
        [c.value for c in r] for r in sheet_alone.iter_rows()
    ]


def test_monthly_report_command_refuses_a_bad_month_and_an_unknown_district(small_city, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("monthly_report", month="juni", xlsx=str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match="Okänt stadsområde"):
        call_command("monthly_report", month="2025-06", district="Gamma", xlsx=str(tmp_path / "x.xlsx"))
