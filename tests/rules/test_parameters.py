"""The parameter files: complete, dated, sourced, and consistent with how derived values were derived."""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from bistand import rules
from bistand.rules import params
from tests.rules.reference_tables import OFFICIAL_YEARS, TABLES


def tens(value: Decimal) -> int:
    return int((value / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 10


def test_every_year_2013_to_2026_is_on_file():
    assert rules.available_years() == list(range(2013, 2027))


@pytest.mark.parametrize("year", range(2013, 2027))
def test_file_matches_the_hand_typed_reference(year):
    table = rules.norm_for_year(year)
    with_lunch, without, single, couple, common = TABLES[year]
    assert (list(table.with_lunch), list(table.without_lunch)) == (with_lunch, without)
    assert (table.single, table.couple, list(table.common)) == (single, couple, common)
    for source in table.sources:
        assert source.cite and source.title and source.url.startswith("http")


def test_confidence_marks():
    for year in OFFICIAL_YEARS:
        assert rules.norm_for_year(year).confidence == "official", year
    assert set(rules.norm_for_year(2016).marks.values()) == {"derived"}
    assert rules.norm_for_year(2018).marks == {
        "with_lunch": "secondary",
        "without_lunch": "derived",
        "adults": "secondary",
        "common": "secondary",
    }
    for year in (2020, 2022, 2023, 2024):
        table = rules.norm_for_year(year)
        assert table.marks["without_lunch"] == "derived" and table.marks["with_lunch"] == "secondary"
        assert table.notes["without_lunch"]
    assert not any(rules.norm_for_year(y).preliminary for y in range(2013, 2027))


# The amending SFS of each year's riksnorm (the amendment list of SoF 2001:937; 2026 amends SoF 2025:468).
SFS_BY_YEAR = {
    2013: "2012:624", 2014: "2013:799", 2015: "2014:1551", 2016: "2015:580", 2017: "2016:906",
    2018: "2017:1184", 2019: "2018:1787", 2020: "2019:630", 2021: "2020:1013", 2022: "2021:896",
    2023: "2022:1436", 2024: "2023:630", 2025: "2024:1016", 2026: "2025:1046",
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(SFS_BY_YEAR))
def test_every_year_cites_its_amending_sfs(year):
    first = rules.norm_for_year(year).sources[0]
    assert f"SFS {SFS_BY_YEAR[year]}" in first.title


def test_2025_source_is_right_for_the_month():
    table = rules.norm_for_year(2025)
    assert table.source_on(date(2025, 6, 30)).cite == "SoF 2001:937 2 kap. 1 §"
    assert "SFS 2024:1016" in table.source_on(date(2025, 6, 30)).title
    assert table.source_on(date(2025, 7, 1)).cite == "SoF 2025:468 12 kap. 2 §"


def test_2018_is_both_2017_uprated_and_2019_deflated():
    # regeringen.se 2017-11: all items + 1,6 %, children (incl. 19–20) + 200 more; Socialstyrelsen: 2019 = 2018 + 2 %
    t17, t18, t19 = TABLES[2017], rules.norm_for_year(2018), TABLES[2019]
    up = [tens(Decimal(v) * Decimal("1.016")) + 200 for v in t17[0]]
    down = [tens(Decimal(v) / Decimal("1.02")) for v in t19[0]]
    assert list(t18.with_lunch) == up == down
    assert list(t18.without_lunch) == [tens(Decimal(v) * Decimal("1.016")) + 200 for v in t17[1]]
    assert list(t18.without_lunch) == [tens(Decimal(v) / Decimal("1.02")) for v in t19[1]]
    assert t18.single == tens(Decimal(2980) * Decimal("1.016")) == tens(Decimal(3090) / Decimal("1.02"))
    assert t18.couple == tens(Decimal(5370) * Decimal("1.016")) == tens(Decimal(5570) / Decimal("1.02"))
    assert list(t18.common) == [tens(Decimal(v) * Decimal("1.016")) for v in t17[4]]
    # "För en ensamstående utan barn innebär det en höjning med 70 kronor": (3 030 + 970) − (2 980 + 950) = 70
    assert (t18.single + t18.common[0]) - (2980 + 950) == 70


def test_2026_is_not_2025_times_1_007_rounded_to_tens():
    # SFS 2025:1046 uprates each delpost before summing, so the table differs from "2025 × 1.007 rounded":
    # 1–2 år 3 030 × 1.007 = 3 051.2 → 3 050 but official 3 060; 4–6 år the same; 11–14 år 4 350 × 1.007 =
    # 4 380.5 → 4 380 but 4 390; 15–18 år 4 920 × 1.007 = 4 954.4 → 4 950 but 4 960; 19–20 år 4 960 × 1.007 =
    # 4 994.7 → 4 990 but 5 000; common 3 persons 1 770 × 1.007 = 1 782.4 → 1 780 but 1 790; 4 persons
    # 2 010 × 1.007 = 2 024.1 → 2 020 but 2 030.
    t25, t26 = TABLES[2025], rules.norm_for_year(2026)
    scale = Decimal("1.007")
    estimate = [tens(v * scale) for v in t25[0]] + [tens(v * scale) for v in t25[4]]
    official = list(t26.with_lunch) + list(t26.common)
    differs = [(e, o) for e, o in zip(estimate, official, strict=True) if e != o]
    assert differs == [
        (3050, 3060),
        (3050, 3060),
        (4380, 4390),
        (4950, 4960),
        (4990, 5000),
        (1780, 1790),
        (2020, 2030),
    ]
    # official totals (regeringen.se, Nov 2025): 5 220 single, 8 510 sammanboende
    assert t26.single + t26.common[0] == 5220  # 3 940 + 1 280
    assert t26.couple + t26.common[1] == 8510  # 7 100 + 1 410
    assert "SFS 2025:1046" in t26.sources[0].title


@pytest.mark.parametrize(("year", "anchor"), [(2022, 2021), (2023, 2021), (2024, 2025)])
def test_missing_utan_lunch_uses_the_share_of_the_nearest_official_year(year, anchor):
    table, official = rules.norm_for_year(year), TABLES[anchor]
    expected = [tens(Decimal(table.with_lunch[i]) * official[1][i] / official[0][i]) for i in range(4)]
    assert list(table.without_lunch) == expected


def test_price_base_amounts():
    # 2013 SFS 2012:558, 2014 SFS 2013:715, 2015 secondary, 2016 SFS 2015:536, 2017 SFS 2016:863,
    # 2018 SFS 2017:865, 2019–2026 regeringen.se
    expected = {
        2013: 44500, 2014: 44400, 2015: 44500, 2016: 44300, 2017: 44800, 2018: 45500, 2019: 46500,
        2020: 47300, 2021: 47600, 2022: 48300, 2023: 52500, 2024: 57300, 2025: 58800, 2026: 59200,
    }  # fmt: skip
    assert {year: pbb.value for year, pbb in params.price_base_amounts().items()} == expected
    assert params.price_base_amount(2015).source.confidence == "secondary"
    assert params.price_base_amount(2012) is None


def test_dated_legal_rules():
    assert params.rule_on("work_incentive", date(2013, 6, 30)) is None
    rule = params.rule_on("work_incentive", date(2013, 7, 31))
    assert (rule.values["rate"], rule.values["qualifying_months"], rule.values["window_months"]) == (
        Decimal("0.25"),
        6,
        24,
    )
    assert params.rule_on("child_earnings", date(2013, 6, 30)).values["pbb_share"] == Decimal("0.5")
    assert params.rule_on("child_earnings", date(2013, 7, 31)).values["pbb_share"] == Decimal(1)
    assert params.rule_on("norm_rules", date(2025, 7, 31)).source.cite == "SoF 2025:468 12 kap. 3 §"
    assert params.rule_on("reasonable_costs", date(2025, 6, 30)).source.cite.startswith("SoL 2001:453")


def test_kinds_have_swedish_labels_and_reasons():
    kinds = params.kinds()
    assert all(kinds.costs.values()) and all(kinds.extra_needs.values())
    for name, spec in kinds.incomes.items():
        assert spec.label, name
        assert spec.counted or spec.reason, name
    assert [k for k, s in kinds.incomes.items() if s.employment] == ["salary"]


def test_demostad_file():
    versions = [rules.municipal_parameters("demostad", date(y, 6, 1)) for y in (2013, 2019, 2024)]
    assert [v.version for v in versions] == ["demostad-2013-01", "demostad-2019-01", "demostad-2024-01"]
    for version in versions:
        assert len(version.rent_cap) == 7 and list(version.rent_cap) == sorted(version.rent_cap)
        assert version.confidence == "example" and "exempel" in version.source
        assert (version.caseload_cap, version.client_meeting_time_goal) == (35, Decimal("0.25"))


def test_parameter_version_names_the_set():
    assert re.fullmatch(r"\d{4}\.\d+\+[0-9a-f]{12}", rules.PARAMETER_VERSION)
    assert params.parameter_version() == rules.PARAMETER_VERSION


def test_missing_year_is_an_error_naming_it():
    with pytest.raises(rules.CalculationError) as caught:
        rules.norm_for_year(2012)
    assert caught.value.errors[0]["code"] == "no_parameters_for_year"
    assert "2012" in caught.value.errors[0]["message"]
