"""Every riksnorm table of the reference, every household shape, every year 2013–2026.

Expected values come from tests/rules/reference_tables.py (typed from the reference, with sources); the
household totals are the table values added up here, e.g. single + child band + common for 2 persons.
"""

import pytest

from bistand.rules.norm import BANDS
from tests.rules.helpers import adult, calc, child, lines_of, request
from tests.rules.reference_tables import BAND_AGES, TABLES

YEARS = sorted(TABLES)
JUNE = "{year}-06"


@pytest.mark.parametrize("year", YEARS)
def test_single_adult(year):
    with_lunch, without, single, couple, common = TABLES[year]
    result = calc(request(JUNE.format(year=year)))
    # ensamstående + gemensamma för 1 person, e.g. 2025: 3 910 + 1 270 = 5 180
    assert result["norm_total"] == single + common[0]
    assert [line["amount"] for line in lines_of(result, "norm.personal.single")] == [single]


@pytest.mark.parametrize("year", YEARS)
def test_couple(year):
    with_lunch, without, single, couple, common = TABLES[year]
    month = JUNE.format(year=year)
    result = calc(request(month, [adult(), adult("p2", "co_applicant")]))
    # sambor (one amount for both) + gemensamma för 2 personer, e.g. 2025: 7 050 + 1 400 = 8 450
    assert result["norm_total"] == couple + common[1]
    assert [line["amount"] for line in lines_of(result, "norm.personal.couple")] == [couple]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("band", range(8), ids=[b.label for b in BANDS])
def test_child_band_with_lunch(year, band):
    with_lunch, without, single, couple, common = TABLES[year]
    month = JUNE.format(year=year)
    for age in BAND_AGES[band]:
        result = calc(request(month, [adult(), child(month, age)]))
        # ensamstående + barnets band + gemensamma för 2 personer
        assert lines_of(result, "norm.personal.child")[0]["amount"] == with_lunch[band], age
        assert result["norm_total"] == single + with_lunch[band] + common[1]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("band", range(4), ids=[b.label for b in BANDS[:4]])
def test_child_band_without_lunch(year, band):
    with_lunch, without, single, couple, common = TABLES[year]
    month = JUNE.format(year=year)
    for age in BAND_AGES[band]:
        result = calc(request(month, [adult(), child(month, age, lunch=True)]))
        line = lines_of(result, "norm.personal.child")[0]
        assert line["amount"] == without[band], age
        assert "lunch på förskolan" in line["text"]
        assert result["norm_total"] == single + without[band] + common[1]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("band", range(4, 8), ids=[b.label for b in BANDS[4:]])
def test_school_age_bands_have_no_lunch_variant(year, band):
    with_lunch = TABLES[year][0]
    month = JUNE.format(year=year)
    result = calc(request(month, [adult(), child(month, BAND_AGES[band][0], lunch=True)]))
    # "utan lunch" exists for 0–6 år only; from 7 år the with-lunch amount applies regardless
    assert lines_of(result, "norm.personal.child")[0]["amount"] == with_lunch[band]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("persons", range(1, 10))
def test_common_costs_by_household_size(year, persons):
    common = TABLES[year][4]
    month = JUNE.format(year=year)
    members = [adult()] + [child(month, 10, f"c{i}") for i in range(persons - 1)]
    result = calc(request(month, members))
    # 1–7 persons from the table; 8 and 9: 7-person figure + (n − 7) × (7-person − 6-person), SoF 12 kap. 3 §
    # e.g. 2025, 9 persons: 2 810 + 2 × (2 810 − 2 620) = 2 810 + 380 = 3 190 (reference §2.3 C)
    expected = common[persons - 1] if persons <= 7 else common[6] + (persons - 7) * (common[6] - common[5])
    assert lines_of(result, "norm.common")[0]["amount"] == expected


def test_nine_person_household_2025_example_c():
    # Reference §2.3 C: 2 sambor + 7 children -> common = 2 810 + 2 × 190 = 3 190
    month = "2025-06"
    members = [adult(), adult("p2", "co_applicant")] + [child(month, 8, f"c{i}") for i in range(7)]
    assert lines_of(calc(request(month, members)), "norm.common")[0]["amount"] == 3190


@pytest.mark.parametrize("year", YEARS)
def test_whole_family(year):
    with_lunch, without, single, couple, common = TABLES[year]
    month = JUNE.format(year=year)
    members = [
        adult(),
        adult("p2", "co_applicant"),
        child(month, 4, "c1", lunch=True),
        child(month, 12, "c2"),
    ]
    # reference §2.3 B shape: sambor + 4 år (lunch at förskola) + 12 år + common 4 persons;
    # 2025: 7 050 + 2 700 + 4 350 + 2 010 = 16 110
    assert calc(request(month, members))["norm_total"] == couple + without[3] + with_lunch[5] + common[3]
