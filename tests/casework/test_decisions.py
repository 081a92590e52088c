"""Proposals per need item and making decisions (example in decision_fixtures: assistance 10 140 kr)."""

from datetime import date

import pytest

from bistand.cases.immutable import AppendOnlyError
from bistand.cases.models import Decision, DeclaredItem
from bistand.casework import extensions
from bistand.casework.decisions import DecisionRefused, correct, decide, propose
from bistand.casework.decisions.legal import LEGAL_BASIS_NEW, LEGAL_BASIS_OLD
from tests.casework.decision_fixtures import ITEMS, RENT_TEXT, example_result, example_setup
from tests.casework.factories import make_calculation

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 20)


@pytest.fixture
def example():
    return example_setup()


def test_one_proposal_per_need_item(example):
    *_, calculation = example
    proposals = {p.kind: p for p in propose(calculation)}
    assert list(proposals) == ["norm", "rent", "electricity", "home_insurance", "dental_care"]
    norm = proposals["norm"]
    assert (norm.requested, norm.granted, norm.outcome, norm.category) == (5_220, 5_220, "granted", "norm")
    rent = proposals["rent"]
    # Declared 8 000, approved up to the cap 6 500: partly granted, the rules' text is the reason.
    assert (rent.requested, rent.granted, rent.outcome) == (8_000, 6_500, "partly_granted")
    assert rent.reason == RENT_TEXT
    assert rent.label == "Boendekostnad (hyra)"
    assert proposals["electricity"].reason == ""
    dental = proposals["dental_care"]
    assert (dental.requested, dental.granted, dental.outcome, dental.category) == (
        2_000,
        2_000,
        "granted",
        "extra_need",
    )


def test_decide_without_changes_grants_what_the_calculation_says(example):
    _, staff, _, case, application, calculation = example
    version = application.version
    decision = decide(application, calculation, staff, decided_on=DAY)
    # 5 220 + 6 500 + 300 + 120 + 2 000 = 14 140 granted − 4 000 income = 10 140 (= the calculation).
    assert decision.total_granted == 10_140 == calculation.assistance
    assert decision.outcome == "partly_granted"  # the rent was not granted in full
    assert decision.legal_basis == "12 kap. 1 § socialtjänstlagen (2025:400)"
    assert decision.decided_by == staff and decision.decided_on == DAY
    assert "Boendekostnad (hyra): " + RENT_TEXT in decision.reasons
    assert "förvaltningsrätten" in decision.appeal_instruction
    assert "Socialnämnden i Testby" in decision.appeal_instruction
    assert "tre veckor" in decision.appeal_instruction and "44 §" in decision.appeal_instruction
    items = {i.kind: i for i in decision.items.all()}
    assert items["rent"].granted == 6_500 and items["rent"].reason == RENT_TEXT
    assert items["electricity"].reason == ""
    application.refresh_from_db()
    assert application.status == "decided"
    assert application.version == version + 1


def test_overrides_lower_or_raise_items_within_what_was_applied_for(example):
    _, staff, _, _, application, calculation = example
    decision = decide(
        application,
        calculation,
        staff,
        overrides={"dental_care": (0, "Behandlingen är inte akut och kan vänta."), "rent": (8_000, "")},
        decided_on=DAY,
    )
    # 5 220 + 8 000 + 300 + 120 + 0 = 13 640 − 4 000 = 9 640
    assert decision.total_granted == 9_640
    items = {i.kind: i for i in decision.items.all()}
    assert (items["rent"].granted, items["rent"].outcome, items["rent"].reason) == (8_000, "granted", "")
    assert (items["dental_care"].outcome, items["dental_care"].reason) == (
        "rejected",
        "Behandlingen är inte akut och kan vänta.",
    )
    assert decision.outcome == "partly_granted"


def test_all_items_in_full_is_a_grant(example):
    _, staff, _, _, application, calculation = example
    decision = decide(
        application, calculation, staff, overrides={"rent": (8_000, "Särskilda skäl.")}, decided_on=DAY
    )
    # 5 220 + 8 000 + 300 + 120 + 2 000 = 15 640 − 4 000 = 11 640
    assert (decision.outcome, decision.total_granted) == ("granted", 11_640)


