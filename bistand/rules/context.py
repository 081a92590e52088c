"""Everything that depends only on the calculation month, looked up once per month and cached.

The batch path calculates hundreds of thousands of households over a handful of months; resolving the
riksnorm table, the legal sources, the prisbasbelopp and the jobbstimulans rule once per month (instead
of once per household) is what keeps it fast. The scalar path uses the very same cached context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bistand.rules import params
from bistand.rules.months import Month
from bistand.rules.norm import band_tables


@dataclass(frozen=True, slots=True)
class MonthContext:
    month: Month
    month_index: int  # Month.index, for jobbstimulans windows
    last_day: date  # rules and sources are those in force at the end of the month
    table: params.NormTable
    norm_source: params.Source  # legal text of the table for this month
    norm_rules: params.RulePeriod  # more than seven persons; non-cohabiting adult
    with_lunch_by_age: tuple[int, ...]  # index = age 0 … 20
    without_lunch_by_age: tuple[int | None, ...]  # None where the band has no "utan lunch" amount
    costs_rule: params.RulePeriod
    extra_needs_rule: params.RulePeriod
    income_rule: params.RulePeriod
    child_earnings_rule: params.RulePeriod | None
    price_base_amount: params.PriceBaseAmount | None
    child_earnings_limit: int | None  # kronor per calendar year not counted; None without a prisbasbelopp
    work_incentive_rule: params.RulePeriod | None  # None before jobbstimulans existed (July 2013)


def _in_force(name: str, day: date) -> params.RulePeriod:
    """A rule that exists for every month with a riksnorm table (law.toml starts them on 2013-01-01)."""
    rule = params.rule_on(name, day)
    if rule is None:
        raise LookupError(f"law.toml has no {name} rule in force on {day}")
    return rule


@lru_cache(maxsize=512)
def month_context(month: Month) -> MonthContext | None:
    """The month's context, or None when there is no riksnorm for its year (the caller reports it)."""
    table = params.norm_table(month.year)
    if table is None:
        return None
    last_day = month.last
    with_lunch, without_lunch = band_tables(table)
    pbb = params.price_base_amount(month.year)
    child_rule = params.rule_on("child_earnings", last_day)
    limit = None
    if pbb is not None and child_rule is not None:
        limit = int(pbb.value * child_rule.values["pbb_share"])
    return MonthContext(
        month=month,
        month_index=month.index,
        last_day=last_day,
        table=table,
        norm_source=table.source_on(last_day),
        norm_rules=_in_force("norm_rules", last_day),
        with_lunch_by_age=with_lunch,
        without_lunch_by_age=without_lunch,
        costs_rule=_in_force("reasonable_costs", last_day),
        extra_needs_rule=_in_force("extra_needs", last_day),
        income_rule=_in_force("income", last_day),
        child_earnings_rule=child_rule,
        price_base_amount=pbb,
        child_earnings_limit=limit,
        work_incentive_rule=params.rule_on("work_incentive", last_day),
    )


params.on_supply(month_context.cache_clear)  # a supplied table for a year replaces the cached months
