"""Explanation lines for the caseworker's judgements that the rules carry.

Each of these is the caseworker's decision, not a rule the engine applies by itself, so every line states
the judgement and the caseworker's reason in the applicant's language:
* a cost accepted in full although it exceeds the municipality's cap (SOSFS 2013:1: the actual cost
  should be accepted when the need is short-term or while the person actively looks for cheaper housing);
* the norm at a higher level for a special reason (SOSFS 2013:1), an extra line beside the table;
* normöverskott of an earlier month counted as income this month (HFD 2017 ref. 51).
"""

from __future__ import annotations

from bistand.rules.context import MonthContext
from bistand.rules.explain import persons
from bistand.rules.formatting import kr
from bistand.rules.months import Month
from bistand.rules.municipal import MunicipalParameters
from bistand.rules.params import weakest
from bistand.rules.request import Cost, NormSupplement
from bistand.rules.result import Line

SOSFS = "SOSFS 2013:1"


def accepted_in_full(
    ctx: MonthContext,
    kind: str,
    label: str,
    cost: Cost,
    cap: int | None,
    municipal: MunicipalParameters | None,
    persons_in_case: int,
) -> Line:
    """`cap` is given when the cost goes beyond what the municipal cap would have allowed."""
    rule = ctx.costs_rule.source
    what = f"{label} ({cost.description})" if cost.description else label
    reason = cost.reason.strip().rstrip(".")
    if cap is not None and municipal is not None:
        town = municipal.name if municipal.name[-1:] in "sxz" else f"{municipal.name}s"
        limit = f", fast {town} högsta skäliga boendekostnad för {persons(persons_in_case)} är {kr(cap)}"
        source = f"{rule.cite}; {SOSFS}; {municipal.decision or municipal.source}"
        confidence = weakest(rule.confidence, municipal.confidence)
        parameter = (
            f"municipal.{municipal.code}.rent_cap.{min(persons_in_case, len(municipal.rent_cap))}_persons"
        )
    else:
        limit, source, confidence, parameter = "", f"{rule.cite}; {SOSFS}", rule.confidence, None
    text = (
        f"{what}: {kr(cost.amount)} godkänns i sin helhet som skälig kostnad efter handläggarens bedömning"
        f"{limit}. Skäl: {reason} ({rule.cite}; {SOSFS})"
    )
    return Line(
        "cost.accepted_in_full",
        cost.amount,
        text,
        source,
        confidence,
        parameter=parameter,
        value=cap,
        kind=kind,
    )


def norm_supplement(ctx: MonthContext, supplement: NormSupplement, label: str, member: str) -> Line:
    source = ctx.norm_source
    reason = supplement.reason.strip().rstrip(".")
    text = (
        f"Riksnormen beräknad till en högre nivå – {label.lower()}: {kr(supplement.amount)} utöver normens "
        f"belopp. Skäl: {reason} ({source.cite}; {SOSFS})"
    )
    return Line(
        "norm.supplement",
        supplement.amount,
        text,
        f"{source.cite}; {SOSFS}",
        source.confidence,
        member=member,
        kind=supplement.kind,
    )


def carried_surplus(ctx: MonthContext, amount: int, from_month: Month) -> Line:
    rule = ctx.income_rule.source
    text = (
        f"Normöverskott från {from_month}: {kr(amount)} räknas som inkomst denna månad. Inkomsterna i "
        f"{from_month} var större än behovet, och handläggaren har beslutat att överskottet förs över till "
        f"{ctx.month} ({rule.cite}; HFD 2017 ref. 51)"
    )
    return Line(
        "income.carried_surplus",
        -amount,
        text,
        f"{rule.cite}; HFD 2017 ref. 51",
        rule.confidence,
        parameter="carried_surplus.from_month",
        value=str(from_month),
    )
