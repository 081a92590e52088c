"""Worked examples: the official non-cohabitant checks, the 2026 totals and reference §2.2–2.3."""

from bistand import rules
from tests.rules.helpers import adult, calc, child, lines_of, plain, request


def test_2014_official_non_cohabitant_example():
    # Socialstyrelsen 2013-11-19: "1 710 kr ÷ 5 + 2 950 kr = 3 292 kr" (one adult in a 5-person household)
    result = calc(request("2014-03", household_size=5))
    assert result["norm_total"] == 3292  # 342 + 2 950
    assert lines_of(result, "norm.common.share")[0]["amount"] == 342  # 1 710 / 5


def test_2017_official_non_cohabitant_example():
    # Socialstyrelsen 2016-10-07: "1 740 kr/5 personer + 2 980 kr = 3 328 kr"
    assert calc(request("2017-09", household_size=5))["norm_total"] == 3328  # 348 + 2 980


def test_2019_non_cohabitant_example_derived():
    # Reference §1.1 (text cut off in the source): 1 810 ÷ 5 + 3 090 = 362 + 3 090 = 3 452
    assert calc(request("2019-01", household_size=5))["norm_total"] == 3452


def test_2025_example_d_non_cohabitant_in_three_person_household():
    # Reference §2.3 D: 3 910 + 1 770 / 3 = 3 910 + 590 = 4 500
    result = calc(request("2025-05", household_size=3))
    assert result["norm_total"] == 4500
    assert "1 770 kr × 1/3 = 590 kr" in plain(lines_of(result, "norm.common.share")[0]["text"])


def test_2026_totals_equal_the_official_figures():
    # regeringen.se Nov 2025: "Riksnormen 2026 blir 5 220 kr för en ensamstående person och 8 510 kr för
    # sammanboende" — the official table (SFS 2025:1046) gives 3 940 + 1 280 and 7 100 + 1 410.
    single = calc(request("2026-01"))
    couple = calc(request("2026-01", [adult(), adult("p2", "co_applicant")]))
    assert single["norm_total"] == 5220
    assert couple["norm_total"] == 8510
    assert single["parameters"]["preliminary"] is False
    assert single["parameters"]["confidence"] == "official"
    assert "preliminärt" not in single["lines"][0]["text"]


def test_example_a_single_adult_with_costs():
    # Reference §2.3 A: norm 3 910 + 1 270 = 5 180; + rent 6 000 + el 300 + insurance 120 = 11 600
    costs = [
        {"kind": "rent", "amount": 6000},
        {"kind": "electricity", "amount": 300},
        {"kind": "home_insurance", "amount": 120},
    ]
    result = calc(request("2025-03", costs=costs))
    assert (result["norm_total"], result["costs_total"], result["assistance"]) == (5180, 6420, 11600)


def test_example_b_family_with_preschool_lunch():
    # Reference §2.3 B: 7 050 + 2 700 + 4 350 = 14 100 personal; + 2 010 common = 16 110
    # (with lunch at home: 7 050 + 3 030 + 4 350 + 2 010 = 16 440)
    month = "2025-10"
    base = [adult(), adult("p2", "co_applicant")]
    assert (
        calc(request(month, base + [child(month, 4, lunch=True), child(month, 12, "c2")]))["norm_total"]
        == 16110
    )
    assert calc(request(month, base + [child(month, 4), child(month, 12, "c2")]))["norm_total"] == 16440


def test_example_e_work_incentive():
    # Reference §2.3 E: single adult qualifying for jobbstimulans, net wage 8 000, rent 6 000, el 300:
    # counted 8 000 × 0,75 = 6 000; need 5 180 + 6 300 = 11 480; assistance 11 480 − 6 000 = 5 480
    history = [f"2025-{m:02d}" for m in range(1, 7)]  # six months in a row, Jan–Jun
    result = calc(
        request(
            "2025-07",
            costs=[{"kind": "rent", "amount": 6000}, {"kind": "electricity", "amount": 300}],
            incomes=[{"kind": "salary", "member": "p1", "amount": 8000}],
            assistance_history=history,
        )
    )
    assert (result["income_total"], result["assistance"]) == (6000, 5480)
    # without jobbstimulans (no history): 11 480 − 8 000 = 3 480
    no_history = request(
        "2025-07", costs=[{"kind": "rent", "amount": 6000}, {"kind": "electricity", "amount": 300}]
    )
    no_history["incomes"] = [{"kind": "salary", "member": "p1", "amount": 8000}]
    assert calc(no_history)["assistance"] == 3480


def test_example_f_child_earnings_below_one_price_base_amount():
    # Reference §2.3 F: 2025 prisbasbelopp 58 800; a 16-year-old who has earned 20 000 kr this year -> 0 counted
    month = "2025-08"
    income = {"kind": "salary", "member": "c1", "amount": 5000, "year_to_date": 15000}
    result = calc(request(month, [adult(), child(month, 16)], incomes=[income]))
    assert result["income_total"] == 0


def test_lawline_2017_surplus_example():
    # Lawline (2017 figures): income 4 000; living costs 3 930 (2 980 + 950); housing 5 000;
    # 4 000 − 8 930 = −4 930 -> assistance 4 930
    result = calc(
        request(
            "2017-05", costs=[{"kind": "rent", "amount": 5000}], incomes=[{"kind": "pension", "amount": 4000}]
        )
    )
    assert result["assistance"] == 4930


def test_norm_surplus():
    # 2025 single: need 5 180; pension 6 000 -> surplus (normöverskott) 820, assistance 0
    result = calc(request("2025-02", incomes=[{"kind": "pension", "amount": 6000}]))
    assert (result["assistance"], result["surplus"]) == (0, 820)


def test_syre_2023_family_of_four():
    # Syre 2023-04-30: "två vuxna och två barn är riksnormen 13 490 kronor"; reference check:
    # 6 300 + 2 700 (1–2 år) + 2 700 (4–6 år) + 1 790 (4 persons) = 13 490
    month = "2023-04"
    members = [adult(), adult("p2", "co_applicant"), child(month, 2), child(month, 5, "c2")]
    assert calc(request(month, members))["norm_total"] == 13490


def test_request_example_from_the_issue():
    data = {
        "month": "2025-06",
        "household_size": 4,
        "members": [
            {"id": "p1", "role": "applicant", "birth_date": "1990-04-01"},
            {"id": "p2", "role": "co_applicant", "birth_date": "1991-05-02"},
            {"id": "c1", "role": "child", "birth_date": "2023-01-10", "preschool_lunch": True},
            {"id": "c2", "role": "child", "birth_date": "2017-02-01"},
        ],
        "costs": [{"kind": "rent", "amount": 7200}, {"kind": "electricity", "amount": 350}],
        "incomes": [
            {"kind": "child_allowance", "member": "c1", "amount": 1250},
            {"kind": "salary", "member": "p1", "amount": 4000},
        ],
        "assistance_history": ["2025-01", "2025-02", "2025-03"],
    }
    result = calc(data)
    # c1 is 2 at the end of June 2025 (1–2 år, lunch at preschool: 2 780); c2 is 8 (7–10 år: 3 790)
    # norm 7 050 + 2 780 + 3 790 + 2 010 = 15 630; costs 7 200 + 350 = 7 550; need 23 180
    # income 1 250 + 4 000 = 5 250 (only three months of history: no jobbstimulans); 23 180 − 5 250 = 17 930
    assert (result["norm_total"], result["costs_total"], result["income_total"]) == (15630, 7550, 5250)
    assert result["assistance"] == 17930
    assert result["parameters"]["version"] == rules.PARAMETER_VERSION
