"""Register extract (GDPR art. 15): everything about one person, nothing about anyone else, audited.

The person: Åsa Öberg, applicant in case A with her partner Bo Öberg (co-applicant). One month of
history (tests/lifecycle/world.py): rent 6 500 + norm 5 220 − salary 1 000 = 10 720 kr granted for July
2026, the bed (1 500 kr) rejected, 10 720 kr paid. Bo's own salary of 3 000 kr is declared in the same
application. Another person, Ulf Hed, has his own case B in the same unit.
"""

import json
import re
import shutil
import subprocess
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bistand.audit.models import AuditEvent, CaseAccessGrant
from bistand.cases.models import DeclaredItem
from bistand.journal.models import JournalNote
from bistand.lifecycle.extract import service
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from tests.casework.factories import make_person, make_staff, make_unit, personal_number
from tests.lifecycle.world import history, person_case

JULY = date(2026, 7, 1)


class World:
    pass


@pytest.fixture
def world(db):
    w = World()
    w.unit = make_unit()
    w.manager = make_staff(w.unit, role=Role.UNIT_MANAGER, first_name="Maja", last_name="Chef")
    w.worker = make_staff(w.unit, role=Role.CASEWORKER)
    w.analyst = make_staff(w.unit, role=Role.ANALYST, first_name="Ali", last_name="Lys")
    w.asa, w.case = person_case(
        w.unit, w.worker, date(1988, 3, 14), "Åsa", "Öberg", date(2026, 1, 5), street_address="Ängsvägen 3"
    )
    w.bo = make_person(
        birth=date(1987, 9, 9), first_name="Bo", last_name="Öberg", street_address="Hemliga gatan 1"
    )
    w.case.household.memberships.create(
        person=w.bo, role=MemberRole.CO_APPLICANT, valid_from=date(2026, 1, 5)
    )
    history(w.case, w.worker, JULY, date(2026, 6, 22))
    DeclaredItem.objects.create(
        application=w.case.applications.get(), category="income", kind="salary", amount=3_000, member=w.bo
    )
    w.ulf, w.other_case = person_case(w.unit, w.worker, date(1970, 2, 2), "Ulf", "Hed", date(2026, 2, 2))
    history(w.other_case, w.worker, JULY, date(2026, 6, 23))
    JournalNote.objects.create(
        case=w.other_case,
        author=w.worker,
        occurred_on=date(2026, 6, 23),
        heading="Ulfs skuld",
        text="Ulf har skulder.",
    )
    return w


def test_the_extract_holds_the_persons_records_and_nothing_of_anyone_else(world):
    data = service.person_extract(world.asa)
    assert data["person"]["personal_number"] == world.asa.personal_number
    assert data["person"]["street_address"] == "Ängsvägen 3"
    assert [h["role"] for h in data["households"]] == ["Sökande"]
    assert data["households"][0]["other_members"] == [{"role": "Medsökande", "valid_from": "2026-01-05"}]
    (case,) = data["cases"]
    assert case["case_number"] == world.case.number
    (decision,) = case["decisions"]
    assert (decision["total_granted"], decision["outcome"]) == (10_720, "Delvis bifall")
    assert [(i["label"], i["granted"]) for i in decision["items"]] == [("Riksnorm", 10_720), ("Säng", 0)]
    assert [p["amount"] for p in case["payments"]] == [10_720]
    assert [c["assistance"] for c in case["calculations"]] == [10_720]
    (application,) = case["applications"]
    # rent 6 500, salary 1 000, bed 1 500 are the household's; Bo's salary 3 000 is withheld (counted only)
    assert sorted(i["amount"] for i in application["items"]) == [1_000, 1_500, 6_500]
    assert application["items_about_other_members_withheld"] == 1
    assert [n["heading"] for n in case["journal_notes"]] == ["Besök"]
    assert len(case["meetings"]) == 1 and len(case["action_plans"]) == 1
    assert [e["action"] for e in case["audit"]] == [
        "Visade",
        "Visade lista",
    ]  # the case, and a list naming it
    assert case["audit"][0]["staff_role"] == "Socialsekreterare" and "Sara" not in json.dumps(case["audit"])

    text = json.dumps(data, ensure_ascii=False)
    for foreign in ("Ulf", "Hed", world.ulf.personal_number, world.other_case.number, "skulder",
                    "Bo", world.bo.personal_number, "Hemliga gatan", "3000"):  # fmt: skip
        assert not re.search(rf"\b{foreign}\b", text), foreign  # whole words: "Boendekostnad" is fine


