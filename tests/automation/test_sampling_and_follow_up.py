"""The sample: seeded and reproducible, reviewed by a person; the unit manager's follow-up figures."""

from datetime import date

import pytest

from bistand.automation import sampling
from bistand.automation.followup import figures, figures_from
from bistand.automation.models import Assessment
from bistand.automation.review import ReviewRefused, review
from bistand.automation.run import automate
from bistand.cases.models import Decision
from tests.automation.world import JULY, TODAY, build, household

MONTH = date(2026, 7, 1)


def test_the_sample_is_reproducible_and_depends_on_the_seed():
    first = [i for i in range(1, 2001) if sampling.is_sampled("norr", MONTH, i, 10)]
    again = [i for i in range(1, 2001) if sampling.is_sampled("norr", MONTH, i, 10)]
    other_seed = [i for i in range(1, 2001) if sampling.is_sampled("söder", MONTH, i, 10)]
    assert first == again
    assert first != other_seed
    # 10 % of 2 000 is 200; a fair draw lands within ±40 (more than 3 standard deviations, sqrt(180) ≈ 13).
    assert 160 <= len(first) <= 240
    assert not any(sampling.is_sampled("norr", MONTH, i, 0) for i in range(1, 500))
    assert all(sampling.is_sampled("norr", MONTH, i, 100) for i in range(1, 500))


@pytest.mark.django_db
def test_a_sampled_application_goes_to_a_person_who_records_agreement():
    world = build()
    world.setting.sample_percent = 100
    world.setting.save()
    case, _, july = household(world)
    summary = automate([july], JULY, today=TODAY)
    assert (summary.decided, summary.sampled) == (0, 1)
    assert not Decision.objects.filter(application=july).exists()
    assessment = Assessment.objects.get(application=july)
    assert assessment.result == "sampled" and assessment.reasons == []

    with pytest.raises(ReviewRefused, match="Skriv varför du inte håller med"):
        review(assessment, False, "  ", world.caseworker)
    review(assessment, False, "Hyran har höjts enligt nytt kontrakt", world.caseworker)
    assessment.refresh_from_db()
    assert (assessment.agrees, assessment.reviewed_by) == (False, world.caseworker)
    with pytest.raises(ReviewRefused, match="redan bedömt"):
        review(assessment, True, "", world.caseworker)


@pytest.mark.django_db
def test_follow_up_figures_on_a_small_world():
    world = build()
    _, _, a1 = household(world, first_name="Anna")
    _, _, a2 = household(world, first_name="Bo")
    _, _, a3 = household(
        world, first_name="Cilla", july_items=[("cost", "rent", 5_500), ("cost", "electricity", 300)]
    )
    _, _, a4 = household(world, first_name="Dan", kind="first")
    automate([a1, a2, a3, a4], JULY, today=TODAY)
    world.setting.sample_percent = 100
    world.setting.save()
    _, _, a5 = household(world, first_name="Eva")
    _, _, a6 = household(world, first_name="Finn")
    automate([a5, a6], JULY, today=TODAY)
    review(Assessment.objects.get(application=a5), True, "", world.manager)

    f = figures(world.unit.pk, JULY)
    # By hand: Anna and Bo decided (2), Cilla (changed rent: "unchanged" fails) and Dan (a first
    # application: "recurring" fails) to a person (2), Eva and Finn sampled (2), Eva reviewed and agreed: 6 assessed, 2 of 6 = 33 %, agreement 1 of 1 = 100 %, 2 × 10 minutes = 20 minutes.
    assert (f.assessed, f.decided, f.to_person, f.sampled, f.reviewed, f.agreed) == (6, 2, 2, 2, 1, 1)
    assert (f.decided_percent, f.agreement_percent, f.minutes_given_back) == ("33 %", "100 %", 20)
    assert f.reasons == {"unchanged": 1, "recurring": 1}


def test_figures_from_rows_counted_by_hand():
    rows = [
        ("decided", [], None),
        ("decided", [], None),
        ("decided", [], None),
        ("to_person", [{"code": "unchanged", "message": "a"}, {"code": "unchanged", "message": "b"}], None),
        (
            "to_person",
            [{"code": "income_confirmed", "message": "c"}, {"code": "unchanged", "message": "d"}],
            None,
        ),
        ("sampled", [], True),
        ("sampled", [], False),
        ("sampled", [], None),
    ]
    f = figures_from(rows)
    # 3 of 8 decided = 37.5 % -> 38 %; two reviewed, one agreed = 50 %; 3 × 10 = 30 minutes.
    # "unchanged" counts applications (2), not messages (3).
    assert (f.decided_percent, f.agreement_percent, f.minutes_given_back) == ("38 %", "50 %", 30)
    assert f.reasons == {"unchanged": 2, "income_confirmed": 1}
    assert f.reason_rows[0] == ("Hushållet och alla belopp är desamma som i förra månadens ansökan.", 2)
