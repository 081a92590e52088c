"""The automated decision function decides an unchanged recurring application, and nothing else."""

from datetime import date

import pytest

from bistand.audit.models import AuditEvent
from bistand.automation import criteria
from bistand.automation.models import Assessment
from bistand.automation.run import automate
from bistand.cases.models import BarrierRegistration, Decision, Payment
from bistand.cases.models.application import ApplicationStatus
from bistand.cases.services import calculate_application
from bistand.casework import decisions
from bistand.casework.letters.context import letter_for
from bistand.selfsupport.models import ActionPlan
from tests.automation.world import JULY, NEED, TODAY, agencies_report, build, household

pytestmark = pytest.mark.django_db


def reasons(application) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for r in Assessment.objects.get(application=application).reasons:
        found.setdefault(r["code"], []).append(r["message"])
    return found


def test_an_unchanged_application_is_decided_automatically_with_the_letter_text():
    world = build()
    case, person, july = household(world)
    summary = automate([july], JULY, today=TODAY)
    assert (summary.decided, summary.to_person, summary.sampled) == (1, 0, 0)

    decision = Decision.objects.get(application=july)
    assert decision.automated == "kriterier 2026.2"
    assert decision.decided_by is None
    assert decision.total_granted == NEED  # 5 220 riksnorm + 5 000 rent + 300 electricity
    assert decision.outcome == "granted"
    assert Payment.objects.get(decision=decision).amount == NEED
    july.refresh_from_db()
    assert july.status == ApplicationStatus.DECIDED

    letter = letter_for(decision)
    text = " ".join(letter.automated)
    assert "automatiserade beslutsfunktion" in text
    assert "kriterier 2026.2" in text
    assert "Kontakta Norr 1, så prövar en handläggare beslutet på nytt" in text
    assert letter.signer_name == "Automatiserad beslutsfunktion"
    assert letter.summary[0] == "Du beviljas ekonomiskt bistånd med 10\u00a0520\u00a0kr för juli 2026."
    assert any("överklag" in p.lower() for p in letter.appeal_paragraphs)
    # The same reasons as a person's decision: a full approval has none beyond the calculation.
    assert letter.reasons == ["Du har rätt till ekonomiskt bistånd enligt beräkningen nedan."]

    audit = AuditEvent.objects.filter(case=case, action="decide").get()
    assert audit.client == "Automatiserad beslutsfunktion" and audit.user is None
    fetch = AuditEvent.objects.filter(case=case, action="fetch").get()
    assert "juli 2026" in fetch.what and "Ändamål: Automatiserad prövning" in fetch.what


def test_a_rerun_adds_nothing():
    world = build()
    _, _, july = household(world)
    automate([july], JULY, today=TODAY)
    again = automate([july], JULY, today=TODAY)
    assert (again.decided, again.to_person, again.skipped) == (0, 0, 1)
    assert Decision.objects.filter(application=july).count() == 1
    assert Assessment.objects.filter(application=july).count() == 1


def test_a_caseworker_corrects_an_automated_decision_like_any_decision():
    world = build()
    _, _, july = household(world)
    automate([july], JULY, today=TODAY)
    automated = Decision.objects.get(application=july)
    calculation = calculate_application(july, world.caseworker)
    new = decisions.correct(
        automated, calculation, world.caseworker, "Hyran var fel", {"rent": (4_000, "Fel hyra")}
    )
    assert new.corrects == automated and new.decided_by == world.caseworker and new.automated == ""
    assert new.total_granted == NEED - 1_000  # rent granted 4 000 instead of 5 000


def failed(world, july) -> dict[str, list[str]]:
    automate([july], JULY, today=TODAY)
    assert not Decision.objects.filter(application=july).exists()
    assert Assessment.objects.get(application=july).result == "to_person"
    return reasons(july)


def test_first_application_is_never_automated():
    world = build()
    _, _, july = household(world, kind="first")
    found = failed(world, july)
    assert found["recurring"] == ["Nyansökan: en första ansökan prövas alltid av en handläggare."]


def test_changed_costs_go_to_a_person():
    world = build()
    _, _, july = household(world, july_items=[("cost", "rent", 5_500), ("cost", "electricity", 300)])
    found = failed(world, july)
    assert list(found) == ["unchanged"]
    assert found["unchanged"] == [
        "Hushållet eller beloppen har ändrats sedan förra månaden: "
        "Kostnad: Boendekostnad (hyra) 5\u00a0000\u00a0kr → 5\u00a0500\u00a0kr."
    ]


def test_income_differing_from_the_agencies_goes_to_a_person():
    world = build()
    items = [*ITEMS_WITH_BENEFIT]
    _, person, july = household(world, items=items)
    agencies_report(person, [("unemployment_benefit", 4_000)])
    found = failed(world, july)
    assert list(found) == ["income_confirmed"]
    assert found["income_confirmed"] == [
        "Angivna inkomster stämmer inte med myndigheternas uppgifter: Arbetslöshetsersättning angett "
        "3\u00a0000\u00a0kr, enligt myndigheten 4\u00a0000\u00a0kr.",
        "Det finns 1 inkomstvarningar som inte är avslutade.",
    ]


ITEMS_WITH_BENEFIT = [
    ("cost", "rent", 5_000),
    ("cost", "electricity", 300),
    ("income", "unemployment_benefit", 3_000),
]


