"""Scenario files: the ready ones load, bad ones are refused in Swedish, and the changes reach the parameters."""

from decimal import Decimal

import pytest

from bistand.rules import Month, parse_request
from bistand.rules.context import month_context
from bistand.rules.engine import compute
from bistand.whatif.apply import scenario_lookups
from bistand.whatif.cap import capped
from bistand.whatif.scenario import (
    ScenarioError,
    load_scenario,
    parse_amounts,
    parse_scenario_text,
    ready_scenarios,
)


def test_ready_scenarios_load_and_only_the_cap_lacks_amounts():
    ready = {s.slug: s for s in ready_scenarios()}
    assert {"norm_plus_2_percent", "jobbstimulans_30", "hyrestak_plus_5_percent", "bidragstak_2027"} <= set(
        ready
    )
    assert ready["norm_plus_2_percent"].norm.percent == 2
    assert ready["jobbstimulans_30"].work_incentive.rate == Decimal("0.30")
    assert [s.slug for s in ready.values() if s.missing()] == ["bidragstak_2027"]
    assert "inte gått att hitta" in ready["bidragstak_2027"].note


def test_cap_scenario_refuses_to_run_until_amounts_are_given():
    cap = load_scenario("bidragstak_2027")
    with pytest.raises(ScenarioError) as refused:
        cap.check_ready()
    assert "saknar belopp" in refused.value.problems[0]
    filled = cap.with_cap_amounts(parse_amounts("30 000, 32000; 34000"))
    filled.check_ready()
    assert filled.cap.amounts == (30000, 32000, 34000)
    # 4 children -> 30 000, 5 -> 32 000, 6 and more -> 34 000; fewer than 4 -> no cap
    assert [filled.cap.amount_for(n) for n in (3, 4, 5, 6, 9)] == [None, 30000, 32000, 34000, 34000]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\n[norm]\npercent = "två"', "norm.percent: ”två” är inget tal."),
        ('name = "x"\n[norm]\npercent = 80', "norm.percent: måste ligga mellan −50 och 50 procent."),
        ('name = "x"\n[norm]\nprocent = 2', "norm.procent: okänd uppgift (tillåtna: percent)."),
        ("[norm]\npercent = 2", "name: scenariot behöver ett namn."),
        (
            'name = "x"',
            "Scenariot ändrar ingenting: ange minst en av norm, work_incentive, rent_cap eller cap.",
        ),
        (
            'name = "x"\n[rent_cap]\npercent = 5\nby_size = [5000]',
            "rent_cap: ange antingen percent eller by_size, inte båda.",
        ),
        (
            'name = "x"\n[rent_cap]\nby_size = [5000, -1]',
            "rent_cap.by_size: varje belopp ska vara hela kronor",
        ),
        (
            'name = "x"\n[cap]\nbasis = "rooms"\nfrom = 4',
            'cap.basis: ange "children" (antal barn) eller "persons"',
        ),
        (
            'name = "x"\n[work_incentive]\nrate_percent = 130',
            "work_incentive.rate_percent: måste ligga mellan 0 och 100",
        ),
        ('name = "x"\nnorm = 2', "norm: ska vara en tabell ([norm])."),
        ("name = ", "Filen är inte giltig TOML"),
    ],
)
def test_bad_scenarios_are_refused_with_a_swedish_message(text, expected):
    with pytest.raises(ScenarioError) as refused:
        parse_scenario_text(text)
    assert any(problem.startswith(expected) for problem in refused.value.problems), refused.value.problems


def test_json_scenario_and_every_problem_named_at_once():
    scenario = parse_scenario_text('{"name": "J", "work_incentive": {"enabled": false}}', ".json")
    assert scenario.work_incentive.enabled is False
    assert scenario.changes() == ["Jobbstimulansen tas bort."]
    with pytest.raises(ScenarioError) as refused:
        parse_scenario_text('{"name": "", "norm": {"percent": 99}, "extra": 1}', ".json")
    assert len(refused.value.problems) == 3
    with pytest.raises(ScenarioError, match="inte giltig JSON"):
        parse_scenario_text("{", ".json")
    with pytest.raises(ScenarioError, match="finns inte"):
        load_scenario("no_such_scenario")
    with pytest.raises(ScenarioError, match="hela kronor"):
        parse_amounts("30000, tio")


