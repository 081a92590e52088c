"""The calculation: försörjningsstöd = riksnorm + reasonable costs + other living needs − counted income.

One pass serves both paths. `compute` runs it with a list that collects the explanation lines; the batch
path (batch.py) runs the very same pass through `totals` with `lines=None`, which skips only the wording.

The pass checks the request as it goes, cheaply: the moment anything is wrong — or merely unusual — it
stops and returns None, and the detailed walk in validate.py then names every problem with its field
path. So a result is only ever built from a fully valid request (nothing is half-computed), while the
common case pays for one flat pass instead of a validation pass plus a calculation pass. Tests check that
the pass and the detailed walk agree on valid and on broken requests.

Month-level look-ups (riksnorm table, legal sources, prisbasbelopp, jobbstimulans rule) are cached in
context.month_context, municipal ones in municipal.find_municipal_parameters. Both are reached through a
`Lookups` object (IN_FORCE by default) so that the what-if tool can run the very same pass on changed
parameter objects (bistand.whatif) without ever editing the parameter files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NamedTuple

from bistand.rules import explain, judgements, params
from bistand.rules.context import MonthContext, month_context
from bistand.rules.errors import CalculationError, ErrorItem
from bistand.rules.income import Window, child_earnings_counted, work_incentive_window
from bistand.rules.money import percent_of
from bistand.rules.months import Month
from bistand.rules.municipal import MunicipalParameters, find_municipal_parameters
from bistand.rules.norm import OLDEST_CHILD_AGE, adults_cost, common_costs, common_costs_share, part_of_month
from bistand.rules.request import CalculationRequest, parse_request
from bistand.rules.result import CalculationResult, Line, Totals
from bistand.rules.validate import check_request


class Lookups(NamedTuple):
    """Where the pass finds its parameters: the month context and the municipal parameters."""

    month_context: Callable[[Month], MonthContext | None]
    # (code, last day of the month) -> (MunicipalParameters, None) or (None, ErrorItem)
    municipal: Callable[[str, date], tuple[MunicipalParameters | None, ErrorItem | None]]


IN_FORCE = Lookups(month_context, find_municipal_parameters)  # the rules as the parameter files state them


class _Household(NamedTuple):
    """What the members pass learns that the later steps need."""

    positions: dict[str, int]  # member id -> position
    applicant: int
    cohabiting: bool
    persons: int


def _all_before(history: Iterable[Month], month: Month) -> bool:
    """Every month of a history precedes `month` (False also for an unreadable month in a draft)."""
    try:
        return max(history) < month
    except TypeError:
        return False


def _members(
    request: CalculationRequest, ctx: MonthContext, lines: list[Line] | None
) -> tuple[int, _Household] | None:
    """(riksnorm total, household) — or None when the members are not valid."""
    last = ctx.last_day
    last_year, last_md = last.year, last.month * 32 + last.day  # month and day as one comparable int
    with_lunch, without_lunch = ctx.with_lunch_by_age, ctx.without_lunch_by_age
    members = request.members
    index: dict[str, int] = {}
    applicant: int | None = None
    cohabiting = False
    personal = 0
    child_lines: list[Line] = []
    for position, member in enumerate(members):
        member_id, role, birth, days = member.id, member.role, member.birth_date, member.days_in_household
        if member_id in index or birth is None or birth > last:
            return None
        index[member_id] = position
        own_history = member.assistance_history
        if own_history and not _all_before(own_history, ctx.month):
            return None
        # completed years on the last day of the month (months.age_at_end_of_month, inlined)
        age = last_year - birth.year - (birth.month * 32 + birth.day > last_md)
        if role == "child":
            if age > OLDEST_CHILD_AGE:
                return None
            amount = without_lunch[age] if member.preschool_lunch else None  # None: no "utan lunch" band
            lunch = amount is not None
            if amount is None:
                amount = with_lunch[age]
            counted = amount
            if days is not None:
                if type(days) is not int or not 1 <= days <= 31:
                    return None
                counted = part_of_month(amount, days)
            personal += counted
            if lines is not None:
                child_lines.append(
                    explain.child(ctx, member_id, age, amount, lunch, member.preschool_lunch, days, counted)
                )
        elif days is not None:  # days in the household are for children only
            return None
        elif role == "applicant" and applicant is None and not member.preschool_lunch:
            applicant = position
        elif role == "co_applicant" and not cohabiting and not member.preschool_lunch:
            cohabiting = True
        else:
            return None
    persons = len(members)
    size = request.household_size
    if applicant is None or (size is not None and (type(size) is not int or size < persons)):
        return None
    table = ctx.table
    adults = adults_cost(table, cohabiting)
    if size is None or size == persons:
        size, common = persons, common_costs(table, persons)
    else:  # the case shares a larger household without being cohabitants with the others
        common = common_costs_share(table, size, persons)
    if lines is not None:
        lines.append(explain.adults(ctx, cohabiting, adults, members[applicant].id))
        lines.extend(child_lines)
        lines.append(explain.common(ctx, persons, size, common))
    return adults + personal + common, _Household(index, applicant, cohabiting, persons)


def _costs(
    request: CalculationRequest,
    ctx: MonthContext,
    municipal: MunicipalParameters | None,
    persons: int,
    allowed: dict[str, str],
    lines: list[Line] | None,
) -> int | None:
    """Reasonable costs as stated, except that a municipal cap limits the month's total rent.

    A cost the caseworker accepts in full (`accepted_in_full`, with a reason: e.g. a short-term need, or
    while the person actively looks for cheaper housing, SOSFS 2013:1) is not capped; it still uses up the
    cap, so other rent items of the month are capped on what is left of it.
    """
    rent_left = cap = municipal.rent_cap_for(persons) if municipal is not None else None
    total = 0
    for cost in request.costs:
        kind, approved, in_full = cost.kind, cost.amount, cost.accepted_in_full
        if type(approved) is not int or approved < 0 or kind not in allowed:
            return None
        if in_full is not False and (in_full is not True or not _has_text(cost.reason)):
            return None
        capped = cap is not None and kind == "rent"
        left_before = rent_left
        if capped:
            assert rent_left is not None  # capped: there is a cap, and rent_left starts from it
            if not in_full:
                approved = min(approved, rent_left)
            rent_left -= min(approved, rent_left)
        total += approved
        if lines is not None:
            label = allowed[kind]
            if in_full:
                over = capped and left_before is not None and cost.amount > left_before
                lines.append(
                    judgements.accepted_in_full(
                        ctx, kind, label, cost, cap if over else None, municipal, persons
                    )
                )
            elif capped:
                assert cap is not None and municipal is not None  # capped: the municipality has a cap
                lines.extend(
                    explain.capped_cost(
                        ctx, kind, label, cost.description, cost.amount, approved, cap, municipal, persons
                    )
                )
            else:
                lines.append(explain.cost(ctx, kind, label, cost.description, approved))
    return total


def _has_text(value: object) -> bool:
    return type(value) is str and bool(value.strip())


def _norm_supplements(
    request: CalculationRequest,
    ctx: MonthContext,
    household: _Household,
    allowed: dict[str, str],
    lines: list[Line] | None,
) -> int | None:
    """The norm at a higher level for special reasons (SOSFS 2013:1): extra lines, never a changed table."""
    total = 0
    for supplement in request.norm_supplements:
        amount = supplement.amount
        if type(amount) is not int or amount < 0 or supplement.kind not in allowed:
            return None
        if not _has_text(supplement.reason):
            return None
        position = (
            household.applicant if supplement.member is None else household.positions.get(supplement.member)
        )
        if position is None:
            return None
        total += amount
        if lines is not None:
            member_id = request.members[position].id
            lines.append(judgements.norm_supplement(ctx, supplement, allowed[supplement.kind], member_id))
    return total


def _extra_needs(
    request: CalculationRequest, ctx: MonthContext, allowed: dict[str, str], lines: list[Line] | None
) -> int | None:
    total = 0
    for need in request.extra_needs:
        amount = need.amount
        if type(amount) is not int or amount < 0 or need.kind not in allowed:
            return None
        total += amount
        if lines is not None:
            lines.append(explain.extra_need(ctx, need.kind, allowed[need.kind], need.description, amount))
    return total


def _years_to_date(request: CalculationRequest, household: _Household) -> dict[int, int] | None:
    """Member position -> earnings earlier in the calendar year; None when the items contradict each other.

    `year_to_date` describes the member, not the item: every item of the member that gives it must give
    the same amount (items that leave it out, or give 0, agree with any amount).
    """
    found: dict[int, int] = {}
    index, applicant = household.positions, household.applicant
    for income in request.incomes:
        value = income.year_to_date
        if not value:
            continue
        position = applicant if income.member is None else index.get(income.member)
        if position is None or type(value) is not int or value < 0:
            return None
        if found.setdefault(position, value) != value:
            return None
    return found


def _incomes(
    request: CalculationRequest,
    ctx: MonthContext,
    household: _Household,
    specs: dict[str, params.IncomeKind],
    lines: list[Line] | None,
) -> int | None:
    members, household_history = request.members, request.assistance_history
    index, applicant = household.positions, household.applicant
    windows: dict[
        int, Window | None
    ] = {}  # member position -> jobbstimulans window (or None), decided once each
    earned: dict[int, int] = {}  # child's position -> earnings this calendar year before the current item
    years_to_date = _years_to_date(request, household)
    if years_to_date is None:
        return None
    total = 0
    for income in request.incomes:
        amount, year_to_date, spec = income.amount, income.year_to_date, specs.get(income.kind)
        if (
            spec is None
            or type(amount) is not int
            or amount < 0
            or type(year_to_date) is not int
            or year_to_date < 0
        ):
            return None
        position = applicant if income.member is None else index.get(income.member)
        if position is None:
            return None
        owner = members[position]
        if not spec.counted:
            if lines is not None:
                lines.append(
                    explain.income_not_counted(income.kind, spec, owner.id, amount, income.description)
                )
            continue
        counted, note = amount, None
        if spec.employment and owner.role == "child":
            # Children's own earnings (SoL 4 kap. 1 a §): free up to the limit per person and calendar year,
            # over all of the child's salary items; jobbstimulans never applies to them.
            if ctx.child_earnings_limit is None:
                return None
            before = earned.get(position)
            if before is None:
                before = years_to_date.get(position, 0)
            counted = child_earnings_counted(amount, before, ctx.child_earnings_limit)
            earned[position] = before + amount
            if lines is not None and counted < amount:
                declared = years_to_date.get(position, 0)
                note = explain.child_earnings_exempt(
                    ctx, owner.id, amount, amount - counted, declared, before - declared
                )
        elif spec.employment and ctx.work_incentive_rule is not None:
            rule = ctx.work_incentive_rule.values
            own = owner.assistance_history
            history = household_history if own is None else own
            if position in windows:
                window = windows[position]
            else:
                window = None
                if len(history) >= rule["qualifying_months"]:
                    indexes = [year * 12 + month - 1 for year, month in history]  # Month.index
                    window = work_incentive_window(indexes, rule["qualifying_months"], rule["window_months"])
                windows[position] = window
            if lines is not None:
                who = explain.person(owner, own is not None)
            if window is not None and window.start <= ctx.month_index <= window.end:
                counted = amount - percent_of(amount, rule["rate"])
                if lines is not None:
                    note = explain.work_incentive(ctx, owner.id, who, amount, amount - counted, window)
            elif lines is not None:
                note = explain.no_work_incentive(ctx, owner.id, who, window)
        total += counted
        if lines is not None:
            if counted or note is None:
                lines.append(
                    explain.income(ctx, income.kind, spec, owner.id, amount, counted, income.description)
                )
            if note is not None:
                lines.append(note)
    return total


def _carried_surplus(request: CalculationRequest, ctx: MonthContext, lines: list[Line] | None) -> int | None:
    """Normöverskott of an earlier month counted as income this month (the caseworker's decision)."""
    carried = request.carried_surplus
    if carried is None:
        return 0
    amount, source = carried.amount, carried.from_month
    if type(amount) is not int or amount < 0 or type(source) is not Month or not source < ctx.month:
        return None
    if lines is not None:
        lines.append(judgements.carried_surplus(ctx, amount, source))
    return amount


def _run(
    request: CalculationRequest, lines: list[Line] | None, lookups: Lookups = IN_FORCE
) -> tuple[Totals, MonthContext, MunicipalParameters | None] | None:
    """(totals, month context, municipal parameters) — or None when the request is not valid."""
    month = request.month
    ctx = lookups.month_context(month) if month is not None else None
    if ctx is None:
        return None
    history = request.assistance_history
    if history and not _all_before(history, month):  # every month with assistance must precede this one
        return None
    municipal = None
    code = request.municipality
    if code is not None:
        if type(code) is not str:
            return None
        municipal, problem = lookups.municipal(code, ctx.last_day)
        if problem is not None:
            return None
    members = _members(request, ctx, lines)
    if members is None:
        return None
    norm, household = members
    kinds = params.kinds()
    supplements = _norm_supplements(request, ctx, household, kinds.norm_supplements, lines)
    costs = _costs(request, ctx, municipal, household.persons, kinds.costs, lines)
    extra = _extra_needs(request, ctx, kinds.extra_needs, lines)
    income = _incomes(request, ctx, household, kinds.incomes, lines)
    carried = _carried_surplus(request, ctx, lines)
    if supplements is None or costs is None or extra is None or income is None or carried is None:
        return None
    norm += supplements
    income += carried
    balance = norm + costs + extra - income
    totals = Totals(norm, costs, extra, income, balance if balance > 0 else 0, -balance if balance < 0 else 0)
    return totals, ctx, municipal


def _invalid(request: CalculationRequest) -> CalculationError:
    errors = check_request(request)
    if not errors:  # the flat pass and the detailed walk disagree: a bug, never the user's fault
        raise RuntimeError("the calculation stopped on a request the validation accepts")
    return CalculationError(errors)


def totals(request: CalculationRequest, lookups: Lookups = IN_FORCE) -> Totals:
    """The figures of one typed request without explanation lines (what the batch path runs per household)."""
    done = _run(request, None, lookups)
    if done is None:
        raise _invalid(request)
    return done[0]


def describe_parameters(ctx: MonthContext, municipal: MunicipalParameters | None) -> dict[str, Any]:
    """The `parameters` block: which parameter set, legal source and confidence the result rests on."""
    table, source, pbb = ctx.table, ctx.norm_source, ctx.price_base_amount
    return {
        "version": params.parameter_version(),
        "year": table.year,
        "confidence": params.weakest(source.confidence, table.confidence),
        "preliminary": table.preliminary,
        "norm": {
            "source": source.cite,
            "title": source.title,
            "url": source.url,
            "parts": dict(table.marks),
            "version": table.version,
        },
        "price_base_amount": None
        if pbb is None
        else {
            "year": pbb.year,
            "amount": pbb.value,
            "source": pbb.source.cite,
            "confidence": pbb.source.confidence,
            "version": pbb.version,
        },
        "municipality": None if municipal is None else municipal.describe(),
    }


def compute(request: CalculationRequest, lookups: Lookups = IN_FORCE) -> CalculationResult:
    """Calculate one typed request with its explanation. Raises CalculationError (nothing half-computed)."""
    lines: list[Line] = []
    done = _run(request, lines, lookups)
    if done is None:
        raise _invalid(request)
    totals_, ctx, municipal = done
    return CalculationResult(
        request.month,
        totals_.norm_total,
        totals_.costs_total,
        totals_.extra_needs_total,
        totals_.income_total,
        totals_.assistance,
        totals_.surplus,
        lines=tuple(lines),
        parameters=describe_parameters(ctx, municipal),
    )


def calculate(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON contract: a request dict in, a JSON-ready result dict out (or CalculationError)."""
    return compute(parse_request(data)).to_dict()
