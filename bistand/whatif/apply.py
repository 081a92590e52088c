"""A scenario as changed copies of the dated parameter objects the rules engine reads.

The engine asks "what applies this month?" through engine.Lookups; `scenario_lookups` answers with the
month context and the municipal parameters in force, transformed by the scenario. The TOML files are
never edited and the cached objects of the rules in force are never mutated: every change is a new frozen
object (dataclasses.replace), cached per scenario so that a batch of 20 000 households transforms each
month only once.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from bistand.rules.context import MonthContext, month_context
from bistand.rules.engine import Lookups
from bistand.rules.money import round_half_up
from bistand.rules.municipal import MunicipalParameters, find_municipal_parameters
from bistand.rules.norm import band_tables
from bistand.rules.params import NormTable, RulePeriod
from bistand.whatif.scenario import NormChange, RentCapChange, Scenario, WorkIncentiveChange

SCENARIO_MARK = "scenario"  # added to a changed source's citation, so a line never passes for the law


def scaled(amount: int, percent: Decimal) -> int:
    """amount × (1 + percent / 100), rounded half-up to whole kronor: 5 220 × 1,02 = 5 324,4 -> 5 324."""
    return round_half_up(Decimal(amount) * (1 + percent / 100))


def changed_norm(table: NormTable, change: NormChange) -> NormTable:
    """Every amount of the year's table (children, adults, common costs) changed by the same percentage."""
    p = change.percent
    return replace(
        table,
        with_lunch=tuple(scaled(a, p) for a in table.with_lunch),
        without_lunch=tuple(scaled(a, p) for a in table.without_lunch),
        single=scaled(table.single, p),
        couple=scaled(table.couple, p),
        common=tuple(scaled(a, p) for a in table.common),
    )


def changed_work_incentive(rule: RulePeriod | None, change: WorkIncentiveChange) -> RulePeriod | None:
    """Jobbstimulans switched off, or with another rate (only where the rule exists in the month)."""
    if rule is None or not change.enabled:
        return None
    if change.rate is None:
        return rule
    source = replace(rule.source, cite=f"{rule.source.cite} ({SCENARIO_MARK})")
    return RulePeriod(source, {**rule.values, "rate": change.rate})


def changed_rent_cap(found: MunicipalParameters, change: RentCapChange) -> MunicipalParameters:
    caps = change.by_size or tuple(scaled(a, change.percent) for a in found.rent_cap)
    return replace(found, rent_cap=caps, version=f"{found.version}+{SCENARIO_MARK}")


def changed_context(ctx: MonthContext, scenario: Scenario) -> MonthContext:
    if scenario.norm is not None:
        table = changed_norm(ctx.table, scenario.norm)
        with_lunch, without_lunch = band_tables(table)
        source = replace(ctx.norm_source, cite=f"{ctx.norm_source.cite} ({SCENARIO_MARK})")
        ctx = replace(
            ctx,
            table=table,
            norm_source=source,
            with_lunch_by_age=with_lunch,
            without_lunch_by_age=without_lunch,
        )
    if scenario.work_incentive is not None:
        ctx = replace(
            ctx, work_incentive_rule=changed_work_incentive(ctx.work_incentive_rule, scenario.work_incentive)
        )
    return ctx


def scenario_lookups(scenario: Scenario) -> Lookups:
    """engine.Lookups that give the scenario's parameters (the cap is applied afterwards, see cap.py)."""
    contexts: dict = {}
    municipal: dict = {}

    def context_of(month):
        if month not in contexts:
            ctx = month_context(month)
            contexts[month] = None if ctx is None else changed_context(ctx, scenario)
        return contexts[month]

    def municipal_of(code, day):
        key = (code, day)
        if key not in municipal:
            found, problem = find_municipal_parameters(code, day)
            if found is not None and scenario.rent_cap is not None:
                found = changed_rent_cap(found, scenario.rent_cap)
            municipal[key] = (found, problem)
        return municipal[key]

    return Lookups(context_of, municipal_of)