def test_income_confirmed_by_the_agencies_is_decided():
    world = build()
    _, person, july = household(world, items=ITEMS_WITH_BENEFIT)
    agencies_report(person, [("unemployment_benefit", 3_000)])
    automate([july], JULY, today=TODAY)
    assert Decision.objects.get(application=july).total_granted == NEED - 3_000  # a-kassa counted in full


def test_missing_barrier_goes_to_a_person():
    world = build()
    _, person, july = household(world)
    BarrierRegistration.objects.filter(person=person, month=JULY).delete()
    found = failed(world, july)
    assert found["no_blockers"] == [
        "Försörjningshinder saknas för Anna Ek för juli 2026. Registrera det innan beslut fattas."
    ]


def test_extra_needs_go_to_a_person():
    world = build()
    items = [("cost", "rent", 5_000), ("cost", "electricity", 300), ("extra_need", "dental_care", 2_000)]
    _, _, july = household(world, items=items)
    found = failed(world, july)
    assert found["no_extra_needs"] == [
        "Ansökan gäller även behov utöver försörjningsstöd (2\u00a0000\u00a0kr)."
    ]


def test_overdue_follow_up_goes_to_a_person():
    world = build()
    case, person, july = household(world)
    ActionPlan.objects.create(
        case=case, person=person, established_on=date(2026, 1, 10), next_follow_up_due=date(2026, 4, 10)
    )
    found = failed(world, july)
    assert found["follow_up"] == ["Uppföljningen av genomförandeplanen är försenad."]


def test_protected_identity_goes_to_a_person():
    world = build()
    _, _, july = household(world, protected="protected_registration")
    assert failed(world, july)["not_protected"] == ["Någon i hushållet har skyddade personuppgifter."]


def test_amount_above_the_mandate_goes_to_a_person(monkeypatch):
    from bistand.casework.decisions.delegation import Mandate

    world = build()
    _, _, july = household(world)
    monkeypatch.setattr(
        "bistand.automation.facts.AUTOMATED_MANDATE", Mandate("Automatiserad beslutsfunktion", 10_000, 0)
    )
    assert failed(world, july)["within_limit"] == [
        "Beloppet (10\u00a0520\u00a0kr) är högre än vad den automatiserade beslutsfunktionen får besluta om "
        "enligt delegationsordningen (10\u00a0000\u00a0kr)."
    ]


def test_a_rejection_is_never_automated():
    world = build()
    items = [
        ("cost", "rent", 5_000),
        ("cost", "electricity", 300),
        ("income", "unemployment_benefit", 11_000),
    ]
    _, person, july = household(world, items=items)
    agencies_report(person, [("unemployment_benefit", 11_000)])
    # 11 000 kr a-kassa covers the need of 10 520 kr: the proposal is a rejection.
    found = failed(world, july)
    assert found["full_approval"] == ["Förslaget är avslag. Avslag beslutas alltid av en handläggare."]


def test_the_decision_service_refuses_the_function_anything_but_a_full_approval():
    world = build()
    _, _, july = household(world, kind="first")
    calculation = calculate_application(july, None)
    with pytest.raises(decisions.DecisionRefused) as refused:
        decisions.decide(july, calculation, None, decided_on=TODAY, automated=criteria.VERSION)
    assert "Den automatiserade beslutsfunktionen beslutar bara om återansökningar." in refused.value.messages


def test_the_monthly_run_finds_the_function_in_its_registry():
    from bistand.casework import extensions

    world = build()
    _, _, july = household(world)
    for decider in extensions.MONTHLY_RUN_DECIDERS:
        decider([july], JULY)
    assert Decision.objects.get(application=july).automated == criteria.VERSION


def test_units_without_the_function_cost_one_query(django_assert_num_queries):
    world = build()
    world.setting.enabled = False
    world.setting.save()
    _, _, july = household(world)
    with django_assert_num_queries(1):  # the committee's settings; nothing per application
        summary = automate([july], JULY, today=TODAY)
    assert (summary.decided, summary.skipped) == (0, 1)
    assert not Assessment.objects.exists()


def test_the_letter_pdf_of_an_automated_decision(tmp_path):
    from bistand.casework.letters import decision_letter_pdf
    from tests.casework.test_letters import pdf_text

    world = build()
    _, _, july = household(world)
    automate([july], JULY, today=TODAY)
    text = pdf_text(decision_letter_pdf(Decision.objects.get(application=july), world.caseworker), tmp_path)
    for expected in [
        "Du beviljas ekonomiskt bistånd med 10 520 kr för juli 2026.",
        "Automatiserat beslut",
        "Beslutet är fattat av kommunens automatiserade beslutsfunktion",
        "Funktionen har tillämpat kriterier 2026.2",
        "Vill du att en handläggare tittar på beslutet igen? Kontakta Norr 1",
        "Automatiserad beslutsfunktion Beslutat enligt kriterier 2026.2, Norr 1",
        "Hur man överklagar",
    ]:
        assert expected in text, expected


def test_without_income_data_everything_goes_to_a_person(settings):
    settings.INCOME_DATA_PROVIDER = ""  # production before the municipality's SSBTEK agreement
    world = build()
    _, _, july = household(world)
    found = failed(world, july)
    assert found == {"income_confirmed": ["Inkomstuppgifter från myndigheterna är inte hämtade för månaden."]}
