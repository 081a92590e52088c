"""The self-support pages: access and audit on every case URL, and the main flows through the forms."""

from datetime import date, timedelta

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from bistand.audit.models import AuditEvent
from bistand.cases.models import BarrierRegistration, Case
from bistand.journal.models import JournalNote
from bistand.selfsupport import urls as selfsupport_urls
from bistand.selfsupport.meetings import book_meeting
from bistand.selfsupport.models import ActionPlan, Assessment, LifeArea, Meeting, Reminder
from bistand.selfsupport.plans import GoalInput, create_plan
from bistand.selfsupport.schedule import latest_allowed_follow_up
from tests.not_found import page_text, with_missing_case
from tests.selfsupport.world import aware, build_world

pytestmark = pytest.mark.django_db

CASE_PREFIX = "arenden/<int:case_id>/"


@pytest.fixture
def world():
    return build_world()


def case_urls(world) -> list[str]:
    """Every URL under arenden/<case_id>/, the other ids filled in with real objects of the case."""
    meeting = book_meeting(
        world.case,
        world.sara,
        kind="first_visit",
        mode="in_person",
        starts_at=aware(2026, 11, 2),
        duration_minutes=60,
    )
    assessment = Assessment.objects.create(case=world.case, person=world.amira, assessed_on=date(2026, 10, 1))
    plan = create_plan(
        world.case,
        world.amira,
        world.sara,
        established_on=date(2026, 10, 1),
        goals=[GoalInput("Jobba")],
        client_participated=True,
        agreed_on=None,
        agreement_method="",
    )
    reminder = Reminder.objects.create(
        case=world.case, staff=world.sara, due_on=date(2026, 12, 1), text="Intyg"
    )
    values = {
        "case_id": world.case.pk,
        "meeting_id": meeting.pk,
        "assessment_id": assessment.pk,
        "plan_id": plan.pk,
        "reminder_id": reminder.pk,
    }
    patterns = [
        p
        for p in selfsupport_urls.urlpatterns
        if isinstance(p, URLPattern) and str(p.pattern).startswith(CASE_PREFIX)
    ]
    assert len(patterns) >= 12
    return [
        reverse(f"selfsupport:{p.name}", kwargs={n: values[n] for n in p.pattern.converters})
        for p in patterns
    ]


def test_every_case_url_is_refused_to_a_caseworker_of_another_unit_and_logged(client, world):
    urls = case_urls(world)
    client.force_login(world.outsider.user)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
        # Exactly the answer for a case that does not exist.
        assert page_text(client.get(url)) == page_text(client.get(with_missing_case(url, world.case.pk)))
    denied = AuditEvent.objects.filter(staff=world.outsider, case=world.case, action="denied")
    assert denied.count() == 3 * len(urls)
    assert not Reminder.objects.filter(done_at__isnull=False).exists()


def test_every_case_page_is_audited_for_the_caseworker(client, world):
    client.force_login(world.sara.user)
    for url in case_urls(world):
        response = client.get(url)
        assert response.status_code == (302 if url.endswith("/klar/") else 200), url
        action = "print" if url.endswith(".pdf") else "view"  # a letter is logged as printed
        event = AuditEvent.objects.filter(action=action).order_by("-id").first()
        assert (event.case, event.staff, event.path) == (world.case, world.sara, url)
        assert event.what.startswith("Självförsörjning: ")


