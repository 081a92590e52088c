"""The client survey: invitations after a decision or a held meeting, one answer each, anonymous rows,
and results on the monthly report only for groups of at least five answers."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bistand.organisation.models import Role
from bistand.residentcomm import services
from bistand.residentcomm.models import SurveyAnswer, SurveyInvitation
from bistand.residentcomm.survey_results import TOO_FEW, rows
from tests.casework.factories import make_calculation, make_staff
from tests.residentcomm.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def decide(world, case, application):
    from bistand.cases.models import Decision

    calculation = make_calculation(application, {"assistance": 1_000})
    return Decision.objects.create(
        case=case,
        application=application,
        calculation=calculation,
        month=application.month,
        outcome="granted",
        total_granted=1_000,
        decided_on=timezone.localdate(),
        decided_by=world.hanna,
        legal_basis="4 kap. 1 § SoL",
    )


def held_meeting(world, case):
    from bistand.selfsupport.models import Meeting

    return Meeting.objects.create(
        case=case,
        kind="planning_visit",
        mode="in_person",
        status="held",
        starts_at=timezone.now() - timedelta(days=2),
    )


def test_a_decision_and_a_held_meeting_each_invite_every_adult_once(world):
    decide(world, world.case_a, world.application_a)
    held_meeting(world, world.case_a)
    anna = services.open_invitations(person=world.anna)
    assert sorted(i.event for i in anna) == ["decision", "meeting"]
    assert len(services.open_invitations(person=world.anna)) == 2  # asking again creates nothing new
    assert len(services.open_invitations(person=world.bo)) == 2
    assert services.open_invitations(person=world.cilla) == []  # nothing happened in Cilla's case


def test_one_answer_per_invitation_and_the_answer_is_not_linked_to_anyone(world):
    decide(world, world.case_a, world.application_a)
    (invitation,) = services.open_invitations(person=world.anna)
    services.answer_survey(
        token=invitation.token, person=world.anna, respect="yes", understood="partly", helped="no"
    )
    with pytest.raises(services.Refused) as refused:
        services.answer_survey(
            token=invitation.token, person=world.anna, respect="no", understood="no", helped="no"
        )
    assert refused.value.code == "answered"
    # Bo cannot use Anna's token.
    with pytest.raises(services.Refused):
        services.answer_survey(
            token=invitation.token, person=world.bo, respect="no", understood="no", helped="no"
        )
    answer = SurveyAnswer.objects.get()
    assert (answer.unit, answer.month, answer.respect, answer.understood, answer.helped) == (
        world.north,
        timezone.localdate().replace(day=1),
        "yes",
        "partly",
        "no",
    )
    # The answer row holds the unit, the month and the three answers, nothing else: no person, case,
    # invitation or time.
    assert sorted(f.name for f in SurveyAnswer._meta.get_fields()) == [
        "helped",
        "id",
        "month",
        "respect",
        "understood",
        "unit",
    ]
    assert SurveyInvitation.objects.get().answered is True
    assert services.open_invitations(person=world.anna) == []


def add_answers(unit, month, n, respect="yes"):
    for _ in range(n):
        SurveyAnswer.objects.create(
            unit=unit, month=month, respect=respect, understood="yes", helped="partly"
        )


MONTH = date(2026, 10, 1)


def test_four_answers_are_not_shown_five_are(world):
    add_answers(world.north, MONTH, 4)
    (north,) = rows([world.north], MONTH)
    assert (north.shown, north.text) == (False, TOO_FEW)
    assert all(shares is None for _label, shares in north.shares)
    add_answers(world.north, MONTH, 1, respect="no")
    (north,) = rows([world.north], MONTH)
    assert (north.shown, north.text) == (True, "5")
    # respect: 4 of 5 yes = 80 %, 0 partly, 1 of 5 no = 20 %
    assert north.shares[0] == ("Bemött med respekt", [("Ja", 80), ("Delvis", 0), ("Nej", 20)])
    # helped: all five "partly" = 100 %
    assert north.shares[2] == ("Fick hjälp mot självförsörjning", [("Ja", 0), ("Delvis", 100), ("Nej", 0)])


def test_a_total_cannot_reveal_a_hidden_unit(world):
    add_answers(world.north, MONTH, 4)  # hidden
    add_answers(world.south, MONTH, 6)  # would be shown, but total 10 − 6 would give north's 4
    north, south, total = rows([world.north, world.south], MONTH)
    assert (north.shown, south.shown, total.shown) == (False, False, True)
    assert total.text == "10"


def test_the_monthly_report_shows_the_survey_section(world, client):
    manager = make_staff(world.north, Role.UNIT_MANAGER, "Eva", "Chef")
    add_answers(world.north, MONTH, 4)
    client.force_login(manager.user)
    html = client.get(reverse("statistics:monthly"), {"month": "2026-10"}).content.decode()
    assert "Klientenkät" in html and TOO_FEW in html
    add_answers(world.north, MONTH, 1)
    html = client.get(reverse("statistics:monthly"), {"month": "2026-10"}).content.decode()
    assert TOO_FEW not in html and "Ja 100 %" in html
