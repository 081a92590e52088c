"""The work queue's marks before any click, and handing an over-limit decision to a senior caseworker.

Delegation (example order in decisions/delegation.py): caseworker up to 20 000 kr försörjningsstöd a
month, senior caseworker up to 35 000, unit manager up to 60 000.
"""

from datetime import date

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.cases.models import BarrierRegistration
from bistand.casework import queue_marks, referrals, worklist
from bistand.casework.decisions import DecisionRefused, decide
from bistand.casework.models import DecisionReferral
from bistand.organisation.models import Role
from tests.casework.decision_fixtures import example_result, example_setup, line
from tests.casework.factories import make_calculation, make_staff, make_unit

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 20)


def big_result():
    # Riksnorm for a large household 18 000 + rent 7 000, no income: 25 000 kr > the caseworker's 20 000.
    return {
        "norm_total": 18_000,
        "costs_total": 7_000,
        "extra_needs_total": 0,
        "income_total": 0,
        "assistance": 25_000,
        "lines": [
            line("norm.personal", 18_000, "Riksnorm."),
            line("cost.rent", 7_000, "Hyra: 7 000 kr.", kind="rent"),
        ],
        "parameters": {"version": "test"},
    }


@pytest.fixture
def over_limit():
    unit, caseworker, person, case, application, calculation = example_setup(
        items=[("cost", "rent", 7_000)], result=big_result()
    )
    senior = make_staff(unit, Role.SENIOR_CASEWORKER, "Maria", "Holm")
    return unit, caseworker, senior, case, application, calculation


def test_the_queue_marks_an_over_limit_decision_before_any_click(over_limit):
    _, caseworker, senior, _, application, _ = over_limit
    marks = queue_marks.marks_for([application], caseworker)[application.pk]
    assert marks.delegation[-1] == "Beslutet måste fattas av förste socialsekreterare eller högre."
    assert queue_marks.action_for(marks, True, caseworker) == "refer"
    # The senior caseworker's mandate (35 000) covers 25 000: nothing stops her.
    senior_marks = queue_marks.marks_for([application], senior)[application.pk]
    assert senior_marks.delegation == [] and queue_marks.action_for(senior_marks, True, senior) == "decide"


def test_a_new_calculation_replaces_what_the_queue_read_of_the_old_one(over_limit):
    # The queue keeps what a calculation proposes (a snapshot never changes); a recalculation is a new
    # snapshot, and the queue reads the newest one.
    _, caseworker, _, _, application, _ = over_limit
    assert (
        queue_marks.action_for(
            queue_marks.marks_for([application], caseworker)[application.pk], True, caseworker
        )
        == "refer"
    )
    smaller = big_result()
    smaller.update(norm_total=10_000, assistance=17_000)
    smaller["lines"][0] = line("norm.personal", 10_000, "Riksnorm.")
    make_calculation(application, smaller)
    # 10 000 + rent 7 000 = 17 000 kr: within the caseworker's 20 000.
    marks = queue_marks.marks_for([application], caseworker)[application.pk]
    assert marks.delegation == [] and queue_marks.action_for(marks, True, caseworker) == "decide"


def test_a_partial_refusal_and_a_missing_barrier_are_shown_in_the_queue():
    unit, caseworker, person, case, application, calculation = example_setup(result=example_result())
    marks = queue_marks.marks_for([application], caseworker)[application.pk]
    # Rent 8 000 applied for, 6 500 (Testby's cap for one person) approved.
    assert marks.partial == ["Boendekostnad (hyra): 6\u00a0500\u00a0kr av 8\u00a0000\u00a0kr"]
    assert queue_marks.action_for(marks, True, caseworker) == "review"  # unchanged, but not "Besluta"
    BarrierRegistration.objects.filter(person=person).delete()
    marks = queue_marks.marks_for([application], caseworker)[application.pk]
    assert marks.blockers[0].message.startswith("Försörjningshinder saknas för Åsa Öberg för juli 2026")
    assert marks.blockers[0].url == f"/sjalvforsorjning/arenden/{case.pk}/forsorjningshinder/?manad=2026-07"
    assert queue_marks.action_for(marks, True, caseworker) == "barrier"