def test_a_unit_manager_downloads_json_and_every_case_gets_an_audit_row(world, client):
    client.force_login(world.manager.user)
    page = client.post(reverse("lifecycle:extract"), {"personal_number": world.asa.personal_number_display})
    assert page.status_code == 200 and "Åsa Öberg" in page.content.decode()
    assert AuditEvent.objects.filter(action="view", case=world.case, staff=world.manager).count() == 1
    response = client.get(reverse("lifecycle:extract_download", args=[world.asa.pk, "json"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["cases"][0]["decisions"][0]["total_granted"] == 10_720
    rows = AuditEvent.objects.filter(action="extract")
    assert [(r.case_id, r.staff_id) for r in rows] == [(world.case.pk, world.manager.pk)]
    assert "JSON" in rows[0].what and rows[0].path.endswith("utdrag.json")


@pytest.mark.parametrize("who", ["worker", "analyst"])
def test_other_roles_get_404_and_nothing_is_logged_as_extract(world, client, who):
    client.force_login(getattr(world, who).user)
    assert client.get(reverse("lifecycle:extract")).status_code == 404
    for kind in ("pdf", "json"):
        assert client.get(reverse("lifecycle:extract_download", args=[world.asa.pk, kind])).status_code == 404
    assert not AuditEvent.objects.filter(action="extract").exists()


def test_a_manager_of_another_unit_gets_the_same_answer_as_for_a_missing_person(world, client):
    elsewhere = make_staff(make_unit(name="Annan enhet"), role=Role.UNIT_MANAGER)
    client.force_login(elsewhere.user)
    forbidden = client.post(reverse("lifecycle:extract"), {"personal_number": world.asa.personal_number})
    missing = client.post(
        reverse("lifecycle:extract"), {"personal_number": personal_number(date(1990, 1, 1), 5)}
    )
    assert forbidden.status_code == missing.status_code == 404
    assert "Åsa" not in forbidden.content.decode()
    assert client.get(reverse("lifecycle:extract_download", args=[world.asa.pk, "json"])).status_code == 404
    assert client.get(reverse("lifecycle:extract_download", args=[999_999, "json"])).status_code == 404


def test_a_protected_person_only_by_a_manager_who_holds_or_was_granted_the_case(world, client):
    world.bo.protected_identity = "protected_registration"
    world.bo.save()
    assert service.person_for(world.manager, person_id=world.asa.pk) is None
    CaseAccessGrant.objects.create(case=world.case, staff=world.manager, reason="Registerutdrag begärt")
    assert service.person_for(world.manager, person_id=world.asa.pk) == world.asa


def test_the_pdf_is_swedish_and_shows_the_decision_amounts(world, client, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas: apt-get install -y poppler-utils (scripts/system-deps.sh)")
    client.force_login(world.manager.user)
    response = client.get(reverse("lifecycle:extract_download", args=[world.asa.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "utdrag.pdf"
    path.write_bytes(response.content)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    text = " ".join(out.stdout.replace("\u00a0", " ").split())
    assert "Registerutdrag" in text and "Åsa" in text and "Öberg" in text and "Ängsvägen 3" in text
    assert "Delvis bifall för juli 2026: 10 720 kr" in text
    assert "Säng 1 500 kr 0 kr" in text  # requested 1 500, granted 0
    assert "Försörjningsstöd" in text and "dataskyddsförordningen" in text
    assert "Ulf" not in text and "Hed" not in text
    assert AuditEvent.objects.filter(action="extract", case=world.case, what__contains="PDF").count() == 1


def test_the_command_writes_pdf_and_json_and_audits(world, tmp_path):
    out = StringIO()
    call_command(
        "registerutdrag", "--personnummer", world.asa.personal_number, "--user", world.manager.user.username,
        "--out", str(tmp_path), stdout=out,
    )  # fmt: skip
    json_file = tmp_path / f"registerutdrag-{world.asa.pk}.json"
    assert json.loads(json_file.read_text())["person"]["last_name"] == "Öberg"
    assert (tmp_path / f"registerutdrag-{world.asa.pk}.pdf").read_bytes().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="extract", path="cli").count() == 2  # PDF and JSON, one case
    with pytest.raises(CommandError, match="enhetschef"):
        call_command("registerutdrag", "--personnummer", world.asa.personal_number,
                     "--user", world.worker.user.username, "--out", str(tmp_path))  # fmt: skip


def test_a_malformed_personnummer_gets_a_swedish_error_and_no_search(world, client):
    client.force_login(world.manager.user)
    response = client.post(reverse("lifecycle:extract"), {"personal_number": "19880314-0000"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode() and "Åsa" not in response.content.decode()
    assert not AuditEvent.objects.filter(staff=world.manager, case__isnull=False).exists()