def test_book_and_record_a_first_visit(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:meetings", args=[world.case.pk])
    day = timezone.localdate()
    response = client.post(
        url,
        {
            "kind": "first_visit",
            "mode": "in_person",
            "day": day.isoformat(),
            "start_time": "00:05",
            "duration_minutes": "75",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(case=world.case)
    assert meeting.status == "booked" and list(meeting.staff.all()) == [world.sara]
    assert AuditEvent.objects.filter(action="change", what="Självförsörjning: möte bokat (Nybesök)").exists()

    record = reverse("selfsupport:meeting_record", args=[world.case.pk, meeting.pk])
    page = client.get(record).content.decode()
    assert "Klienter som deltog" in page and "Jobb Testby" in page  # the municipal labour unit's name
    data = {
        "status": "held",
        "mode": "in_person",
        "day": day.isoformat(),
        "start_time": "00:05",
        "duration_minutes": "70",
        "persons": [world.amira.pk, world.karim.pk],
        "note": "Första mötet. Vi gick igenom ansökan.",
    }
    assert client.post(record, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.duration_minutes == 70
    note = JournalNote.objects.get(pk=meeting.journal_note_id)
    assert note.heading == "Nybesök, fysiskt möte, 70 min"
    assert note.text.startswith("Första mötet.")
    # Sara has now met the client after her assignment began: the case file no longer says "Ej träffad".
    overview = client.get(reverse("selfsupport:overview", args=[world.case.pk])).content.decode()
    assert "Ej träffad" not in overview


def test_a_multi_party_meeting_needs_another_party(client, world):
    client.force_login(world.sara.user)
    meeting = book_meeting(
        world.case,
        world.sara,
        kind="multi_party",
        mode="in_person",
        starts_at=aware(2026, 11, 2),
        duration_minutes=60,
    )
    url = reverse("selfsupport:meeting_record", args=[world.case.pk, meeting.pk])
    data = {
        "status": "held",
        "mode": "in_person",
        "day": "2026-11-02",
        "start_time": "10:00",
        "duration_minutes": "60",
        "persons": [world.amira.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ett flerpartssamtal behöver minst en part utöver socialtjänsten" in response.content.decode()
    data.update({"party_af": "on", "party_af_name": "Eva på AF", "party_municipal_labour": "on"})
    assert client.post(url, data).status_code == 302
    assert sorted(meeting.parties.values_list("party", flat=True)) == ["af", "municipal_labour"]
    assert (
        "Arbetsförmedlingen (Eva på AF), Jobb Testby"
        in JournalNote.objects.get(pk=Meeting.objects.get(pk=meeting.pk).journal_note_id).text
    )


def test_assessment_shows_the_previous_rating_beside_the_new_one(client, world):
    client.force_login(world.sara.user)
    areas = list(LifeArea.objects.order_by("order"))
    assert len(areas) == 13 and sum(not a.verified for a in areas) == 4
    url = reverse("selfsupport:assessment_new", args=[world.case.pk])
    page = client.get(url).content.decode()
    assert "ej verifierat" not in page and "Det här är den första bedömningen" in page
    data = {"person": world.amira.pk, "assessed_on": "2026-08-01", "summary": "Står nära arbetsmarknaden."}
    for area in areas:
        data[f"rating_{area.pk}"] = "unknown"
    data[f"rating_{areas[4].pk}"] = "3"
    data[f"words_{areas[4].pk}"] = "Jag sover dåligt"
    assert client.post(url, data).status_code == 302
    page = client.get(url + f"?person={world.amira.pk}").content.decode()
    assert (
        "Förra gången (2026-08-01): <strong>3 – Stort hinder</strong>" in page and "Jag sover dåligt" in page
    )
    data.update(
        {"assessed_on": "2026-11-01", f"rating_{areas[4].pk}": "1", f"words_{areas[4].pk}": "Bättre nu"}
    )
    response = client.post(url, data)
    latest = Assessment.objects.filter(person=world.amira).order_by("-assessed_on").first()
    detail = client.get(response.url).content.decode()
    assert latest.ratings.get(life_area=areas[4]).rating == 1
    assert "(bättre)" in detail
    history = client.get(reverse("selfsupport:assessment_history", args=[world.case.pk])).content.decode()
    assert "2026-08-01" in history and "2026-11-01" in history


def test_plan_with_two_goals_and_its_follow_up(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:plan_new", args=[world.case.pk])
    today = timezone.localdate()
    data = {
        "person": world.amira.pk,
        "established_on": today.isoformat(),
        "client_participated": "on",
        "agreed_on": today.isoformat(),
        "agreement_method": "orally_in_meeting",
        "goal0_text": "Jag vill prata bättre svenska",
        "goal0_step0_intervention": "sfi",
        "goal0_step0_responsible": "client",
        "goal1_text": "Jag vill jobba i butik",
        "goal1_step0_intervention": "work_training",
        "goal1_step0_responsible": "municipal_labour",
        "goal1_step0_description": "Praktik på ICA",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = ActionPlan.objects.get(case=world.case)
    assert [g.text for g in plan.goals.all()] == ["Jag vill prata bättre svenska", "Jag vill jobba i butik"]
    assert plan.next_follow_up_due == latest_allowed_follow_up(today)
    detail = client.get(response.url).content.decode()
    assert "Jobb Testby" in detail and "Praktik på ICA" in detail
    # A date more than three months ahead is refused.
    too_late = latest_allowed_follow_up(today) + timedelta(days=1)
    refused = client.post(url, {**data, "next_follow_up_due": too_late.isoformat()})
    assert "minst var tredje månad" in refused.content.decode()

    follow = reverse("selfsupport:follow_up", args=[world.case.pk, plan.pk])
    goals = list(plan.goals.all())
    response = client.post(
        follow,
        {
            "held_on": today.isoformat(),
            f"progress_{goals[0].pk}": "progressing",
            f"progress_{goals[1].pk}": "achieved",
            f"comment_{goals[1].pk}": "Fick jobb!",
        },
    )
    assert response.status_code == 302
    assert plan.follow_ups.get().reviews.get(goal=goals[1]).progress == "achieved"


def test_plan_without_goal_is_refused_in_swedish(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:plan_new", args=[world.case.pk])
    response = client.post(url, {"person": world.amira.pk, "established_on": "2026-11-01"})
    assert "Skriv minst ett mål" in response.content.decode()


def test_register_barriers_for_the_month(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:barriers", args=[world.case.pk]) + "?manad=2026-11"
    page = client.get(url).content.decode()
    assert "Försörjningshinder för Amira Hassan" in page and "Lina" not in page  # the child is not asked for
    response = client.post(url, {"manad": "2026-11", f"barrier_{world.amira.pk}": "unemployed_no_benefit"})
    assert response.status_code == 200 and "Välj ett giltigt alternativ" not in response.content.decode()
    assert not BarrierRegistration.objects.exists()  # Karim's is missing: nothing is saved
    response = client.post(
        url,
        {
            "manad": "2026-11",
            f"barrier_{world.amira.pk}": "unemployed_no_benefit",
            f"barrier_{world.karim.pk}": "language_barrier",
        },
    )
    assert response.status_code == 302
    assert dict(BarrierRegistration.objects.values_list("person__first_name", "code")) == {
        "Amira": "unemployed_no_benefit",
        "Karim": "language_barrier",
    }


def test_reminder_is_created_and_marked_done(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:reminders", args=[world.case.pk])
    assert (
        client.post(
            url, {"due_on": "2026-11-30", "text": "Läkarintyg ska komma in", "staff": world.sara.pk}
        ).status_code
        == 302
    )
    reminder = Reminder.objects.get()
    done = reverse("selfsupport:reminder_done", args=[world.case.pk, reminder.pk])
    assert client.post(done, {"next": "/"}).url == "/"
    reminder.refresh_from_db()
    assert reminder.done_by == world.sara and reminder.done_at is not None
    assert client.post(done, {"next": "//evil.example"}).url.startswith("/sjalvforsorjning/")


def test_closing_the_case_with_an_exit_reason(client, world):
    client.force_login(world.sara.user)
    create_plan(
        world.case,
        world.amira,
        world.sara,
        established_on=date(2026, 9, 1),
        goals=[GoalInput("Jobb")],
        client_participated=True,
        agreed_on=None,
        agreement_method="",
    )
    url = reverse("selfsupport:close_case", args=[world.case.pk])
    page = client.get(url).content.decode()
    assert "har inte gått att få fram" not in page  # no notes to developers on a caseworker's page
    assert (
        client.post(
            url, {"closed_on": "2026-11-20", "exit_reason": "work", "note": "Fast anställning"}
        ).status_code
        == 302
    )
    case = Case.objects.get(pk=world.case.pk)
    assert (case.status, case.closed_on, case.exit_reason) == ("closed", date(2026, 11, 20), "work")
    assert ActionPlan.objects.get(case=case).status == "ended"
    assert JournalNote.objects.filter(case=case, heading="Ärendet avslutat").exists()
    assert AuditEvent.objects.filter(
        case=case, action="change", what="Självförsörjning: ärendet avslutat (Arbete)"
    ).exists()


def test_time_report_shows_only_own_row_to_a_caseworker(client, world):
    client.force_login(world.sara.user)
    page = client.get(reverse("selfsupport:time_report") + "?manad=2026-10").content.decode()
    assert "Sara Lind" in page and "Olle Berg" not in page and "minst 25,0" in page
    client.force_login(world.manager.user)
    page = client.get(reverse("selfsupport:time_report") + "?manad=2026-10").content.decode()
    assert "Sara Lind" in page and "Olle Berg" in page
