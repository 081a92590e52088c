"""The calculation: försörjningsstöd = riksnorm + reasonable costs + other living needs − counted income.

One pass serves both paths. `compute` runs it with a list that collects the explanation lines; the batch
path (batch.py) runs the very same pass through `totals` with `lines=None`, which skips only the wording.

The pass checks the request as it goes, cheaply: the moment anything is wrong — or merely unusual — it
stops and returns None, and the detailed walk in validate.py then names every problem with its field
path. So a result is only ever built from a fully valid request (nothing is half-computed), while the
common case pays for one flat pass instead of a validation pass plus a calculation pass. Tests check that
the pass and the detailed walk agree on valid and on broken requests.

Month-level look-ups (riksnorm table, legal sources, prisbasbelopp, jobbstimulans rule) are cached in
context.month_context, municipal ones in municipal.find_municipal_parameters.
"""

from __future__ import annotations

from typing import NamedTuple

from bistand.rules import explain, params
from bistand.rules.context import MonthContext, month_context
from bistand.rules.errors import CalculationError
from bistand.rules.income import child_earnings_counted, work_incentive_window
from bistand.rules.money import percent_of
from bistand.rules.municipal import MunicipalParameters, find_municipal_parameters
from bistand.rules.norm import OLDEST_CHILD_AGE, adults_cost, common_costs, common_costs_share
from bistand.rules.request import CalculationRequest, parse_request
from bistand.rules.result import CalculationResult, Line, Totals
from bistand.rules.validate import check_request

_NOT_YET = object()


class _Household(NamedTuple):
    """What the members pass learns that the later steps need."""

    index: dict[str, int]  # member id -> position
    applicant: int
    cohabiting: bool
    persons: int


def _members(request: CalculationRequest, ctx: MonthContext, lines: list[Line] | None):
    """(riksnorm total, household) — or None when the members are not valid."""
    last = ctx.last_day
    last_year, last_md = last.year, last.month * 32 + last.day  # month and day as one comparable int
    with_lunch, without_lunch = ctx.with_lunch_by_age, ctx.without_lunch_by_age
    members = request.members
    index = {}
    applicant = None
    cohabiting = False
    personal = 0
    child_lines = [] if lines is not None else None
    for position, member in enumerate(members):
        member_id, role, birth = member.id, member.role, member.birth_date
        if member_id in index or birth is None or birth > last:
            return None
        index[member_id] = position
        # completed years on the last day of the month (months.age_at_end_of_month, inlined)
        age = last_year - birth.year - (birth.month * 32 + birth.day > last_md)
        if role == "child":
            if age > OLDEST_CHILD_AGE:
                return None
            amount = without_lunch[age] if member.preschool_lunch else None  # None: no "utan lunch" band
            lunch = amount is not None
            if not lunch:
                amount = with_lunch[age]
            personal += amount
            if child_lines is not None:
                child_lines.append(explain.child(ctx, member_id, age, amount, lunch, member.preschool_lunch))
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
    request, ctx: MonthContext, municipal: MunicipalParameters | None, persons: int, allowed: dict, lines
) -> int | None:
    """Reasonable costs as stated, except that a municipal cap limits the month's total rent."""
    rent_left = cap = municipal.rent_cap_for(persons) if municipal is not None else None
    total = 0
    for cost in request.costs:
        kind, approved = cost.kind, cost.amount
        if type(approved) is not int or approved < 0 or kind not in allowed:
            return None
        capped = cap is not None and kind == "rent"
        if capped:
            approved = min(approved, rent_left)
            rent_left -= approved
        total += approved
        if lines is not None:
            label = allowed[kind]
            if capped:
                lines.extend(
                    explain.capped_cost(
                        ctx, kind, label, cost.description, cost.amount, approved, cap, municipal, persons
                    )
                )
            else:
                lines.append(explain.cost(ctx, kind, label, cost.description, approved))
    return total


def _extra_needs(request, ctx: MonthContext, allowed: dict, lines) -> int | None:
    total = 0
    for need in request.extra_needs:
        amount = need.amount
        if type(amount) is not int or amount < 0 or need.kind not in allowed:
            return None
        total += amount
        if lines is not None:
            lines.append(explain.extra_need(ctx, need.kind, allowed[need.kind], need.description, amount))
    return total


