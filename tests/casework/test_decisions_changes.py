"""What changed since last month's application (declared amounts and household members)."""

from datetime import date

import pytest

from bistand.casework.decisions import Change, changes_since_last_month
from bistand.casework.decisions.changes import changes_for_many
from bistand.people.models import HouseholdMember, MemberRole
from tests.casework.factories import (
    make_application,
    make_case,
    make_household,
    make_person,
    make_unit,
    single_household,
)

pytestmark = pytest.mark.django_db

JUNE, JULY = date(2026, 6, 1), date(2026, 7, 1)
SAME = [("cost", "rent", 6_000), ("cost", "electricity", 300), ("income", "salary", 4_000)]


@pytest.fixture
def case():
    case, _ = single_household(make_unit(), valid_from=date(2025, 1, 1))
    return case


def test_the_same_declaration_as_last_month_means_no_changes(case):
    make_application(case, month=JUNE, items=SAME)
    july = make_application(case, month=JULY, items=list(reversed(SAME)))  # order does not matter
    assert changes_since_last_month(july) == []


def test_changed_added_and_removed_items(case):
    make_application(case, month=JUNE, items=SAME)
    july = make_application(
        case,
        month=JULY,
        items=[("cost", "rent", 6_500), ("income", "salary", 4_000), ("extra_need", "glasses", 1_200)],
    )
    assert changes_since_last_month(july) == [
        Change("cost", "electricity", "Kostnad: Hushållsel", 300, None),
        Change("cost", "rent", "Kostnad: Boendekostnad (hyra)", 6_000, 6_500),
        Change("extra_need", "glasses", "Livsföring i övrigt: Glasögon", None, 1_200),
    ]


def test_two_entries_of_one_kind_are_compared_as_their_sum(case):
    make_application(case, month=JUNE, items=[("income", "salary", 4_000)])
    july = make_application(
        case, month=JULY, items=[("income", "salary", 1_500), ("income", "salary", 2_500)]
    )
    assert changes_since_last_month(july) == []  # 1 500 + 2 500 = 4 000


def test_a_new_household_member_is_a_change(case):
    make_application(case, month=JUNE, items=SAME)
    baby = make_person(birth=date(2026, 6, 20), first_name="Lilly", last_name="Ek")
    HouseholdMember.objects.create(
        household=case.household, person=baby, role=MemberRole.CHILD, valid_from=date(2026, 6, 20)
    )
    july = make_application(case, month=JULY, items=SAME)
    # Lilly is a member on 30 June too, so June's application already had her: no change.
    assert changes_since_last_month(july) == []
    august = make_application(case, month=date(2026, 8, 1), items=SAME)
    teen = make_person(birth=date(2010, 3, 3), first_name="Kim", last_name="Ek")
    HouseholdMember.objects.create(
        household=case.household, person=teen, role=MemberRole.CHILD, valid_from=date(2026, 8, 1)
    )
    assert changes_since_last_month(august) == [
        Change("member", str(teen.pk), "Ny i hushållet: Kim Ek", None, "Barn"),
    ]


def test_without_last_months_application_there_is_something_to_check(case):
    july = make_application(case, month=JULY, items=SAME)
    [change] = changes_since_last_month(july)
    assert change.category == "application"
    assert change.label == "Ingen ansökan för juni 2026 att jämföra med"


def test_an_extra_need_application_last_month_is_not_the_comparison(case):
    make_application(case, month=JUNE, kind="extra_need", items=[("extra_need", "glasses", 1_200)])
    july = make_application(case, month=JULY, items=SAME)
    assert changes_since_last_month(july)[0].kind == "no_previous_application"


def test_a_whole_queue_compared_at_once_gives_each_applications_own_changes():
    """changes_for_many (the work queue) sums the declared items in the database and reads the members'
    names only for changed applications: the result is the same as one application at a time."""
    unit = make_unit()
    anna = make_person(birth=date(1980, 1, 1), first_name="Anna", last_name="Ek")
    kim = make_person(birth=date(2008, 5, 5), first_name="Kim", last_name="Ek")
    household = make_household(
        unit.district, [(anna, MemberRole.APPLICANT), (kim, MemberRole.CHILD)], valid_from=date(2025, 1, 1)
    )
    same = make_case(household, unit, number="EB-1")
    changed = make_case(
        make_household(unit.district, [(make_person(first_name="Bo"), MemberRole.APPLICANT)]),
        unit,
        number="EB-2",
    )
    new, _ = single_household(unit)
    # Kim's salary in two entries in June (1 000 + 1 500) and one in July (2 500): unchanged.
    make_application(
        same,
        month=JUNE,
        items=[("cost", "rent", 6_000), ("income", "salary", 1_000, kim), ("income", "salary", 1_500, kim)],
    )
    july_same = make_application(
        same, month=JULY, items=[("income", "salary", 2_500, kim), ("cost", "rent", 6_000)]
    )
    make_application(changed, month=JUNE, items=[("cost", "rent", 5_000)])
    july_changed = make_application(changed, month=JULY, items=[("cost", "rent", 5_400)])
    july_new = make_application(new, month=JULY, items=SAME)
    queue = [july_same, july_changed, july_new]
    found = changes_for_many(queue)
    assert found[july_same.pk] == []
    assert found[july_changed.pk] == [Change("cost", "rent", "Kostnad: Boendekostnad (hyra)", 5_000, 5_400)]
    assert found[july_new.pk][0].kind == "no_previous_application"
    assert found == {a.pk: changes_since_last_month(a) for a in queue}


def test_a_members_changed_income_and_leaving_are_labelled_with_their_name(case):
    kim = make_person(birth=date(2008, 5, 5), first_name="Kim", last_name="Ek")
    HouseholdMember.objects.create(
        household=case.household,
        person=kim,
        role=MemberRole.CHILD,
        valid_from=date(2025, 1, 1),
        valid_to=date(2026, 7, 15),
    )
    make_application(case, month=JUNE, items=[("income", "salary", 1_000, kim)])
    july = make_application(case, month=JULY, items=[("income", "salary", 1_200, kim)])
    # Kim is a member on 30 June, not on 31 July: the item names him from June's members.
    assert changes_since_last_month(july) == [
        Change("income", "salary", "Inkomst: Lön (Kim Ek)", 1_000, 1_200),
        Change("member", str(kim.pk), "Ingår inte längre i hushållet: Kim Ek", "Barn", None),
    ]
