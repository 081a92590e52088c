"""The start pages, the case file, the journal, the audit log search and signing in and out."""

import copy
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.cases.immutable import AppendOnlyError
from bistand.casework import extensions
from bistand.journal.models import JournalNote
from tests.casework.views_world import PASSWORD, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_sign_in_and_out(client, world):
    page = client.get("/logga-in/")
    assert page.status_code == 200 and "Logga in" in page.content.decode()
    wrong = client.post("/logga-in/", {"username": world.owner.user.username, "password": "fel"})
    assert wrong.status_code == 200 and "lösenord" in wrong.content.decode().lower()
    response = client.post("/logga-in/", {"username": world.owner.user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    response = client.post("/logga-ut/")
    assert response.status_code == 302 and response["Location"] == "/logga-in/"
    assert client.get("/").status_code == 302


def test_caseworker_start_page_lists_what_to_decide_and_the_caseload(client, world):
    client.force_login(world.owner.user)
    response = client.get("/")
    html = response.content.decode()
    context = response.context
    # Hanna has two open cases, each with a July application with the same amounts as the decided June.
    assert [row.case.number for row in context["rows"]] == ["EB-00001", "EB-00002"]
    assert len(context["to_decide"]) == 2 and context["unchanged_count"] == 2
    assert "Oförändrad" in html
    # Demostad's caseload cap is 35 households per caseworker (parameters/municipalities/demostad.toml).
    assert context["caseload"] == 2 and context["cap"] == 35
    assert "2 av 35" in html


def test_start_page_shows_what_changed(client, world):
    item = world.application.items.get(kind="rent")
    item.amount = 5_400
    item.save()
    client.force_login(world.owner.user)
    html = client.get("/").content.decode()
    assert "Boendekostnad (hyra)" in html and "5\u00a0000\u00a0kr → 5\u00a0400\u00a0kr" in html


def test_extension_panels_and_row_flags_are_rendered(client, world, monkeypatch, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "view_templates"]
    settings.TEMPLATES = templates

    def panel(staff, request):
        return extensions.Panel("Bevakningar som förfaller", "test_panel.html", {"count": 3})

    def flags(cases, staff):
        return {cases[0].pk: ["Ej träffad"]} if cases else {}

    monkeypatch.setattr(extensions, "START_PAGE_PANELS", [panel])
    monkeypatch.setattr(extensions, "CASE_ROW_FLAGS", [flags])
    monkeypatch.setattr(
        extensions,
        "TIMELINE_SOURCES",
        [lambda case: [extensions.TimelineEntry(date(2026, 6, 30), "meeting", "Planeringsbesök")]],
    )
    client.force_login(world.owner.user)
    html = client.get("/").content.decode()
    assert "Bevakningar som förfaller" in html and "3 bevakningar" in html
    assert "Ej träffad" in html
    case_html = client.get(reverse("casework:case", args=[world.case.pk])).content.decode()
    assert "Planeringsbesök" in case_html


def test_unit_manager_sees_caseload_per_worker(client, world):
    client.force_login(world.manager.user)
    response = client.get("/")
    loads = {
        load.staff.full_name: (load.open_cases, load.protected, load.to_decide)
        for load in response.context["loads"]
    }
    # Hanna holds two open cases, one of them Sara Dold's protected case: the manager may not open it (no
    # grant), but it is counted, as on Hanna's own start page, and said to be protected. Its application
    # waits too: 1 + 1 = 2 to decide.
    assert loads == {"Hanna Holm": (2, 1, 2), "Kim Berg": (0, 0, 0)}
    html = response.content.decode()
    assert "Enhetens ärenden" in html and "varav 1 skyddade" in html
    assert "Sara Dold" not in html


def test_analyst_gets_pointers_to_statistics(client, world):
    client.force_login(world.analyst.user)
    html = client.get("/").content.decode()
    assert "/statistik/" in html and "Mina ärenden</h1>" not in html


def test_case_file_shows_household_timeline_and_calculation(client, world):
    client.force_login(world.owner.user)
    response = client.get(reverse("casework:case", args=[world.case.pk]))
    html = response.content.decode()
    assert "Anna Ek" in html and "19900401" in html.replace("-", "")
    kinds = [entry.kind for entry in response.context["timeline"]]
    assert {"application", "decision", "payment", "journal"} <= set(kinds)
    # Newest first.
    whens = [entry.when for entry in response.context["timeline"]]
    assert "Telefonsamtal" in html
    assert response.context["calculation"].assistance == 5_220 + 5_000 + 300
    assert len(whens) == len(kinds)


def test_journal_notes_are_dated_signed_and_kept(client, world):
    client.force_login(world.owner.user)
    url = reverse("journal:journal", args=[world.case.pk])
    response = client.post(url, {"occurred_on": "2026-07-02", "heading": "Besök", "text": "Planering."})
    assert response.status_code == 302
    note = JournalNote.objects.get(heading="Besök")
    assert note.author == world.owner and note.written_at is not None
    html = client.get(url).content.decode()
    assert "Besök" in html and "Hanna Holm" in html
    with pytest.raises(AppendOnlyError):
        note.text = "Ändrad"
        note.save()
    with pytest.raises(AppendOnlyError):
        note.delete()


def test_journal_note_through_htmx_returns_the_region_and_reports_errors(client, world):
    client.force_login(world.owner.user)
    url = reverse("journal:journal", args=[world.case.pk])
    response = client.post(
        url, {"occurred_on": "2099-01-01", "heading": "", "text": "x"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Datumet kan inte ligga i framtiden." in html
    assert not JournalNote.objects.filter(text="x").exists()


def test_audit_log_search_for_unit_managers(client, world):
    client.force_login(world.owner.user)
    client.get(reverse("casework:case", args=[world.case.pk]))
    client.force_login(world.colleague.user)
    client.get(reverse("casework:case", args=[world.case.pk]))
    assert client.get("/logg/").status_code == 403
    client.force_login(world.manager.user)
    response = client.get("/logg/", {"case_number": "EB-00001", "staff": world.colleague.pk})
    events = list(response.context["page"])
    assert [(e.staff, e.case.number, e.action) for e in events] == [(world.colleague, "EB-00001", "view")]
    response = client.get("/logg/", {"date_from": "2026-01-02", "date_to": "2026-01-01"})
    assert "Slutdatumet ligger före startdatumet." in response.content.decode()
    assert AuditEvent.objects.filter(staff=world.manager, action="audit_search").count() == 2


def test_senior_caseworker_sees_own_cases_and_the_units_caseloads(client, world):
    from bistand.organisation.models import Role
    from tests.casework.factories import make_staff

    senior = make_staff(world.case.unit, Role.SENIOR_CASEWORKER, "Maria", "Holm")
    client.force_login(senior.user)
    response = client.get("/")
    assert response.context["rows"] == []
    loads = {load.staff.full_name: load.open_cases for load in response.context["loads"]}
    assert loads["Hanna Holm"] == 2  # the protected case is not hers to see, but it is counted
    assert "Ärendemängd i enheten" in response.content.decode()
