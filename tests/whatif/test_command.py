"""`bistand whatif`: the same figures as the page, the Excel file, and the cap's refusal without amounts."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.whatif.city import build


@pytest.fixture
def city(db):
    return build()


def test_command_prints_the_figures_and_writes_excel(city, tmp_path):
    out = io.StringIO()
    target = tmp_path / "resultat.xlsx"
    call_command("whatif", "norm_plus_2_percent", "--month", "2026-07", "--xlsx", str(target), stdout=out)
    text = out.getvalue()
    # 101 190 kr before (city.py); the norm alone +2 %: 6 × 105 + 347 + 378 = 1 355 kr more per month
    assert "Kostnad per månad, gällande regler (kr): 101\u00a0190" in text
    assert "Förändring per månad (kr): 1\u00a0355" in text
    sheet = openpyxl.load_workbook(target)["Sammanfattning"]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Förändring per år (×12) (kr)"] == 16260  # 1 355 × 12


def test_command_refuses_the_cap_without_amounts_and_runs_with_them(city):
    with pytest.raises(CommandError, match="saknar belopp"):
        call_command("whatif", "bidragstak_2027", "--month", "2026-07", stdout=io.StringIO())
    out = io.StringIO()
    call_command("whatif", "bidragstak_2027", "--month", "2026-07", "--cap-amounts", "20000", stdout=out)
    # only H3 (four children): 22 030 -> 20 000
    assert "Förändring per månad (kr): −2\u00a0030" in out.getvalue()
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM|månad"):
        call_command("whatif", "norm_plus_2_percent", "--month", "juli", stdout=io.StringIO())
