"""Decisions, payments and calculation snapshots can be created but never changed or deleted."""

from datetime import date

import pytest

from bistand.cases.immutable import AppendOnlyError
from bistand.cases.models import Calculation, Case
from bistand.organisation.models import District, Municipality, Unit
from bistand.people.models import Household


@pytest.fixture
def case(db):
    municipality = Municipality.objects.create(name="Testby", municipality_code="9998", rules_code="testby")
    district = District.objects.create(municipality=municipality, name="Centrum", code="C")
    unit = Unit.objects.create(district=district, name="Ekonomiskt bistånd Centrum")
    household = Household.objects.create(district=district)
    return Case.objects.create(number="EB-1", household=household, unit=unit, opened_on=date(2025, 1, 2))


def make_calculation(case):
    return Calculation.objects.create(
        case=case,
        month=date(2025, 6, 1),
        request={"month": "2025-06"},
        result={"assistance": 100},
        parameter_version="riksnorm-2025",
        assistance=100,
    )


def test_a_snapshot_cannot_be_edited(case):
    calc = make_calculation(case)
    calc.assistance = 200
    with pytest.raises(AppendOnlyError):
        calc.save()
    assert Calculation.objects.get(pk=calc.pk).assistance == 100


def test_a_snapshot_cannot_be_deleted_one_by_one_or_in_bulk(case):
    calc = make_calculation(case)
    with pytest.raises(AppendOnlyError):
        calc.delete()
    with pytest.raises(AppendOnlyError):
        Calculation.objects.filter(pk=calc.pk).delete()
    with pytest.raises(AppendOnlyError):
        Calculation.objects.filter(pk=calc.pk).update(assistance=0)
    assert Calculation.objects.filter(pk=calc.pk).exists()
