"""The calculation: försörjningsstöd = riksnorm + reasonable costs + other living needs − counted income.

One engine serves both paths. `compute` builds the explanation lines; the batch path (batch.py) runs the
very same step functions through `totals` with `lines=None`, which skips only the wording. Month-level look-ups are cached in
context.month_context, so a batch over a few months resolves its parameters a few times, not per household.
"""

from __future__ import annotations

from bistand.rules import explain, params
from bistand.rules.income import child_earnings_counted, work_incentive_window
from bistand.rules.money import percent_of
from bistand.rules.norm import adults_cost, common_costs, common_costs_share
from bistand.rules.request import CalculationRequest, parse_request
from bistand.rules.result import CalculationResult, Line, Totals
from bistand.rules.validate import Prepared, prepare

_NOT_YET = object()


def _norm(request: CalculationRequest, prep: Prepared, lines: list[Line] | None) -> int:
    ctx = prep.context
    members = request.members
    total = adults_cost(ctx.table, prep.cohabiting)
    if lines is not None:
        lines.append(explain.adults(ctx, prep.cohabiting, total, members[prep.applicant].id))
    for member, age in zip(members, prep.ages, strict=True):
        if member.role != "child":
            continue
        amount = ctx.without_lunch_by_age[age] if member.preschool_lunch else None
        lunch = amount is not None
        if not lunch:
            amount = ctx.with_lunch_by_age[age]
        total += amount
        if lines is not None:
            lines.append(explain.child(ctx, member.id, age, amount, lunch, member.preschool_lunch))
    persons = len(members)
    size = request.household_size or persons
    common = (
        common_costs(ctx.table, persons) if size == persons else common_costs_share(ctx.table, size, persons)
    )
    if lines is not None:
        lines.append(explain.common(ctx, persons, size, common))
    return total + common


def _costs(request: CalculationRequest, prep: Prepared, lines: list[Line] | None) -> int:
    """Reasonable costs as stated, except that a municipal cap limits the total of its kind (rent)."""
    municipal = prep.municipal
    persons = len(request.members)
    cap_left = {"rent": municipal.rent_cap_for(persons)} if municipal is not None else {}
    total = 0
    for cost in request.costs:
        approved = cost.amount
        if cost.kind in cap_left:
            approved = min(approved, cap_left[cost.kind])
            cap_left[cost.kind] -= approved
        total += approved
        if lines is not None:
            label = params.kinds().costs[cost.kind]
            if cost.kind in cap_left:
                cap = municipal.rent_cap_for(persons)
                lines.extend(
                    explain.capped_cost(
                        prep.context,
                        cost.kind,
                        label,
                        cost.description,
                        cost.amount,
                        approved,
                        cap,
                        municipal,
                        persons,
                    )
                )
            else:
                lines.append(explain.cost(prep.context, cost.kind, label, cost.description, cost.amount))
    return total


def _extra_needs(request: CalculationRequest, prep: Prepared, lines: list[Line] | None) -> int:
    total = 0
    for need in request.extra_needs:
        total += need.amount
        if lines is not None:
            label = params.kinds().extra_needs[need.kind]
            lines.append(explain.extra_need(prep.context, need.kind, label, need.description, need.amount))
    return total


def _incomes(request: CalculationRequest, prep: Prepared, lines: list[Line] | None) -> int:
    ctx = prep.context
    kinds = params.kinds().incomes
    window = _NOT_YET
    total = 0
    for income in request.incomes:
        spec = kinds[income.kind]
        owner = request.members[prep.member_index[income.member] if income.member else prep.applicant]
        amount = income.amount
        if not spec.counted:
            if lines is not None:
                lines.append(explain.income_not_counted(income.kind, spec, owner.id, amount))
            continue
        counted = amount
        note = None
        if spec.employment and owner.role == "child":
            # Children's own earnings (SoL 4 kap. 1 a §); jobbstimulans never applies to them.
            counted = child_earnings_counted(amount, income.year_to_date, ctx.child_earnings_limit)
            if lines is not None and counted < amount:
                note = explain.child_earnings_exempt(
                    ctx, owner.id, amount, amount - counted, income.year_to_date
                )
        elif spec.employment and ctx.work_incentive_rule is not None:
            rule = ctx.work_incentive_rule.values
            if window is _NOT_YET:
                window = None
                if len(request.assistance_history) >= rule["qualifying_months"]:
                    history = [
                        year * 12 + month - 1 for year, month in request.assistance_history
                    ]  # Month.index
                    window = work_incentive_window(history, rule["qualifying_months"], rule["window_months"])
            if window is not None and window.start <= ctx.month_index <= window.end:
                counted = amount - percent_of(amount, rule["rate"])
                if lines is not None:
                    note = explain.work_incentive(ctx, owner.id, amount, amount - counted, window)
            elif lines is not None:
                note = explain.no_work_incentive(ctx, owner.id, window)
        total += counted
        if lines is not None:
            if counted or note is None:
                lines.append(explain.income(ctx, income.kind, spec, owner.id, amount, counted))
            if note is not None:
                lines.append(note)
    return total


def _run(request: CalculationRequest, prep: Prepared, lines: list[Line] | None) -> Totals:
    norm = _norm(request, prep, lines)
    costs = _costs(request, prep, lines)
    extra = _extra_needs(request, prep, lines)
    income = _incomes(request, prep, lines)
    balance = norm + costs + extra - income  # Totals.of, inlined: this runs once per household in a batch
    return Totals(norm, costs, extra, income, balance if balance > 0 else 0, -balance if balance < 0 else 0)


def totals(request: CalculationRequest) -> Totals:
    """The figures of one typed request without explanation lines (what the batch path runs per household)."""
    return _run(request, prepare(request), None)


def describe_parameters(prep: Prepared) -> dict:
    """The `parameters` block: which parameter set, legal source and confidence the result rests on."""
    ctx = prep.context
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
        },
        "price_base_amount": None
        if pbb is None
        else {
            "year": pbb.year,
            "amount": pbb.value,
            "source": pbb.source.cite,
            "confidence": pbb.source.confidence,
        },
        "municipality": None if prep.municipal is None else prep.municipal.describe(),
    }


def compute(request: CalculationRequest) -> CalculationResult:
    """Calculate one typed request with its explanation. Raises CalculationError (nothing half-computed)."""
    prep = prepare(request)
    lines: list[Line] = []
    totals = _run(request, prep, lines)
    return CalculationResult(request.month, *totals, lines=tuple(lines), parameters=describe_parameters(prep))


def calculate(data: dict) -> dict:
    """The JSON contract: a request dict in, a JSON-ready result dict out (or CalculationError)."""
    return compute(parse_request(data)).to_dict()