def test_the_scenario_changes_copies_of_the_parameters_never_the_rules_in_force():
    july = Month(2026, 7)
    lookups = scenario_lookups(
        parse_scenario_text('name = "n"\n[norm]\npercent = 2\n[work_incentive]\nrate_percent = 30')
    )
    changed = lookups.month_context(july)
    # 3 940 × 1,02 = 4 018,8 -> 4 019; 7 100 × 1,02 = 7 242; common 1 person 1 280 × 1,02 = 1 305,6 -> 1 306
    assert (changed.table.single, changed.table.couple, changed.table.common[0]) == (4019, 7242, 1306)
    # age 8 (band 7–10): 3 820 × 1,02 = 3 896,4 -> 3 896; age 3 without lunch: 2 500 × 1,02 = 2 550
    assert changed.with_lunch_by_age[8] == 3896 and changed.without_lunch_by_age[3] == 2550
    assert changed.work_incentive_rule.values["rate"] == Decimal("0.30")
    in_force = month_context(july)
    assert (in_force.table.single, in_force.work_incentive_rule.values["rate"]) == (3940, Decimal("0.25"))
    rent = scenario_lookups(parse_scenario_text('name = "r"\n[rent_cap]\nby_size = [6000, 7000]'))
    found, _ = rent.municipal("demostad", july.last)
    assert found.rent_cap_for(1) == 6000 and found.rent_cap_for(5) == 7000


def test_scenario_explanation_and_the_cap_line():
    request = parse_request(
        {
            "month": "2026-07",
            "members": [{"id": "a", "role": "applicant", "birth_date": "1990-04-01"}]
            + [{"id": f"c{i}", "role": "child", "birth_date": "2016-05-01"} for i in range(4)],
            "costs": [{"kind": "rent", "amount": 9000}],
        }
    )
    scenario = parse_scenario_text('name = "t"\n[cap]\nfrom = 4\namounts = [20000]')
    result = compute(request, scenario_lookups(scenario))
    # 3 940 + 4 × 3 820 + common(5) 2 330 + rent 9 000 = 30 550 (no municipality: no rent cap)
    assert result.assistance == 30550
    after, line = capped(result.assistance, request, scenario.cap)
    assert after == 20000 and line.amount == -10550 and line.rule == "whatif.cap"
    assert line.text.replace("\u00a0", " ") == (  # amounts are written with no-break spaces
        "Bidragstak i scenariot: hushållet har 4 barn och får högst 20 000 kr i försörjningsstöd per månad. "
        "Beräknat försörjningsstöd 30 550 kr sänks med 10 550 kr."
    )
    assert capped(19000, request, scenario.cap) == (19000, None)


def test_a_cap_by_household_size():
    scenario = parse_scenario_text('name = "p"\n[cap]\nbasis = "persons"\nfrom = 6\namounts = [25000, 27000]')
    assert [change.replace("\u00a0", " ") for change in scenario.changes()] == [
        "Bidragstak per månad för hushåll med minst 6 personer (6 personer: 25 000 kr, 7 eller fler personer: 27 000 kr)."
    ]
    request = parse_request(
        {
            "month": "2026-07",
            "members": [{"id": "a", "role": "applicant", "birth_date": "1990-04-01"}]
            + [{"id": f"c{i}", "role": "child", "birth_date": "2016-05-01"} for i in range(6)],
        }
    )
    # 7 persons -> 27 000; the norm alone: 3 940 + 6 × 3 820 + common(7) 2 830 = 29 690 -> 27 000
    assert compute(request).assistance == 29690
    assert capped(29690, request, scenario.cap)[0] == 27000
