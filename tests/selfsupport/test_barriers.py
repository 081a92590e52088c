"""A decision waits until every adult has a barrier to self-support for the month (reference §5.1)."""

from datetime import date

import pytest

from bistand.cases.models import BarrierRegistration
from bistand.casework import extensions
from bistand.people.models import HouseholdMember
from bistand.selfsupport.barriers import adults_for_month, decision_check, register_barrier
from tests.casework.factories import make_application, make_calculation
from tests.selfsupport.world import build_world

pytestmark = pytest.mark.django_db

NOVEMBER = date(2026, 11, 1)
AMIRA_MISSING = (
    "Försörjningshinder saknas för Amira Hassan för november 2026. Registrera det innan beslut fattas."
)
KARIM_MISSING = (
    "Försörjningshinder saknas för Karim Hassan för november 2026. Registrera det innan beslut fattas."
)


@pytest.fixture
def world():
    return build_world()


def test_both_adults_but_not_the_child_need_a_barrier(world):
    application = make_application(world.case, month=NOVEMBER)
    assert decision_check(application) == [AMIRA_MISSING, KARIM_MISSING]
    register_barrier(world.case, world.karim, NOVEMBER, "unemployed_no_benefit", world.sara)
    assert decision_check(application) == [AMIRA_MISSING]
    register_barrier(world.case, world.amira, date(2026, 11, 15), "sick_certified_awaiting", world.sara)
    assert decision_check(application) == []
    # The check is registered where the decision service looks for it.
    assert decision_check in extensions.DECISION_CHECKS
    assert extensions.decision_blockers(application) == []


def test_a_barrier_for_another_month_does_not_count(world):
    register_barrier(world.case, world.amira, date(2026, 10, 1), "unemployed_no_benefit", world.sara)
    register_barrier(world.case, world.karim, date(2026, 10, 1), "unemployed_no_benefit", world.sara)
    application = make_application(world.case, month=NOVEMBER)
    assert decision_check(application) == [AMIRA_MISSING, KARIM_MISSING]


def test_registering_again_replaces_the_month(world):
    register_barrier(world.case, world.amira, NOVEMBER, "unemployed_no_benefit", world.sara)
    register_barrier(world.case, world.amira, NOVEMBER, "no_childcare", world.sara)
    rows = BarrierRegistration.objects.filter(person=world.amira, month=NOVEMBER)
    assert [r.code for r in rows] == ["no_childcare"]


def test_an_adult_who_moved_out_before_the_month_is_not_asked_for(world):
    HouseholdMember.objects.filter(person=world.karim).update(valid_to=date(2026, 10, 31))
    assert [p.first_name for p in adults_for_month(world.case, NOVEMBER)] == ["Amira"]
    # Moving out on 15 November: he was a member during part of the month, so he still counts.
    HouseholdMember.objects.filter(person=world.karim).update(valid_to=date(2026, 11, 15))
    assert {p.first_name for p in adults_for_month(world.case, NOVEMBER)} == {"Amira", "Karim"}


def test_an_unknown_code_is_refused(world):
    with pytest.raises(ValueError):
        register_barrier(world.case, world.amira, NOVEMBER, "not_a_code", world.sara)


def test_deciding_is_refused_with_the_swedish_message(world):
    """Through the decision service itself (bistand.casework.decisions.decide)."""
    decisions = pytest.importorskip("bistand.casework.decisions")
    from tests.casework.decision_fixtures import ITEMS, example_result

    application = make_application(world.case, month=NOVEMBER, items=ITEMS)
    calculation = make_calculation(application, example_result())
    register_barrier(world.case, world.karim, NOVEMBER, "unemployed_no_benefit", world.sara)
    with pytest.raises(decisions.DecisionRefused) as refused:
        decisions.decide(application, calculation, world.sara, decided_on=date(2026, 11, 20))
    assert AMIRA_MISSING in refused.value.messages
    assert KARIM_MISSING not in refused.value.messages
    assert not application.decisions.exists()
    # Once Amira has hers, the barrier check no longer stands in the way.
    register_barrier(world.case, world.amira, NOVEMBER, "unemployed_no_benefit", world.sara)
    assert extensions.decision_blockers(application) == []


def _queue_messages(application) -> list[str]:
    from bistand.selfsupport.barriers import queue_check

    return [blocker.message for blocker in queue_check([application]).get(application.pk, [])]


def test_the_work_queue_names_the_same_adults_in_the_same_order(world):
    """queue_check reads the adults without their names and then only those who lack a barrier: the
    messages are decision_check's, applicant first although Karim (co-applicant) is older."""
    application = make_application(world.case, month=NOVEMBER)
    assert _queue_messages(application) == [AMIRA_MISSING, KARIM_MISSING]
    register_barrier(world.case, world.amira, NOVEMBER, "unemployed_no_benefit", world.sara)
    assert _queue_messages(application) == [KARIM_MISSING]
    register_barrier(world.case, world.karim, NOVEMBER, "unemployed_no_benefit", world.sara)
    assert _queue_messages(application) == []


def test_an_adult_who_becomes_applicant_during_the_month_is_named_by_age_among_applicants(world):
    """Karim is co-applicant until 14 November and applicant from the 15th: as an applicant he comes
    before Amira, being older (born 1985 against 1988), in both checks."""
    HouseholdMember.objects.filter(person=world.karim).update(valid_to=date(2026, 11, 14))
    HouseholdMember.objects.create(
        household=world.case.household, person=world.karim, role="applicant", valid_from=date(2026, 11, 15)
    )
    application = make_application(world.case, month=NOVEMBER)
    assert decision_check(application) == [KARIM_MISSING, AMIRA_MISSING]
    assert _queue_messages(application) == [KARIM_MISSING, AMIRA_MISSING]
