"""Registering, changing and deciding applications through the web pages, and the application API.

The world (views_world.py) has Anna Ek's July 2026 recurring application with the same amounts as June:
rent 5 000 and electricity 300 in Demostad.
Expected amounts (riksnorm 2026, single adult 3 940 + common costs for 1 person 1 280 = 5 220; Demostad's
rent cap for 1 person from 2024 is 5 600, so rent 5 000 is approved in full):
    5 220 + 5 000 + 300 = 10 520 kr försörjningsstöd.
"""

import json

import pytest
from django.urls import reverse

from bistand.cases.models import Application, Decision, DeclaredItem, Payment
from bistand.casework import applications
from tests.casework.views_world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("august_2026")]

EXPECTED_ASSISTANCE = 5_220 + 5_000 + 300  # 10 520


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def owner_client(client, world):
    client.force_login(world.owner.user)
    return client


def app_url(world, name="application"):
    return reverse(f"casework:{name}", args=[world.case.pk, world.application.pk])


def decision_fields(response) -> dict:
    """The decision form's fields exactly as the page rendered them (what a browser would post)."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {k: "" if v is None else v for k, v in data.items()}


def test_an_unchanged_recurring_application_is_decided_with_one_confirmation(owner_client, world):
    page = owner_client.get(app_url(world))
    html = page.content.decode()
    assert page.context["unchanged"] is True
    assert "Oförändrad sedan förra månaden" in html and "Bekräfta beslut enligt förslaget" in html
    assert page.context["calculation"].assistance == EXPECTED_ASSISTANCE
    response = owner_client.post(app_url(world, "application_decide"), decision_fields(page))
    decision = Decision.objects.get(application=world.application)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:decision", args=[world.case.pk, decision.pk])
    assert decision.total_granted == EXPECTED_ASSISTANCE and decision.outcome == "granted"
    assert decision.decided_by == world.owner
    assert Payment.objects.get(decision=decision).amount == EXPECTED_ASSISTANCE
    decision_page = owner_client.get(response["Location"]).content.decode()
    assert "10\u00a0520\u00a0kr" in decision_page and "överklaga" in decision_page.lower()


def test_opening_the_application_calculates_once_per_version(owner_client, world):
    owner_client.get(app_url(world))
    owner_client.get(app_url(world))
    assert world.application.calculations.count() == 1
    applications.replace_items(
        world.application, world.application.version, [applications.Item("cost", "rent", 4_000)]
    )
    owner_client.get(app_url(world))
    assert world.application.calculations.count() == 2


def test_a_changed_item_needs_a_reason_and_the_typed_values_stay(owner_client, world):
    page = owner_client.get(app_url(world))
    data = decision_fields(page)
    data["granted_rent"] = "4 500"
    response = owner_client.post(app_url(world, "application_decide"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Decision.objects.filter(application=world.application).exists()
    assert "Skriv varför du ändrar beloppet" in html
    assert 'value="4 500"' in html
    data["reason_rent"] = "Hyran är lägre från juli enligt nytt hyresavtal."
    response = owner_client.post(app_url(world, "application_decide"), data)
    decision = Decision.objects.get(application=world.application)
    # 10 520 − (5 000 − 4 500) = 10 020; the rent is partly granted, so the decision is too.
    assert decision.total_granted == 10_020 and decision.outcome == "partly_granted"
    assert decision.items.get(kind="rent").reason == "Hyran är lägre från juli enligt nytt hyresavtal."


def test_a_decision_on_a_stale_version_is_refused_and_keeps_the_input(owner_client, world):
    page = owner_client.get(app_url(world))
    data = decision_fields(page)
    data["granted_rent"], data["reason_rent"] = "4800", "Mitt skäl som inte får försvinna"
    # A colleague changes the application meanwhile.
    applications.replace_items(
        world.application, world.application.version, [applications.Item("cost", "rent", 5_500)]
    )
    response = owner_client.post(app_url(world, "application_decide"), data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Ansökan har ändrats av någon annan" in html
    assert "Mitt skäl som inte får försvinna" in html and 'value="4800"' in html
    assert not Decision.objects.filter(application=world.application).exists()


def test_an_edit_on_a_stale_version_is_refused_and_keeps_the_input(owner_client, world):
    page = owner_client.get(app_url(world, "application_edit"))
    version = page.context["version"]
    applications.replace_items(world.application, version, [applications.Item("cost", "rent", 5_500)])
    data = {
        "version": version,
        "costs-TOTAL_FORMS": "1", "costs-INITIAL_FORMS": "0",
        "costs-0-kind": "rent", "costs-0-amount": "6 123", "costs-0-description": "Ny hyra",
        "incomes-TOTAL_FORMS": "0", "incomes-INITIAL_FORMS": "0",
        "extra_needs-TOTAL_FORMS": "0", "extra_needs-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = owner_client.post(app_url(world, "application_edit"), data)
    html = response.content.decode()
    assert "Ansökan har ändrats av någon annan" in html
    assert 'value="6 123"' in html and "Ny hyra" in html
    # The colleague's change stands.
    assert list(
        DeclaredItem.objects.filter(application=world.application).values_list("amount", flat=True)
    ) == [5_500]
    # Saving again after seeing the new version is allowed (the form now carries the current version).
    data["version"] = response.context["version"]
    response = owner_client.post(app_url(world, "application_edit"), data)
    assert response.status_code == 302
    assert list(
        DeclaredItem.objects.filter(application=world.application).values_list("amount", flat=True)
    ) == [6_123]


def test_register_a_paper_application_with_a_clear_message_for_bad_input(owner_client, world):
    url = reverse("casework:application_new", args=[world.case.pk])
    page = owner_client.get(url)
    assert page.status_code == 200
    # Last month's amounts are filled in for a recurring application.
    assert page.context["sections"].sections[0]["formset"].initial[0]["kind"] == "rent"
    data = {
        "month": "2026-08", "kind": "recurring", "channel": "paper", "received_on": "2026-07-25",
        "costs-TOTAL_FORMS": "2", "costs-INITIAL_FORMS": "0",
        "costs-0-kind": "rent", "costs-0-amount": "5 000,50",
        "costs-1-kind": "electricity", "costs-1-amount": "310",
        "incomes-TOTAL_FORMS": "1", "incomes-INITIAL_FORMS": "0",
        "incomes-0-kind": "salary", "incomes-0-amount": "2 000 kr", "incomes-0-member": "",
        "extra_needs-TOTAL_FORMS": "1", "extra_needs-INITIAL_FORMS": "0",
        "extra_needs-0-kind": "", "extra_needs-0-amount": "800",
    }  # fmt: skip
    response = owner_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv beloppet i hela kronor, utan ören." in html
    assert "Välj vad beloppet gäller." in html
    assert 'value="310"' in html and 'value="2 000 kr"' in html  # nothing typed is lost
    assert not Application.objects.filter(case=world.case, month="2026-08-01").exists()
    data["costs-0-amount"], data["extra_needs-0-kind"] = "5 000", "glasses"
    response = owner_client.post(url, data)
    application = Application.objects.get(case=world.case, month="2026-08-01")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:application", args=[world.case.pk, application.pk])
    stored = sorted(application.items.values_list("category", "kind", "amount"))
    assert stored == [("cost", "electricity", 310), ("cost", "rent", 5_000), ("extra_need", "glasses", 800), ("income", "salary", 2_000)]  # fmt: skip


def test_add_row_keeps_what_was_typed(owner_client, world):
    url = reverse("casework:application_new", args=[world.case.pk])
    data = {
        "month": "2026-08", "kind": "recurring", "channel": "visit", "received_on": "2026-07-25",
        "costs-TOTAL_FORMS": "1", "costs-INITIAL_FORMS": "0", "costs-0-kind": "rent", "costs-0-amount": "4321",
        "incomes-TOTAL_FORMS": "0", "incomes-INITIAL_FORMS": "0",
        "extra_needs-TOTAL_FORMS": "0", "extra_needs-INITIAL_FORMS": "0",
        "add_row": "costs",
    }  # fmt: skip
    response = owner_client.post(url, data)
    assert response.status_code == 200 and 'value="4321"' in response.content.decode()
    assert len(response.context["sections"].sections[0]["formset"].forms) == 2
    assert not Application.objects.filter(month="2026-08-01").exists()


def test_correcting_a_decision_makes_a_new_one_and_pays_the_difference(owner_client, world):
    url = reverse("casework:decision_correct", args=[world.case.pk, world.decision.pk])
    data = {
        "version": world.decided.version, "reason": "Elkostnaden var felregistrerad.",
        "costs-TOTAL_FORMS": "2", "costs-INITIAL_FORMS": "0",
        "costs-0-kind": "rent", "costs-0-amount": "5000", "costs-1-kind": "electricity", "costs-1-amount": "500",
        "incomes-TOTAL_FORMS": "0", "incomes-INITIAL_FORMS": "0",
        "extra_needs-TOTAL_FORMS": "0", "extra_needs-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = owner_client.post(url, data)
    new = Decision.objects.get(corrects=world.decision)
    assert response.status_code == 302
    # 5 220 + 5 000 + 500 = 10 720; 10 520 was already paid, so 200 more.
    assert new.total_granted == 10_720
    assert Payment.objects.get(decision=new).amount == 200


def api_body(**overrides):
    body = {
        "case_number": "EB-00001",
        "month": "2026-08",
        "kind": "recurring",
        "costs": [{"kind": "rent", "amount": 5000}],
        "incomes": [{"kind": "salary", "amount": 1500, "member": None}],
    }
    return json.dumps({**body, **overrides})


def test_the_api_receives_an_application_for_a_signed_in_caseworker(owner_client, world):
    response = owner_client.post("/api/v1/applications", api_body(), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    application = Application.objects.get(pk=data["id"])
    assert (application.channel, application.kind, application.version) == ("e_service", "recurring", 1)
    assert sorted(application.items.values_list("kind", "amount")) == [("rent", 5_000), ("salary", 1_500)]
    assert data["url"] == reverse("casework:application", args=[world.case.pk, application.pk])


def test_the_api_names_unknown_kinds_and_cases(owner_client, world):
    bad = owner_client.post(
        "/api/v1/applications",
        api_body(costs=[{"kind": "yacht", "amount": 1}]),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0] == {
        "code": "unknown_kind",
        "message": bad.json()["errors"][0]["message"],
        "field": "costs[0].kind",
    }
    assert "yacht" in bad.json()["errors"][0]["message"]
    missing = owner_client.post(
        "/api/v1/applications", api_body(case_number="EB-99999"), content_type="application/json"
    )
    assert missing.status_code == 404 and missing.json()["errors"][0]["code"] == "unknown_case"


def test_missing_barrier_stops_the_decision_with_the_reason_shown(owner_client, world):
    from bistand.cases.models import BarrierRegistration

    BarrierRegistration.objects.filter(case=world.case, month=world.application.month).delete()
    page = owner_client.get(app_url(world))
    html = page.content.decode()
    assert "Försörjningshinder saknas" in html and "disabled" in html
    response = owner_client.post(app_url(world, "application_decide"), decision_fields(page))
    assert response.status_code == 409 and "Försörjningshinder saknas" in response.content.decode()
    assert not Decision.objects.filter(application=world.application).exists()