def test_income_covering_the_need_is_a_rejection_and_never_negative():
    items = [*ITEMS[:4], ("income", "salary", 20_000)]
    _, staff, _, _, application, calculation = example_setup(
        items=items, result=example_result(income=20_000)
    )
    decision = decide(application, calculation, staff, decided_on=DAY)
    # need 14 140 − income 20 000 = −5 860 → nothing paid, never negative
    assert decision.total_granted == 0
    assert decision.outcome == "rejected"
    assert (
        "Hushållets inkomster (20\u00a0000\u00a0kr) täcker det beviljade behovet (14\u00a0140\u00a0kr)"
        in decision.reasons
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rent": (9_000, "")}, "kan inte vara högre än det ansökta"),
        ({"rent": (6_000, "  ")}, "ange skäl"),
        ({"rent": (-1, "x")}, "negativt"),
        ({"car": (100, "x")}, "ingen behovspost ”car”"),
    ],
)
def test_invalid_overrides_are_refused(example, overrides, message):
    _, staff, _, _, application, calculation = example
    with pytest.raises(DecisionRefused) as exc:
        decide(application, calculation, staff, overrides=overrides, decided_on=DAY)
    assert any(message in m for m in exc.value.messages)
    assert not Decision.objects.exists()


def test_already_decided_is_refused(example):
    _, staff, _, _, application, calculation = example
    decide(application, calculation, staff, decided_on=DAY)
    with pytest.raises(DecisionRefused, match="redan beslutad"):
        decide(application, calculation, staff, decided_on=DAY)
    assert Decision.objects.count() == 1


def test_a_stale_version_is_refused(example):
    _, staff, _, _, application, calculation = example
    application.version = 99
    with pytest.raises(DecisionRefused, match="ändrat ansökan"):
        decide(application, calculation, staff, decided_on=DAY)


def test_a_calculation_that_no_longer_matches_the_application_is_refused(example):
    _, staff, _, _, application, calculation = example
    DeclaredItem.objects.filter(application=application, kind="rent").update(amount=7_000)
    with pytest.raises(DecisionRefused, match="Gör en ny beräkning"):
        decide(application, calculation, staff, decided_on=DAY)


def test_decision_checks_from_other_areas_stop_the_decision(example, monkeypatch):
    _, staff, _, _, application, calculation = example
    monkeypatch.setattr(
        extensions, "DECISION_CHECKS", [lambda app: ["Försörjningshinder saknas för Åsa Öberg."]]
    )
    with pytest.raises(DecisionRefused) as exc:
        decide(application, calculation, staff, decided_on=DAY)
    assert exc.value.messages == ["Försörjningshinder saknas för Åsa Öberg."]


def test_a_future_date_and_a_role_without_delegation_are_refused():
    _, staff, _, _, application, calculation = example_setup(role="administrator")
    with pytest.raises(DecisionRefused) as exc:
        decide(application, calculation, staff, decided_on=date(2999, 1, 1))
    assert "Beslutsdatum kan inte ligga i framtiden." in exc.value.messages
    assert any("Din roll får inte fatta beslut" in m for m in exc.value.messages)


@pytest.mark.parametrize(
    ("decided_on", "basis"),
    [
        (date(2025, 6, 30), LEGAL_BASIS_OLD),  # last day of SoL 2001:453
        (date(2025, 7, 1), LEGAL_BASIS_NEW),  # SoL 2025:400 in force
    ],
)
def test_legal_basis_follows_the_decision_date(example, decided_on, basis):
    _, staff, _, _, application, calculation = example
    assert decide(application, calculation, staff, decided_on=decided_on).legal_basis == basis
    assert LEGAL_BASIS_OLD == "4 kap. 1 § socialtjänstlagen (2001:453)"


def test_a_correction_is_a_new_decision_and_the_old_one_is_kept(example):
    _, staff, _, _, application, calculation = example
    first = decide(application, calculation, staff, decided_on=DAY)
    application.refresh_from_db()
    version = application.version
    recalculated = make_calculation(application, example_result())
    second = correct(
        first,
        recalculated,
        staff,
        "Hyran godtas i sin helhet efter nytt underlag.",
        overrides={"rent": (8_000, "")},
        decided_on=date(2026, 6, 22),
    )
    assert second.pk != first.pk and second.corrects == first
    assert second.total_granted == 11_640  # 15 640 − 4 000
    assert second.reasons.startswith("Beslutet ersätter beslutet den 20 juni 2026. Skäl: Hyran godtas")
    first.refresh_from_db()
    assert first.total_granted == 10_140  # untouched
    with pytest.raises(AppendOnlyError):
        first.save()
    application.refresh_from_db()
    assert application.version == version + 1
    with pytest.raises(DecisionRefused, match="redan ersatts"):
        correct(first, recalculated, staff, "igen", decided_on=date(2026, 6, 22))
    with pytest.raises(DecisionRefused, match="Ange varför"):
        correct(second, recalculated, staff, " ", decided_on=date(2026, 6, 22))
    third = correct(second, recalculated, staff, "Tillbaka till beräkningen.", decided_on=date(2026, 6, 23))
    assert third.corrects == second and third.total_granted == 10_140