def _incomes(request, ctx: MonthContext, household: _Household, specs: dict, lines) -> int | None:
    members, history = request.members, request.assistance_history
    index, applicant = household.index, household.applicant
    window = _NOT_YET
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
            # Children's own earnings (SoL 4 kap. 1 a §); jobbstimulans never applies to them.
            if ctx.child_earnings_limit is None:
                return None
            counted = child_earnings_counted(amount, year_to_date, ctx.child_earnings_limit)
            if lines is not None and counted < amount:
                note = explain.child_earnings_exempt(ctx, owner.id, amount, amount - counted, year_to_date)
        elif spec.employment and ctx.work_incentive_rule is not None:
            rule = ctx.work_incentive_rule.values
            if window is _NOT_YET:
                window = None
                if len(history) >= rule["qualifying_months"]:
                    indexes = [year * 12 + month - 1 for year, month in history]  # Month.index
                    window = work_incentive_window(indexes, rule["qualifying_months"], rule["window_months"])
            if window is not None and window.start <= ctx.month_index <= window.end:
                counted = amount - percent_of(amount, rule["rate"])
                if lines is not None:
                    note = explain.work_incentive(ctx, owner.id, amount, amount - counted, window)
            elif lines is not None:
                note = explain.no_work_incentive(ctx, owner.id, window)
        total += counted
        if lines is not None:
            if counted or note is None:
                lines.append(
                    explain.income(ctx, income.kind, spec, owner.id, amount, counted, income.description)
                )
            if note is not None:
                lines.append(note)
    return total


def _run(request: CalculationRequest, lines: list[Line] | None):
    """(totals, month context, municipal parameters) — or None when the request is not valid."""
    month = request.month
    ctx = month_context(month) if month is not None else None
    if ctx is None:
        return None
    history = request.assistance_history
    try:
        if history and max(history) >= month:  # every month with assistance must precede this one
            return None
    except TypeError:  # an unreadable month (None) in a draft
        return None
    municipal = None
    code = request.municipality
    if code is not None:
        if type(code) is not str:
            return None
        municipal, problem = find_municipal_parameters(code, ctx.last_day)
        if problem is not None:
            return None
    members = _members(request, ctx, lines)
    if members is None:
        return None
    norm, household = members
    kinds = params.kinds()
    costs = _costs(request, ctx, municipal, household.persons, kinds.costs, lines)
    extra = _extra_needs(request, ctx, kinds.extra_needs, lines)
    income = _incomes(request, ctx, household, kinds.incomes, lines)
    if costs is None or extra is None or income is None:
        return None
    balance = norm + costs + extra - income
    totals = Totals(norm, costs, extra, income, balance if balance > 0 else 0, -balance if balance < 0 else 0)
    return totals, ctx, municipal


def _invalid(request: CalculationRequest) -> CalculationError:
    errors = check_request(request)
    if not errors:  # the flat pass and the detailed walk disagree: a bug, never the user's fault
        raise RuntimeError("the calculation stopped on a request the validation accepts")
    return CalculationError(errors)


def totals(request: CalculationRequest) -> Totals:
    """The figures of one typed request without explanation lines (what the batch path runs per household)."""
    done = _run(request, None)
    if done is None:
        raise _invalid(request)
    return done[0]


def describe_parameters(ctx: MonthContext, municipal: MunicipalParameters | None) -> dict:
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


def compute(request: CalculationRequest) -> CalculationResult:
    """Calculate one typed request with its explanation. Raises CalculationError (nothing half-computed)."""
    lines: list[Line] = []
    done = _run(request, lines)
    if done is None:
        raise _invalid(request)
    totals_, ctx, municipal = done
    return CalculationResult(
        request.month, *totals_, lines=tuple(lines), parameters=describe_parameters(ctx, municipal)
    )


def calculate(data: dict) -> dict:
    """The JSON contract: a request dict in, a JSON-ready result dict out (or CalculationError)."""
    return compute(parse_request(data)).to_dict()
