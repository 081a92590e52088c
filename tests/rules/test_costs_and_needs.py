"""Reasonable costs (with the demo city's rent caps) and other living needs."""

from datetime import date
from decimal import Decimal

import pytest

from bistand import rules
from tests.rules.helpers import adult, calc, child, lines_of, plain, request

ALL_COSTS = ["rent", "electricity", "work_travel", "home_insurance", "union_fee", "unemployment_fund_fee"]


def test_every_cost_kind_taken_as_stated_without_municipality():
    costs = [{"kind": kind, "amount": 100 * (i + 1)} for i, kind in enumerate(ALL_COSTS)]
    result = calc(request("2025-06", costs=costs))
    # 100 + 200 + 300 + 400 + 500 + 600 = 2 100
    assert result["costs_total"] == 2100
    assert [line["amount"] for line in lines_of(result, "cost.reasonable")] == [100, 200, 300, 400, 500, 600]
    assert (
        plain(result["lines"][-1]["text"])
        == "Avgift till arbetslöshetskassa: 600 kr, skälig kostnad (SoL 2001:453 4 kap. 3 § 1 st. 2)"
    )


def test_rent_within_the_cap_is_approved():
    # Demostad from 2024-01-01: highest reasonable rent for 2 persons 6 400
    month = "2025-06"
    result = calc(
        request(
            month,
            [adult(), child(month, 5)],
            municipality="demostad",
            costs=[{"kind": "rent", "amount": 6400}],
        )
    )
    assert result["costs_total"] == 6400
    assert not lines_of(result, "cost.not_approved")
    assert "Demostads högsta skäliga boendekostnad för 2 personer är 6 400 kr" in plain(
        result["lines"][-1]["text"]
    )


def test_rent_above_the_cap_is_partly_not_approved():
    # 4 persons in 2025: cap 8 200; rent 9 000 -> 8 200 approved, 800 not approved (amount 0)
    month = "2025-06"
    members = [adult(), adult("p2", "co_applicant"), child(month, 3), child(month, 8, "c2")]
    result = calc(request(month, members, municipality="demostad", costs=[{"kind": "rent", "amount": 9000}]))
    assert result["costs_total"] == 8200
    approved, rejected = lines_of(result, "cost.reasonable")[0], lines_of(result, "cost.not_approved")[0]
    assert approved["amount"] == 8200 and approved["value"] == 8200
    assert approved["parameter"] == "municipal.demostad.rent_cap.4_persons"
    assert rejected["amount"] == 0 and rejected["counted"] is False
    assert plain(rejected["text"]).startswith("Boendekostnad (hyra): 800 kr godkänns inte.")
    assert result["parameters"]["municipality"]["version"] == "demostad-2024-01"


def test_cap_applies_to_the_total_rent_of_the_month():
    # Single adult 2025: cap 5 600; two rent items 4 000 + 3 000 -> 4 000 + 1 600 approved, 1 400 not approved
    costs = [{"kind": "rent", "amount": 4000}, {"kind": "rent", "amount": 3000, "description": "garage"}]
    result = calc(request("2025-06", municipality="demostad", costs=costs))
    assert result["costs_total"] == 5600
    assert [line["amount"] for line in lines_of(result, "cost.reasonable")] == [4000, 1600]


def test_cap_for_seven_or_more_persons_and_dated_versions():
    month = "2018-06"  # version demostad-2013-01: 7 or more persons 8 400
    members = [adult()] + [child(month, 9, f"c{i}") for i in range(8)]
    result = calc(request(month, members, municipality="demostad", costs=[{"kind": "rent", "amount": 9999}]))
    assert result["costs_total"] == 8400
    assert result["parameters"]["municipality"]["version"] == "demostad-2013-01"


def test_other_costs_are_not_capped():
    costs = [{"kind": "electricity", "amount": 5000}]
    assert calc(request("2025-06", municipality="demostad", costs=costs))["costs_total"] == 5000


def test_municipal_parameters_for_other_teams():
    params = rules.municipal_parameters("demostad", date(2025, 3, 1))
    assert params.name == "Demostad"
    assert params.caseload_cap == 35
    assert params.client_meeting_time_goal == Decimal("0.25")
    assert params.rent_cap_for(1) == 5600 and params.rent_cap_for(12) == 10600
    assert params.version == "demostad-2024-01"
    assert rules.municipal_parameters("demostad", date(2023, 12, 31)).version == "demostad-2019-01"
    with pytest.raises(rules.CalculationError) as caught:
        rules.municipal_parameters("atlantis", date(2025, 3, 1))
    assert caught.value.errors[0]["code"] == "unknown_municipality"
    with pytest.raises(rules.CalculationError) as caught:
        rules.municipal_parameters("demostad", date(2012, 12, 31))
    assert caught.value.errors[0]["code"] == "no_municipal_parameters"
    assert rules.municipality_codes() == ["demostad"]


EXTRA = ["dental_care", "glasses", "medical_care", "medicine", "home_equipment", "moving_costs", "other_need"]


def test_other_living_needs_are_separate_need_items():
    needs = [{"kind": kind, "amount": 1000 + i} for i, kind in enumerate(EXTRA)]
    needs[0]["description"] = "akut tandvård"
    result = calc(request("2025-06", extra_needs=needs))
    # 1 000 + 1 001 + … + 1 006 = 7 021
    assert result["extra_needs_total"] == 7021
    lines = lines_of(result, "extra_need")
    assert [line["kind"] for line in lines] == EXTRA
    assert (
        plain(lines[0]["text"])
        == "Tandvård – akut tandvård: 1 000 kr, behov för livsföringen i övrigt (SoL 2001:453 4 kap. 1 §)"
    )
    assert result["assistance"] == 5180 + 7021
