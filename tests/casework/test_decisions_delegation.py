"""The delegation order: who may decide which amounts (example table in decisions/delegation.py).

Example limits: caseworker 20 000 kr försörjningsstöd / 5 000 kr livsföring i övrigt; senior caseworker
35 000 / 15 000; unit manager 60 000 / 30 000; above that Socialnämndens individutskott.
"""

from datetime import date

import pytest

from bistand.casework.decisions import DecisionRefused, decide
from bistand.casework.decisions.delegation import delegation_problems
from tests.casework.decision_fixtures import example_setup, line


@pytest.mark.parametrize(
    ("role", "support", "extra", "allowed", "escalate_to"),
    [
        ("caseworker", 20_000, {"dental_care": 5_000}, True, None),  # exactly at both limits
        ("caseworker", 20_001, {}, False, "förste socialsekreterare"),
        (
            "caseworker",
            0,
            {"dental_care": 3_000, "glasses": 2_001},
            False,
            "förste socialsekreterare",
        ),  # 5 001
        ("caseworker", 0, {"home_equipment": 20_000}, False, "enhetschef"),
        ("senior_caseworker", 35_000, {"home_equipment": 15_000}, True, None),
        ("senior_caseworker", 40_000, {}, False, "enhetschef"),
        ("unit_manager", 60_000, {"home_equipment": 30_000}, True, None),
        ("unit_manager", 60_001, {}, False, "Socialnämndens individutskott"),
        ("caseworker", 0, {"home_equipment": 30_001}, False, "Socialnämndens individutskott"),
        ("caseworker", 0, {"dental_care": 0}, True, None),  # a rejection is always delegated
    ],
)
def test_delegation_table(role, support, extra, allowed, escalate_to):
    problems = delegation_problems(role, support, extra)
    assert (problems == []) is allowed
    if escalate_to:
        assert escalate_to in problems[-1]


@pytest.mark.parametrize("role", ["administrator", "analyst", "unknown"])
def test_roles_outside_the_order_may_not_decide(role):
    assert delegation_problems(role, 100, {}) == [
        "Din roll får inte fatta beslut om ekonomiskt bistånd enligt delegationsordningen."
    ]


def big_result():
    # A large household: norm 18 000 + rent 7 000 = 25 000 försörjningsstöd, no income.
    return {
        "norm_total": 18_000,
        "costs_total": 7_000,
        "extra_needs_total": 0,
        "income_total": 0,
        "assistance": 25_000,
        "surplus": 0,
        "lines": [
            line("norm.personal", 18_000, "Riksnorm."),
            line("cost.rent", 7_000, "Hyra: 7 000 kr.", kind="rent"),
        ],
    }


@pytest.mark.django_db
def test_decide_refuses_above_the_caseworkers_mandate_and_a_senior_may_decide():
    items = [("cost", "rent", 7_000)]
    _, caseworker, _, _, application, calculation = example_setup(items=items, result=big_result())
    with pytest.raises(DecisionRefused) as exc:
        decide(application, calculation, caseworker, decided_on=date(2026, 6, 20))
    # 18 000 + 7 000 − 0 = 25 000 > 20 000
    assert exc.value.messages[0] == (
        "Beslutet gäller 25\u00a0000\u00a0kr i försörjningsstöd för månaden. Socialsekreterare får enligt "
        "delegationsordningen besluta om högst 20\u00a0000\u00a0kr."
    )
    assert exc.value.messages[-1] == "Beslutet måste fattas av förste socialsekreterare eller högre."
    senior = caseworker
    senior.role = "senior_caseworker"
    senior.save()
    assert decide(application, calculation, senior, decided_on=date(2026, 6, 20)).total_granted == 25_000
