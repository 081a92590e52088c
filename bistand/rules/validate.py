"""The detailed meaning checks of a request: every problem, each with its field path.

The calculation pass (engine.py) checks cheaply as it goes and stops at the first doubt; this walk, written
for clarity rather than speed, then names everything that is wrong: roles, ages, member references,
kinds, amounts, parameters on file for the month. parse_request runs it on a draft whose unreadable
list entries and fields are None (their own errors are already recorded). Tests check that this walk and
the calculation pass agree on valid and on broken requests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bistand.rules import params
from bistand.rules.context import MonthContext, month_context
from bistand.rules.errors import ErrorItem, error
from bistand.rules.months import Month, age_at_end_of_month
from bistand.rules.municipal import find_municipal_parameters
from bistand.rules.norm import OLDEST_CHILD_AGE
from bistand.rules.request import ROLES, CalculationRequest, Cost, ExtraNeed, Income, Member, NormSupplement


def _members(request: CalculationRequest, errors: list[ErrorItem]) -> tuple[dict[str, int], int]:
    """Member checks; returns (member id -> position, position of the applicant) for the income checks."""
    month = request.month
    last = month.last if month is not None else None
    index: dict[str, int] = {}
    applicants: list[int] = []
    co_applicants: list[int] = []
    for i, member in enumerate(request.members):
        if member is None:
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
        elif role not in ROLES and role is not None:  # None: unreadable, already reported
            errors.append(error("invalid_role", f"members[{i}].role"))
        if member.preschool_lunch and role in ("applicant", "co_applicant"):
            errors.append(error("preschool_lunch_not_child", f"members[{i}].preschool_lunch"))
        days = member.days_in_household
        if days is not None:
            if type(days) is not int or not 1 <= days <= 31:
                errors.append(error("invalid_days_in_household", f"members[{i}].days_in_household"))
            elif role in ("applicant", "co_applicant"):
                errors.append(error("days_not_child", f"members[{i}].days_in_household"))
        _history(member.assistance_history or (), month, f"members[{i}].assistance_history", errors)
        birth = member.birth_date
        if month is not None and birth is not None:
            if birth > last:
                errors.append(error("member_not_born", f"members[{i}].birth_date", month=month))
            elif role == "child" and (age := age_at_end_of_month(birth, month)) > OLDEST_CHILD_AGE:
                errors.append(error("child_over_20", f"members[{i}].birth_date", age=age, last_day=last))
    if not applicants:
        errors.append(error("missing_applicant", "members"))
    for i in applicants[1:]:
        errors.append(error("too_many_applicants", f"members[{i}].role"))
    for i in co_applicants[1:]:
        errors.append(error("too_many_co_applicants", f"members[{i}].role"))
    return index, (applicants or [0])[0]


def _history(history: Iterable[object], month: Month | None, path: str, errors: list[ErrorItem]) -> None:
    """Months with assistance must be months (None: unreadable, already reported) before the calculation month."""
    for i, past in enumerate(history):
        if past is None:
            continue
        if not isinstance(past, Month):
            errors.append(error("invalid_month", f"{path}[{i}]"))
        elif month is not None and past >= month:
            errors.append(error("history_not_before_month", f"{path}[{i}]", month=month))


def _bad_amount(value: object) -> str | None:
    """Typed requests built in Python bypass the JSON reader, so amounts are checked here as well.

    None is a field the JSON reader could not read (already reported)."""
    if value is None:
        return None
    if type(value) is not int:
        return "non_integer_amount"
    return "negative_amount" if value < 0 else None


def _items(
    items: Iterable[Cost | ExtraNeed | Income | NormSupplement | None],
    name: str,
    allowed: Mapping[str, object],
    errors: list[ErrorItem],
) -> None:
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


def _blank(value: object) -> bool:
    return not (isinstance(value, str) and value.strip())


def _costs(request: CalculationRequest, errors: list[ErrorItem]) -> None:
    for i, cost in enumerate(request.costs):
        if cost is None:
            continue
        in_full = cost.accepted_in_full
        if in_full is not True and in_full is not False:
            errors.append(error("invalid_boolean", f"costs[{i}].accepted_in_full"))
        elif in_full is True and _blank(cost.reason):
            errors.append(error("reason_required", f"costs[{i}].reason"))


def _norm_supplements(request: CalculationRequest, index: Mapping[str, int], errors: list[ErrorItem]) -> None:
    for i, supplement in enumerate(request.norm_supplements):
        if supplement is None:
            continue
        if _blank(supplement.reason):
            errors.append(error("reason_required", f"norm_supplements[{i}].reason"))
        if supplement.member is not None and supplement.member not in index:
            errors.append(error("unknown_member", f"norm_supplements[{i}].member", member=supplement.member))


def _carried_surplus(request: CalculationRequest, errors: list[ErrorItem]) -> None:
    carried = request.carried_surplus
    if carried is None:
        return
    problem = _bad_amount(carried.amount)
    if problem:
        errors.append(error(problem, "carried_surplus.amount"))
    source, month = carried.from_month, request.month
    if source is not None and not isinstance(source, Month):
        errors.append(error("invalid_month", "carried_surplus.from_month"))
    elif source is not None and month is not None and source >= month:
        errors.append(error("surplus_not_before_month", "carried_surplus.from_month", month=month))


def _member_at(members: Sequence[Member], position: int | None) -> Member | None:
    """The member at `position`, or None when there is none (no members, or no applicant among them)."""
    return members[position] if position is not None and 0 <= position < len(members) else None


def _incomes(
    request: CalculationRequest,
    context: MonthContext | None,
    index: Mapping[str, int],
    applicant: int | None,
    errors: list[ErrorItem],
) -> None:
    members = request.members
    declared: dict[int, int] = {}  # member position -> the first year_to_date given for the member
    for i, income in enumerate(request.incomes):
        if income is None:
            continue
        year_to_date = income.year_to_date
        owner = applicant if income.member is None else index.get(income.member)
        if type(year_to_date) is not int or year_to_date < 0:
            problem = _bad_amount(year_to_date)
            if problem:
                errors.append(error(problem, f"incomes[{i}].year_to_date"))
        elif year_to_date and owner is not None:
            first = declared.setdefault(owner, year_to_date)
            if first != year_to_date:
                holder = _member_at(members, owner)
                errors.append(
                    error(
                        "conflicting_year_to_date",
                        f"incomes[{i}].year_to_date",
                        member=holder.id if holder is not None else owner,
                        first=first,
                        second=year_to_date,
                    )
                )
        if owner is None:
            errors.append(error("unknown_member", f"incomes[{i}].member", member=income.member))
        elif (
            income.kind == "salary"
            and context is not None
            and context.child_earnings_limit is None
            and (holder := _member_at(members, owner)) is not None
            and holder.role == "child"
        ):
            errors.append(error("no_price_base_amount", f"incomes[{i}]", year=context.month.year))


def check_request(request: CalculationRequest) -> list[ErrorItem]:
    """Every meaning error of the request; empty when it can be calculated."""
    errors: list[ErrorItem] = []
    month = request.month
    context = month_context(month) if month is not None else None
    if month is not None and context is None:
        errors.append(error("no_parameters_for_year", "month", year=month.year))
    index, applicant = _members(request, errors)
    size = request.household_size
    if size is not None and (type(size) is not int or size < 1):
        errors.append(error("invalid_household_size", "household_size"))
    elif size is not None and size < len(request.members):
        errors.append(
            error("household_size_too_small", "household_size", size=size, members=len(request.members))
        )
    kinds = params.kinds()
    _items(request.costs, "costs", kinds.costs, errors)
    _items(request.extra_needs, "extra_needs", kinds.extra_needs, errors)
    _items(request.incomes, "incomes", kinds.incomes, errors)
    _items(request.norm_supplements, "norm_supplements", kinds.norm_supplements, errors)
    _costs(request, errors)
    _norm_supplements(request, index, errors)
    _incomes(request, context, index, applicant, errors)
    _carried_surplus(request, errors)
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
    if request.municipality is not None and month is not None:
        last_day = context.last_day if context is not None else month.last
        code = request.municipality
        found, problem = find_municipal_parameters(code, last_day) if isinstance(code, str) else (None, None)
        if problem or found is None:
            errors.append(problem or error("unknown_municipality", "municipality", code=code))
    return errors
