"""A scenario on a small city whose every amount was worked out by hand (see city.py for the arithmetic)."""

import pytest

from bistand.rules.months import Month
from bistand.statistics import privacy
from bistand.whatif.caseload import load_caseload
from bistand.whatif.compare import compare
from bistand.whatif.scenario import ScenarioError, load_scenario, parse_scenario_text
from bistand.whatif.summary import summarise
from tests.whatif.city import build

JULY = Month(2026, 7)
KEY = b"k" * 40
NORM_AND_JOBS = (
    'name = "Norm +2 %, jobbstimulans 30 %"\n[norm]\npercent = 2\n[work_incentive]\nrate_percent = 30'
)


@pytest.fixture
def city(db):
    return build()


def by_name(city, outcomes):
    names = {str(h.pk): name for name, h in city.households.items()}
    return {names[o.key]: o for o in outcomes}


def test_caseload_is_each_households_latest_application_up_to_the_month(city):
    caseload = load_caseload(JULY, city.municipality)
    assert caseload.left_out == 0
    assert {h.key for h in caseload.households} == {str(h.pk) for h in city.households.values()}
    requests = {h.key: h.request for h in caseload.households}
    h1, h2 = requests[str(city.households["H1"].pk)], requests[str(city.households["H2"].pk)]
    assert [c.amount for c in h1.costs] == [5000]  # July's application, not August's 99 999
    assert str(h2.month) == "2026-07" and len(h2.assistance_history) == 6  # July's snapshot, not May's


def test_norm_plus_two_percent_and_jobbstimulans_30_checked_by_hand(city):
    outcomes = by_name(
        city, compare(load_caseload(JULY, city.municipality).households, parse_scenario_text(NORM_AND_JOBS))
    )
    # H1 after: 4 019 (3 940 × 1,02 = 4 018,8) + 1 306 (1 280 × 1,02 = 1 305,6) + 5 000 = 10 325
    assert (outcomes["H1"].before, outcomes["H1"].after) == (10220, 10325)
    # H2 after: 7 242 + 3 896 (3 820 × 1,02 = 3 896,4) + 4 478 (4 390 × 1,02 = 4 477,8) + 2 071 (2 030 × 1,02
    # = 2 070,6) + 8 000 − (10 000 − 30 % = 7 000) = 18 687
    assert (outcomes["H2"].before, outcomes["H2"].after) == (17840, 18687)
    # H3 after: 4 019 + 3 121 (3 060 × 1,02 = 3 121,2) + 2 774 (2 720 × 1,02 = 2 774,4) + 3 121 + 3 896
    # + 2 377 (2 330 × 1,02 = 2 376,6) + 9 100 − 6 000 = 22 408
    assert (outcomes["H3"].before, outcomes["H3"].after) == (22030, 22408)
    assert (outcomes["H4"].before, outcomes["H4"].after) == (0, 0)  # 5 325 + 5 600 − 20 000 < 0
    assert outcomes["H2"].household_type == "Sammanboende med barn" and outcomes["H3"].children == 4

    summary = summarise(list(outcomes.values()), KEY, threshold=1)  # threshold 1: nothing hidden
    t = summary.totals
    # before: 10 220 + 17 840 + 22 030 + 0 + 5 × 10 220 = 101 190; after: 10 325 + 18 687 + 22 408 + 0
    # + 5 × 10 325 = 103 045; change 1 855 per month, 22 260 per year (× 12)
    assert (t.households, t.before, t.after, t.change) == (9, 101190, 103045, 1855)
    assert summary.headline["change_year"].value == 22260
    assert (t.gainers, t.losers) == (8, 0)
    bands = {row.name: row.households.value for row in summary.bands}
    # +105 × 6 singles, +378 (H3) -> 1–499; +847 (H2) -> 500–999; H4 unchanged
    assert (bands["Ökar 1–499 kr"], bands["Ökar 500–999 kr"], bands["Oförändrat"]) == (7, 1, 1)
    districts = {row.name: row for row in summary.breakdowns["Stadsområde"]}
    # Centrum: H1, H3, E1, E2 = 10 220 + 22 030 + 2 × 10 220 = 52 690 -> 10 325 + 22 408 + 2 × 10 325 = 53 383
    assert (districts["Centrum"].before.value, districts["Centrum"].after.value) == (52690, 53383)
    assert summary.losers == []


