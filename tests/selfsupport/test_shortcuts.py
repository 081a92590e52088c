"""Fewer clicks: the barrier form pre-filled from last month returning to the application, a follow-up
plan started from the current one, more goal rows without losing what was typed, nothing pre-ticked."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from bistand.cases.models import BarrierRegistration
from bistand.selfsupport.models import ActionPlan, PlanStatus
from bistand.selfsupport.plans import GoalInput, create_plan
from tests.selfsupport.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def register(world, month, amira="unemployed_no_benefit", karim="language_barrier"):
    for person, code in ((world.amira, amira), (world.karim, karim)):
        BarrierRegistration.objects.create(
            case=world.case, person=person, month=month, code=code, registered_by=world.sara
        )


def test_the_barrier_form_starts_from_last_month_and_returns_to_the_application(client, world):
    register(world, date(2026, 10, 1), karim="sick_certified_no_benefit")
    client.force_login(world.sara.user)
    back = f"/arenden/{world.case.pk}/ansokningar/1/"
    url = reverse("selfsupport:barriers", args=[world.case.pk]) + f"?manad=2026-11&tillbaka={back}"
    page = client.get(url)
    form = page.context["form"]
    assert form.initial == {
        f"barrier_{world.amira.pk}": "unemployed_no_benefit",
        f"barrier_{world.karim.pk}": "sick_certified_no_benefit",
    }
    assert "Förifyllt från oktober 2026" in page.content.decode()
    response = client.post(
        url,
        {
            "manad": "2026-11",
            "tillbaka": back,
            f"barrier_{world.amira.pk}": "unemployed_no_benefit",
            f"barrier_{world.karim.pk}": "sick_certified_no_benefit",
        },
    )
    assert response.status_code == 302 and response.url == back
    assert BarrierRegistration.objects.filter(month=date(2026, 11, 1)).count() == 2


def test_the_barrier_form_never_returns_to_another_site(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:barriers", args=[world.case.pk])
    data = {
        "manad": "2026-11",
        "tillbaka": "//evil.example/",
        f"barrier_{world.amira.pk}": "unemployed_no_benefit",
        f"barrier_{world.karim.pk}": "language_barrier",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == url + "?manad=2026-11"


def test_the_barrier_form_of_another_unit_is_404(client, world):
    client.force_login(world.outsider.user)
    assert client.get(reverse("selfsupport:barriers", args=[world.case.pk])).status_code == 404


def current_plan(world):
    return create_plan(
        world.case,
        world.amira,
        world.sara,
        established_on=date(2026, 9, 1),
        goals=[
            GoalInput(
                "Jag vill prata bättre svenska", steps=[{"intervention": "sfi", "responsible": "client"}]
            ),
            GoalInput("Jag vill jobba i butik"),
        ],
        client_participated=True,
        agreed_on=None,
        agreement_method="",
    )


def test_a_follow_up_plan_starts_from_the_current_one_and_ends_it_only_when_confirmed(client, world):
    old = current_plan(world)
    client.force_login(world.sara.user)
    url = reverse("selfsupport:plan_new", args=[world.case.pk]) + f"?fran={old.pk}"
    page = client.get(url)
    form = page.context["form"]
    assert "Amira Hassan: plan från 2026-09-01" in page.content.decode()
    assert form.initial["goal0_text"] == "Jag vill prata bättre svenska"
    assert form.initial["goal0_step0_intervention"] == "sfi"
    assert form.initial["goal1_text"] == "Jag vill jobba i butik"
    assert "client_participated" not in form.initial  # never ticked beforehand
    today = timezone.localdate()
    data = {
        "fran": old.pk,
        "person": world.amira.pk,
        "established_on": today.isoformat(),
        "goal0_text": "Jag vill prata bättre svenska",
        "goal0_step0_intervention": "sfi",
        "goal0_step0_responsible": "client",
        "goal1_text": "Jag vill jobba i butik",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Amira Hassan har redan en aktuell plan från 2026-09-01" in refused.content.decode()
    assert ActionPlan.objects.count() == 1
    response = client.post(url, {**data, "end_current": "on"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.status, old.ended_on) == (PlanStatus.ENDED, today)
    new = ActionPlan.objects.get(status=PlanStatus.ACTIVE)
    assert [g.text for g in new.goals.all()] == ["Jag vill prata bättre svenska", "Jag vill jobba i butik"]
    assert new.client_participated is False


def test_more_goal_rows_keep_what_was_typed(client, world):
    client.force_login(world.sara.user)
    url = reverse("selfsupport:plan_new", args=[world.case.pk])
    page = client.post(
        url,
        {
            "goal_slots": "3",
            "more_goals": "1",
            "person": world.amira.pk,
            "established_on": "2026-11-20",
            "goal0_text": "Körkort före sommaren",
            "client_view": "Vill börja med körkortet",
        },
    )
    html = page.content.decode()
    assert page.context["slots"] == 5  # 3 + 2
    assert "Körkort före sommaren" in html and "Vill börja med körkortet" in html
    assert 'id="mal-5"' in html and ActionPlan.objects.count() == 0
    assert 'name="client_participated" id="id_client_participated" checked' not in html


def test_plan_renewal_from_another_units_case_is_404(client, world):
    old = current_plan(world)
    client.force_login(world.outsider.user)
    url = reverse("selfsupport:plan_new", args=[world.case.pk]) + f"?fran={old.pk}"
    assert client.get(url).status_code == 404


def test_the_journal_shows_notes_written_from_meetings_old_and_new(client, world):
    from bistand.selfsupport.meetings import book_meeting, record_meeting
    from bistand.selfsupport.models import Meeting
    from tests.selfsupport.world import aware

    # An older meeting whose note was kept on the meeting only (no journal note of its own).
    Meeting.objects.create(
        case=world.case,
        kind="planning_visit",
        mode="in_person",
        status="held",
        starts_at=aware(2026, 9, 14),
        note="Amira vill börja på SFI i januari.",
        booked_by=world.olle,
        recorded_by=world.olle,
        recorded_at=aware(2026, 9, 14, 12),
    )
    meeting = book_meeting(
        world.case,
        world.sara,
        kind="first_visit",
        mode="phone",
        starts_at=aware(2026, 11, 2),
        duration_minutes=30,
    )
    record_meeting(
        meeting,
        world.sara,
        status="held",
        starts_at=meeting.starts_at,
        duration_minutes=30,
        mode="phone",
        persons=[world.amira],
        note="Vi pratade om praktik.",
    )
    client.force_login(world.sara.user)
    html = client.get(reverse("journal:journal", args=[world.case.pk])).content.decode()
    assert "Amira vill börja på SFI i januari." in html and "Anteckning från mötet" in html
    assert "Planeringsbesök, fysiskt möte, 60 min" in html
    assert "Vi pratade om praktik." in html
    assert html.index("Vi pratade om praktik.") < html.index("Amira vill börja på SFI")  # newest first


def test_the_case_file_puts_the_person_and_the_path_to_self_support_before_money(client, world):
    client.force_login(world.sara.user)
    html = client.get(reverse("casework:case", args=[world.case.pk])).content.decode()
    household = html.index('id="household"')
    path = html.index("Väg till självförsörjning")
    money = html.index('id="calc"')
    assert household < path < money