def test_handing_over_reaches_the_senior_caseworker_who_decides(over_limit):
    _, caseworker, senior, case, application, calculation = over_limit
    assert referrals.eligible_holders(application, calculation) == [senior]
    referral = referrals.refer(application, calculation, caseworker, senior, note="Stor familj.")
    assert referrals.held_by(senior) == [application]
    assert referrals.held_by(caseworker) == []
    marks = queue_marks.marks_for([application], caseworker)[application.pk]
    assert marks.referral == referral and queue_marks.action_for(marks, True, caseworker) == "held"
    event = AuditEvent.objects.get(action="refer")
    assert event.case == case and "Maria Holm" in event.what
    decision = decide(application, calculation, senior, decided_on=date(2026, 6, 20))
    assert decision.total_granted == 25_000 and decision.decided_by == senior
    assert referrals.held_by(senior) == []  # decided: no longer in her queue


def test_handing_over_is_refused_to_someone_without_the_delegation_or_in_another_unit(over_limit):
    unit, caseworker, senior, _, application, calculation = over_limit
    colleague = make_staff(unit, Role.CASEWORKER, "Kim", "Berg")
    elsewhere = make_staff(make_unit("Söder 1", "Söder"), Role.SENIOR_CASEWORKER, "Olle", "Syd")
    for holder in (colleague, elsewhere, caseworker):
        with pytest.raises(DecisionRefused):
            referrals.refer(application, calculation, caseworker, holder)
    assert DecisionReferral.objects.count() == 0


def test_start_pages_show_who_holds_it(client, over_limit):
    _, caseworker, senior, case, application, calculation = over_limit
    client.force_login(caseworker.user)
    html = client.get("/").content.decode()
    assert "Över din delegation" in html and "Lämna över" in html and ">Besluta<" not in html
    url = reverse("casework:application_refer", args=[case.pk, application.pk])
    response = client.post(
        url,
        {
            "version": application.version,
            "calculation": calculation.pk,
            "granted_norm": "18000",
            "granted_rent": "7000",
            "holder": senior.pk,
            "note": "",
        },
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Hos Maria Holm" in html
    client.force_login(senior.user)
    page = client.get("/")
    assert [app.application for _, app in page.context["handed_to_me"]] == [application]
    assert "Överlämnade till dig att besluta" in page.content.decode()
    detail = client.get(reverse("casework:application", args=[case.pk, application.pk])).content.decode()
    assert "Beslutet fattas av Maria Holm" in detail and 'id="decide-button"' in detail
    case_file = client.get(reverse("casework:case", args=[case.pk])).content.decode()
    assert "beslutas av Maria Holm" in case_file


def test_handing_over_a_case_of_another_unit_is_404(client, over_limit):
    _, caseworker, senior, case, application, calculation = over_limit
    stranger = make_staff(make_unit("Söder 1", "Söder"), Role.CASEWORKER, "Olle", "Syd")
    client.force_login(stranger.user)
    url = reverse("casework:application_refer", args=[case.pk, application.pk])
    response = client.post(url, {"version": 1, "calculation": calculation.pk, "holder": senior.pk})
    assert response.status_code == 404
    assert DecisionReferral.objects.count() == 0


def test_the_manager_start_page_lists_decisions_handed_to_her(over_limit):
    unit, caseworker, _, _, application, calculation = over_limit
    manager = make_staff(unit, Role.UNIT_MANAGER, "Eva", "Chef")
    referrals.refer(application, calculation, caseworker, manager)
    handed = worklist.unit_start(manager, TODAY)["handed_to_me"]
    assert [app.application for _, app in handed] == [application]


def test_a_calculation_with_a_preliminary_table_is_marked():
    result = example_result()
    result["parameters"] = {"version": "test", "year": 2027, "preliminary": True}
    unit, caseworker, person, case, application, calculation = example_setup(result=result)
    assert queue_marks.marks_for([application], caseworker)[application.pk].preliminary is True
    assert queue_marks.uses_preliminary({"parameters": {"year": 2026, "preliminary": False}}) is False
