"""The caseworker's week of meetings and the meeting invitation letter (PDF read back with pdftotext)."""

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.selfsupport.calendar import parse_week, week_of
from bistand.selfsupport.meetings import book_meeting
from tests.selfsupport.world import aware, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas: apt-get install -y poppler-utils (scripts/system-deps.sh)")
    path = tmp_path / "kallelse.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.replace("\u00a0", " ").split())


def book(world, when, staff=None, **kwargs):
    return book_meeting(
        world.case,
        staff or world.sara,
        kind=kwargs.get("kind", "planning_visit"),
        mode=kwargs.get("mode", "in_person"),
        starts_at=when,
        duration_minutes=45,
        location=kwargs.get("location", "Rum 3, Norr"),
    )


def test_the_week_runs_monday_to_sunday_and_holds_only_her_meetings(world):
    # 2 December 2026 is a Wednesday: its week is Monday 30 November – Sunday 6 December (ISO week 49).
    assert parse_week("2026-12-02", date(2026, 1, 1)) == date(2026, 11, 30)
    assert parse_week("inte ett datum", date(2026, 12, 6)) == date(2026, 11, 30)
    wednesday = book(world, aware(2026, 12, 2, 9, 30))
    book(world, aware(2026, 12, 7, 9, 0))  # next Monday: another week
    book(world, aware(2026, 12, 3, 13, 0), staff=world.manager)  # the manager's meeting, not Sara's
    days = week_of(world.sara, date(2026, 11, 30), date(2026, 12, 1))
    assert [d.label for d in days][:3] == ["måndag 30 november", "tisdag 1 december", "onsdag 2 december"]
    assert days[6].label == "söndag 6 december"
    assert [m.pk for d in days for m in d.meetings] == [wednesday.pk]
    assert days[2].meetings == [wednesday] and days[1].today


def test_the_calendar_page_is_swedish_and_logged(client, world):
    book(world, aware(2026, 12, 2, 9, 30))
    client.force_login(world.sara.user)
    response = client.get(reverse("selfsupport:calendar") + "?vecka=2026-12-02")
    html = response.content.decode()
    assert "Mina möten vecka 49" in html and "Onsdag 2 december" in html and "09:30" in html
    assert "Planeringsbesök · Amira Hassan" in html
    event = AuditEvent.objects.get(action="list")
    assert event.what == "Kalender vecka 49 (1 ärenden)"


def test_the_calendar_leaves_out_cases_of_other_units(client, world):
    book(world, aware(2026, 12, 2, 9, 30), staff=world.outsider)  # booked on a case outside her unit
    days = week_of(world.outsider, date(2026, 11, 30), date(2026, 12, 1))
    assert sum(len(d.meetings) for d in days) == 0


def test_the_invitation_letter_says_when_and_where(client, world, tmp_path):
    world.amira.street_address, world.amira.postal_code, world.amira.city = "Storgatan 1", "11122", "Testby"
    world.amira.save()
    meeting = book(world, aware(2026, 12, 2, 9, 30))
    client.force_login(world.sara.user)
    response = client.get(reverse("selfsupport:meeting_invitation", args=[world.case.pk, meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Kallelse till planeringsbesök" in text
    assert "Onsdag den 2 december 2026 klockan 09.30" in text
    assert "Plats: Rum 3, Norr" in text and "Mötet tar ungefär 45 minuter." in text
    assert "Amira Hassan" in text and "Storgatan 1" in text and "111 22 Testby" in text
    assert AuditEvent.objects.filter(action="print", case=world.case).count() == 1


def test_a_protected_address_is_never_printed_on_the_invitation(client, world, tmp_path):
    world.amira.street_address, world.amira.postal_code, world.amira.city = (
        "Hemligvägen 7",
        "99999",
        "Hemligstad",
    )
    world.amira.protected_identity = "protected_registration"
    world.amira.save()
    meeting = book(world, aware(2026, 12, 2, 9, 30), mode="phone", location="")
    client.force_login(world.sara.user)  # the responsible caseworker
    text = pdf_text(
        client.get(reverse("selfsupport:meeting_invitation", args=[world.case.pk, meeting.pk])).content,
        tmp_path,
    )
    assert "Hemligvägen" not in text and "Hemligstad" not in text
    assert "Adress visas inte (skyddade personuppgifter)" in text
    assert "Din handläggare ringer upp dig." in text


def test_the_invitation_of_another_units_case_is_404(client, world):
    meeting = book(world, aware(2026, 12, 2, 9, 30))
    client.force_login(world.outsider.user)
    url = reverse("selfsupport:meeting_invitation", args=[world.case.pk, meeting.pk])
    assert client.get(url).status_code == 404


def test_the_calendar_is_not_for_analysts(client, world):
    from bistand.organisation.models import Role
    from tests.casework.factories import make_staff

    analyst = make_staff(world.unit, role=Role.ANALYST, first_name="Alva", last_name="Analys")
    client.force_login(analyst.user)
    assert client.get(reverse("selfsupport:calendar")).status_code == 404
