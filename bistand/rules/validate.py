"""The meaning checks of a request, and the look-ups a calculation needs, done together up front.

`prepare` either returns everything the arithmetic needs (month context, ages, municipal caps) or raises
one CalculationError listing every problem — so nothing is ever half-computed. `check_request` is the
same walk returning the list; parse_request uses it on a draft whose unreadable items are None.

This walk runs once per household in the batch path too, so it is written to be cheap on valid input:
plain loops and comparisons, and error items are only built once something is wrong.
"""

from __future__ import annotations

from typing import NamedTuple

from bistand.rules import params
from bistand.rules.context import MonthContext, month_context
from bistand.rules.errors import CalculationError, ErrorItem, error
from bistand.rules.municipal import MunicipalParameters, find_municipal_parameters
from bistand.rules.norm import OLDEST_CHILD_AGE
from bistand.rules.request import CalculationRequest


class Prepared(NamedTuple):
    context: MonthContext
    ages: list[int]  # per member, completed years on the last day of the month (months.age_at_end_of_month)
    member_index: dict[str, int]  # member id -> position in request.members
    applicant: int  # position of the applicant
    cohabiting: bool  # a co_applicant is present
    municipal: MunicipalParameters | None


def _members(request: CalculationRequest, context: MonthContext | None, errors: list[ErrorItem]):
    month = request.month
    if month is not None:
        last = context.last_day if context is not None else month.last_day
        last_year, last_md = last.year, last.month * 32 + last.day  # month and day as one comparable int
    ages: list[int] = []
    index: dict[str, int] = {}
    applicants: list[int] = []
    co_applicants: list[int] = []
    for i, member in enumerate(request.members):
        if member is None:
            ages.append(0)
            continue
        if member.id in index:
            errors.append(error("duplicate_member_id", f"members[{i}].id", member=member.id))
        elif member.id is not None:  # None: unreadable, already reported by the JSON reader
            index[member.id] = i
        role = member.role
        if role == "applicant":
            applicants.append(i)
        elif role == "co_applicant":
            co_applicants.append(i)
        if member.preschool_lunch and role in ("applicant", "co_applicant"):
            errors.append(error("preschool_lunch_not_child", f"members[{i}].preschool_lunch"))
        age = 0
        birth = member.birth_date
        if month is not None and birth is not None:
            if birth > last:
                errors.append(error("member_not_born", f"members[{i}].birth_date", month=month))
            else:  # the same rule as months.age_at_end_of_month, inlined for the batch path
                age = last_year - birth.year - (birth.month * 32 + birth.day > last_md)
                if role == "child" and age > OLDEST_CHILD_AGE:
                    errors.append(error("child_over_20", f"members[{i}].birth_date", age=age, last_day=last))
        ages.append(age)
    if not applicants:
        errors.append(error("missing_applicant", "members"))
    for i in applicants[1:]:
        errors.append(error("too_many_applicants", f"members[{i}].role"))
    for i in co_applicants[1:]:
        errors.append(error("too_many_co_applicants", f"members[{i}].role"))
    return ages, index, (applicants or [0])[0], bool(co_applicants)


def _bad_amount(value) -> str | None:
    """Typed requests built in Python bypass the JSON reader, so amounts are checked here as well.

    None is a field the JSON reader could not read (already reported)."""
    if value is None:
        return None
    if type(value) is not int:
        return "non_integer_amount"
    return "negative_amount" if value < 0 else None


def _items(items, name: str, allowed, errors: list[ErrorItem]) -> None:
    for i, item in enumerate(items):
        if item is None:
            continue
        kind, amount = item.kind, item.amount
        if kind not in allowed and kind is not None:
            errors.append(error("unknown_kind", f"{name}[{i}].kind", kind=kind, allowed=", ".join(allowed)))
        if type(amount) is not int or amount < 0:
            problem = _bad_amount(amount)
            if problem:
                errors.append(error(problem, f"{name}[{i}].amount"))


def _incomes(request, context, index, applicant, errors: list[ErrorItem]) -> None:
    members = request.members
    for i, income in enumerate(request.incomes):
        if income is None:
            continue
        year_to_date = income.year_to_date
        if type(year_to_date) is not int or year_to_date < 0:
            problem = _bad_amount(year_to_date)
            if problem:
                errors.append(error(problem, f"incomes[{i}].year_to_date"))
        owner = applicant if income.member is None else index.get(income.member)
        if owner is None:
            errors.append(error("unknown_member", f"incomes[{i}].member", member=income.member))
        elif (
            income.kind == "salary"
            and context is not None
            and context.child_earnings_limit is None
            and members[owner] is not None
            and members[owner].role == "child"
        ):
            errors.append(error("no_price_base_amount", f"incomes[{i}]", year=context.month.year))


def _inspect(request: CalculationRequest) -> tuple[Prepared | None, list[ErrorItem]]:
    errors: list[ErrorItem] = []
    month = request.month
    context = month_context(month) if month is not None else None
    if month is not None and context is None:
        errors.append(error("no_parameters_for_year", "month", year=month.year))
    ages, index, applicant, cohabiting = _members(request, context, errors)
    size = request.household_size
    if size is not None and size < len(request.members):
        errors.append(
            error("household_size_too_small", "household_size", size=size, members=len(request.members))
        )
    kinds = params.kinds()
    _items(request.costs, "costs", kinds.costs, errors)
    _items(request.extra_needs, "extra_needs", kinds.extra_needs, errors)
    _items(request.incomes, "incomes", kinds.incomes, errors)
    _incomes(request, context, index, applicant, errors)
    history = request.assistance_history
    latest = None
    if history:  # a draft from the JSON reader may hold None for an unreadable month
        latest = (
            max(history) if None not in history else max((m for m in history if m is not None), default=None)
        )
    if month is not None and latest is not None and latest >= month:
        for i, past in enumerate(history):
            if past is not None and past >= month:
                errors.append(error("history_not_before_month", f"assistance_history[{i}]", month=month))
    municipal = None
    if request.municipality is not None and month is not None:
        last_day = context.last_day if context is not None else month.last_day
        code = request.municipality
        municipal, problem = (
            find_municipal_parameters(code, last_day) if isinstance(code, str) else (None, None)
        )
        if problem or municipal is None:
            errors.append(problem or error("unknown_municipality", "municipality", code=code))
    if errors or context is None:
        return None, errors
    return Prepared(context, ages, index, applicant, cohabiting, municipal), errors


def check_request(request: CalculationRequest) -> list[ErrorItem]:
    """Every meaning error of the request (empty when it can be calculated).

    parse_request also runs it on a draft in which unreadable list entries are None and unreadable
    member fields are None (their own errors are already recorded), so nothing is reported twice.
    """
    return _inspect(request)[1]


def prepare(request: CalculationRequest) -> Prepared:
    """Validate and look up everything needed; raise CalculationError with all problems otherwise."""
    prepared, errors = _inspect(request)
    if errors:
        raise CalculationError(errors)
    return prepared
