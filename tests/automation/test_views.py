"""The automation's pages: criteria for everyone, follow-up for managers, the assessment on the application."""

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.automation.models import Assessment
from bistand.automation.run import automate
from bistand.cases.models import Decision
from bistand.organisation.models import Role
from tests.automation.world import JULY, TODAY, build, household
from tests.casework.factories import make_staff, make_unit

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_the_criteria_page_lists_every_criterion_in_swedish(client):
    world = build()
    client.force_login(world.caseworker.user)
    page = text(client.get(reverse("automation:criteria")))
    assert "Kriterier för automatiserade beslut (kriterier 2026.2)" in page
    assert "Hushållet och alla belopp är desamma som i förra månadens ansökan." in page
    assert "Beräkningen bygger inte på en preliminär riksnorm." in page
    assert "Norr 1: påslagen (Socialnämnden 2026-01-20 § 12), stickprov 0 %" in page


def test_the_follow_up_is_for_managers_and_shows_the_month(client):
    world = build()
    _, _, july = household(world)
    automate([july], JULY, today=TODAY)
    client.force_login(world.caseworker.user)
    assert client.get(reverse("automation:follow_up")).status_code == 403
    client.force_login(world.manager.user)
    page = text(client.get(reverse("automation:follow_up") + "?manad=2026-07"))
    assert "Automatiserade beslut juli 2026" in page
    assert "<dt>Beslutade automatiskt</dt><dd>1 (100 %)</dd>" in page
    assert "10 minuter" in page


def test_the_application_page_and_decision_page_show_an_automated_decision(client):
    world = build()
    case, _, july = household(world)
    automate([july], JULY, today=TODAY)
    decision = Decision.objects.get(application=july)
    client.force_login(world.caseworker.user)
    page = text(client.get(reverse("casework:application", args=[case.pk, july.pk])))
    assert "Ansökan beslutades automatiskt den 3 juli 2026 enligt" in page
    page = text(client.get(reverse("casework:decision", args=[case.pk, decision.pk])))
    assert "Den automatiserade beslutsfunktionen (kriterier 2026.2" in page
    assert "Rätta beslutet" in page
    page = text(client.get(reverse("casework:case", args=[case.pk])))
    assert "automatiserat beslut" in page


def test_the_reasons_are_on_the_application_page(client):
    world = build()
    case, _, july = household(world, kind="first")
    automate([july], JULY, today=TODAY)
    client.force_login(world.caseworker.user)
    page = text(client.get(reverse("casework:application", args=[case.pk, july.pk])))
    assert "Ansökan skickades till en handläggare enligt" in page
    assert "Nyansökan: en första ansökan prövas alltid av en handläggare." in page


def test_a_caseworker_reviews_a_sample_from_the_application_page(client):
    world = build()
    world.setting.sample_percent = 100
    world.setting.save()
    case, _, july = household(world)
    automate([july], JULY, today=TODAY)
    client.force_login(world.caseworker.user)
    url = reverse("automation:review", args=[case.pk, july.pk])
    page = text(client.post(url, {"agrees": "no", "note": ""}, follow=True))
    assert "Skriv varför du inte håller med" in page
    page = text(client.post(url, {"agrees": "yes", "note": ""}, follow=True))
    assert "Hanna Holm höll med den" in page
    assert Assessment.objects.get(application=july).agrees is True
    assert AuditEvent.objects.filter(
        case=case, action="change", what__startswith="Bedömde stickprov"
    ).exists()


def test_another_units_caseworker_cannot_review(client):
    world = build()
    world.setting.sample_percent = 100
    world.setting.save()
    case, _, july = household(world)
    automate([july], JULY, today=TODAY)
    stranger = make_staff(
        make_unit("Söder 1", "Söder", world.unit.district.municipality), Role.CASEWORKER, "Olle", "Syd"
    )
    client.force_login(stranger.user)
    assert (
        client.post(reverse("automation:review", args=[case.pk, july.pk]), {"agrees": "yes"}).status_code
        == 404
    )
    assert Assessment.objects.get(application=july).agrees is None


def test_the_start_page_flags_applications_left_to_a_person(client):
    world = build()
    _, _, july = household(world, kind="first")
    automate([july], JULY, today=TODAY)
    client.force_login(world.caseworker.user)
    assert "Till handläggare från automatisk prövning" in text(client.get("/"))