def test_the_same_summary_with_small_groups_hidden(city):
    outcomes = compare(load_caseload(JULY, city.municipality).households, parse_scenario_text(NORM_AND_JOBS))
    summary = summarise(outcomes, KEY)
    headline = summary.headline
    # 9 households: totals shown; unchanged = 1 is hidden, and then gainers (8) too, else 9 − 0 − 8 = 1
    assert headline["households"].text == "9" and headline["before_month"].value == 101190
    assert headline["unchanged"].text == privacy.SUPPRESSED and headline["gainers"].text == privacy.SUPPRESSED
    assert headline["losers"].text == "0"
    types = {row.name: row for row in summary.breakdowns["Hushållstyp"]}
    # 7 singles without children shown; the two small groups (1 each) hidden with their sums
    assert types["Ensamstående utan barn"].households.text == "7"
    assert (
        types["Ensamstående med barn"].households.suppressed
        and types["Ensamstående med barn"].change.suppressed
    )


def test_the_cap_scenario_on_the_small_city(city):
    households = load_caseload(JULY, city.municipality).households
    cap = load_scenario("bidragstak_2027")
    with pytest.raises(ScenarioError, match="saknar belopp"):
        compare(households, cap)
    outcomes = by_name(city, compare(households, cap.with_cap_amounts((20000,))))
    # only H3 has four children: 22 030 -> 20 000 (−2 030); everyone else unchanged
    assert (outcomes["H3"].before, outcomes["H3"].after) == (22030, 20000)
    assert all(o.change == 0 for name, o in outcomes.items() if name != "H3")
    summary = summarise(list(outcomes.values()), KEY, threshold=1)
    assert (summary.totals.change, summary.totals.losers, summary.totals.children_losing) == (-2030, 1, 4)
    [loser] = summary.losers
    assert loser.pseudonym == privacy.Pseudonymiser(KEY, "konsekvensanalys").household(
        str(city.households["H3"].pk)
    )
    assert (loser.before, loser.after, loser.change, loser.children) == (22030, 20000, -2030, 4)
    hidden = summarise(list(outcomes.values()), KEY)
    assert hidden.headline["children_losing"].text == privacy.SUPPRESSED  # 4 children: a small group


def test_rent_caps_five_percent_higher(city):
    outcomes = by_name(
        city,
        compare(load_caseload(JULY, city.municipality).households, load_scenario("hyrestak_plus_5_percent")),
    )
    # H3: 5 persons' cap 9 100 × 1,05 = 9 555 >= rent 9 500: +400; H4's cap 5 600 -> 5 880 but still a surplus
    assert outcomes["H3"].change == 400
    assert sum(o.change for o in outcomes.values()) == 400


def test_no_hidden_count_can_be_recomputed_from_the_shown_ones():
    """In every row (losers + gainers + unchanged = households) and every column (groups + total) either
    no count or at least two non-zero counts are hidden — for many random caseloads."""
    import random

    from bistand.whatif.compare import Outcome

    rng = random.Random(13)
    for _ in range(200):
        outcomes = [
            Outcome(
                str(i),
                rng.choice("ABC"),
                rng.choice(["Ensamstående utan barn", "Sammanboende med barn"]),
                rng.choice([0, 0, 1, 4]),
                2,
                10000,
                10000 + rng.choice([-3000, -600, 0, 0, 0, 200, 1200]),
            )
            for i in range(rng.randint(1, 40))
        ]
        summary = summarise(outcomes)
        fields = ("losers", "gainers", "unchanged", "households")
        tables = [summary.bands, *summary.breakdowns.values()]
        for rows in tables:
            for row in rows:
                cells = [getattr(row, f) for f in fields]
                assert sum(c.suppressed for c in cells) != 1, row
            for f in fields:
                cells = [getattr(row, f) for row in rows]
                assert sum(c.suppressed for c in cells) != 1, (f, rows)
        for f in fields:  # the headline is the same total row as the tables'
            assert summary.headline[f].suppressed == getattr(tables[0][-1], f).suppressed
