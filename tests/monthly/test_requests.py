"""The monthly run's bulk requests equal build_request's for a varied world: couples, children with
preschool lunch, a larger dwelling, a partner who joined with months of their own, incomes of a member,
a cost accepted in full and a carried surplus."""

from datetime import date

import pytest

from bistand.cases.models import Application, DeclaredItem
from bistand.cases.services import build_request
from bistand.monthly.requests import build_requests
from bistand.people.models import MemberRole
from tests.casework.factories import (
    make_application,
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_unit,
)
from tests.casework.test_payments import make_decision

MONTH = date(2026, 7, 1)


@pytest.mark.django_db
def test_bulk_requests_equal_build_request_for_a_varied_world():
    from bistand.payments.creation import create_payments

    unit = make_unit(municipality=make_municipality(name="Demostad", code="9999", rules_code="demostad"))
    # A couple with two children; the partner joined in May 2026 after months of support elsewhere.
    anna = make_person(birth=date(1985, 1, 5), first_name="Anna")
    ali = make_person(birth=date(1984, 3, 9), first_name="Ali")
    child = make_person(birth=date(2022, 6, 1), first_name="Ella")
    teen = make_person(birth=date(2011, 2, 2), first_name="Leo")
    family = make_household(
        unit.district,
        [
            (anna, MemberRole.APPLICANT, date(2020, 1, 1), None),
            (ali, MemberRole.CO_APPLICANT, date(2026, 5, 1), None),
            (child, MemberRole.CHILD, date(2022, 6, 1), None),
            (teen, MemberRole.CHILD, date(2020, 1, 1), None),
        ],
        dwelling_size=5,
    )
    family.memberships.filter(person=child).update(preschool_lunch=True)
    family_case = make_case(family, unit)
    ali_before = make_household(
        unit.district, [(ali, MemberRole.APPLICANT, date(2025, 1, 1), date(2026, 4, 30))]
    )
    ali_case = make_case(ali_before, unit)
    for month in (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)):
        create_payments(make_decision(ali_case, 5_000, month=month, decided_on=date(2025, 12, 10)))
    for month in (date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)):
        create_payments(make_decision(family_case, 9_000, month=month, decided_on=date(2026, 3, 10)))
    application = make_application(
        family_case,
        month=MONTH,
        items=[
            ("cost", "rent", 9_800),
            ("cost", "electricity", 450),
            ("income", "salary", 4_000, ali),
            ("income", "salary", 1_200, teen),
            ("income", "child_allowance", 2_650),
            ("extra_need", "glasses", 1_500),
        ],
    )
    DeclaredItem.objects.filter(application=application, kind="rent").update(
        accepted_in_full=True, judgement_reason="Kortvarigt behov"
    )
    DeclaredItem.objects.filter(application=application, member=teen).update(year_to_date=30_000)
    Application.objects.filter(pk=application.pk).update(carry_surplus=True)
    # A single adult without anything special, in the same chunk.
    single = make_household(unit.district, [(make_person(first_name="Bo"), MemberRole.APPLICANT)])
    make_application(make_case(single, unit), month=MONTH, items=[("cost", "rent", 4_000)])

    applications = list(
        Application.objects.filter(month=MONTH).select_related(
            "case__household", "case__unit__district__municipality"
        )
    )
    built = build_requests(applications, MONTH)
    expected = {a.pk: build_request(a) for a in applications}
    assert built == expected
    family_request = expected[application.pk]
    # The partner's own months (Jan–Mar elsewhere, May–Jun here) differ from the household's (Apr–Jun).
    assert family_request["assistance_history"] == ["2026-04", "2026-05", "2026-06"]
    [ali_entry] = [m for m in family_request["members"] if m["id"] == str(ali.pk)]
    assert ali_entry["assistance_history"] == ["2026-01", "2026-02", "2026-03", "2026-05", "2026-06"]
    assert family_request["household_size"] == 5
