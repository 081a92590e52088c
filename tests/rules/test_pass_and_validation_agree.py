"""The calculation pass (checks as it goes) and the detailed validation walk must agree on every request."""

import random
from dataclasses import replace
from datetime import date

import pytest

from bistand import rules
from bistand.rules.engine import _run
from bistand.rules.months import Month
from bistand.rules.samples import sample_request
from bistand.rules.validate import check_request


@pytest.fixture(scope="module")
def valid():
    rng = random.Random(4711)
    return [rules.parse_request(sample_request(rng)) for _ in range(1500)]


def test_valid_requests_pass_both(valid):
    for request in valid:
        assert check_request(request) == []
        assert _run(request, None) is not None


def _with_member(request, position, **changes):
    members = list(request.members)
    members[position] = replace(members[position], **changes)
    return replace(request, members=tuple(members))


MUTATIONS = {
    "negative cost": lambda r: replace(r, costs=(*r.costs, rules.Cost("rent", -1))),
    "float cost": lambda r: replace(r, costs=(*r.costs, rules.Cost("rent", 10.0))),
    "bool need": lambda r: replace(r, extra_needs=(rules.ExtraNeed("glasses", True),)),
    "unknown cost kind": lambda r: replace(r, costs=(rules.Cost("yacht", 1),)),
    "unknown income kind": lambda r: replace(r, incomes=(rules.Income("lottery", 1),)),
    "negative income": lambda r: replace(r, incomes=(rules.Income("pension", -1),)),
    "negative year to date": lambda r: replace(r, incomes=(rules.Income("pension", 1, None, -3),)),
    "unknown member": lambda r: replace(r, incomes=(rules.Income("pension", 1, "ghost"),)),
    "second applicant": lambda r: replace(r, members=(*r.members, rules.Member("x", "applicant", date(1980, 1, 1)))),
    "second co-applicant": lambda r: replace(
        r,
        members=(
            *r.members,
            rules.Member("x", "co_applicant", date(1980, 1, 1)),
            rules.Member("y", "co_applicant", date(1980, 1, 1)),
        ),
    ),
    "no applicant": lambda r: _with_member(r, 0, role="child", birth_date=date(r.month.year - 5, 1, 1)),
    "applicant with lunch": lambda r: _with_member(r, 0, preschool_lunch=True),
    "unknown role": lambda r: _with_member(r, 0, role="lodger"),
    "duplicate id": lambda r: replace(r, members=(*r.members, rules.Member(r.members[0].id, "child", date(r.month.year - 3, 1, 1)))),
    "born after the month": lambda r: replace(r, members=(*r.members, rules.Member("z", "child", r.month.last.replace(day=1).replace(year=r.month.year + 1)))),
    "child over 20": lambda r: replace(r, members=(*r.members, rules.Member("z", "child", date(r.month.year - 21, 1, 1)))),
    "household too small": lambda r: replace(r, household_size=len(r.members) - 1),
    "unknown municipality": lambda r: replace(r, municipality="atlantis"),
    "history not before": lambda r: replace(r, assistance_history=(*r.assistance_history, r.month)),
    "no parameters": lambda r: replace(r, month=Month(2030, 1)),
    "household size as text": lambda r: replace(r, household_size="4"),
    "municipality as number": lambda r: replace(r, municipality=7),
    "member history not before": lambda r: _with_member(r, 0, assistance_history=(r.month,)),
    "member history not months": lambda r: _with_member(r, 0, assistance_history=("2020-01",)),
    "days for an adult": lambda r: _with_member(r, 0, days_in_household=10),
    "days zero": lambda r: replace(r, members=(*r.members, rules.Member("z", "child", date(r.month.year - 3, 1, 1), days_in_household=0))),
    "days 32": lambda r: replace(r, members=(*r.members, rules.Member("z", "child", date(r.month.year - 3, 1, 1), days_in_household=32))),
    "days as text": lambda r: replace(r, members=(*r.members, rules.Member("z", "child", date(r.month.year - 3, 1, 1), days_in_household="5"))),
    "in full without reason": lambda r: replace(r, costs=(rules.Cost("rent", 9000, accepted_in_full=True, reason=" "),)),
    "in full not a boolean": lambda r: replace(r, costs=(rules.Cost("rent", 9000, accepted_in_full="yes", reason="x"),)),
    "supplement unknown kind": lambda r: replace(r, norm_supplements=(rules.NormSupplement("caviar", 10, "x"),)),
    "supplement without reason": lambda r: replace(r, norm_supplements=(rules.NormSupplement("medical_diet", 10, ""),)),
    "supplement unknown member": lambda r: replace(r, norm_supplements=(rules.NormSupplement("medical_diet", 10, "x", "ghost"),)),
    "supplement negative": lambda r: replace(r, norm_supplements=(rules.NormSupplement("medical_diet", -10, "x"),)),
    "conflicting year to date": lambda r: replace(r, incomes=(rules.Income("salary", 1, None, 100), rules.Income("pension", 1, None, 200))),
    "surplus from this month": lambda r: replace(r, carried_surplus=rules.CarriedSurplus(100, r.month)),
    "surplus negative": lambda r: replace(r, carried_surplus=rules.CarriedSurplus(-1, Month.from_index(r.month.index - 1))),
    "surplus month as text": lambda r: replace(r, carried_surplus=rules.CarriedSurplus(1, "2020-01")),
}  # fmt: skip


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_broken_requests_stop_the_pass_and_are_explained(valid, name):
    for request in valid[:200]:
        broken = MUTATIONS[name](request)
        assert _run(broken, None) is None, name
        assert _run(broken, []) is None, name
        assert check_request(broken), name
        with pytest.raises(rules.CalculationError):
            rules.compute(broken)
