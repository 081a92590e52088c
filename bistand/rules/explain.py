"""Explanation lines: the Swedish sentence, rule id, parameter and source behind every amount.

Worded so that a caseworker can check the arithmetic and an applicant can follow it. The engine decides
the amounts; these functions only describe them.
"""

from __future__ import annotations

from bistand.rules.context import MonthContext
from bistand.rules.formatting import kr, kr_fraction
from bistand.rules.income import Window
from bistand.rules.months import Month
from bistand.rules.municipal import MunicipalParameters
from bistand.rules.norm import (
    BAND_OF_AGE,
    BANDS,
    DAYS_IN_NORM_MONTH,
    FULL_TABLE_SIZE,
    LUNCH_BANDS,
    common_costs,
    extra_member_cost,
)
from bistand.rules.params import IncomeKind, weakest
from bistand.rules.request import Member
from bistand.rules.result import Line

MARK_NOTES = {
    "official": "",
    "secondary": "belopp från sekundär källa",
    "derived": "beräknat belopp, inte publicerat",
    "preliminary": "preliminärt belopp",
}


def _in_words(n: int) -> str:
    """Small counts in words, as Swedish prose writes them: 6 -> 'sex'."""
    return {6: "sex", 12: "tolv", 24: "tjugofyra"}.get(n, str(n))


def persons(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'personer'}"


def _genitive(name: str) -> str:
    return name if name[-1:] in "sxz" else f"{name}s"


def join_cites(first: str, second: str) -> str:
    """'SoF 2025:468 12 kap. 2 §' + 'SoF 2025:468 12 kap. 3 §' -> 'SoF 2025:468 12 kap. 2 och 3 §§'."""
    if not second or second == first:
        return first
    head, number, _ = first.rsplit(" ", 2)
    other_head, other_number, _ = second.rsplit(" ", 2)
    return f"{head} {number} och {other_number} §§" if head == other_head else f"{first}, {second}"


def _norm_ref(ctx: MonthContext, part: str, extra_cite: str = "") -> tuple[str, str, str]:
    """(text in parentheses, source, confidence) for a riksnorm amount of `part`."""
    confidence = weakest(ctx.norm_source.confidence, ctx.table.marks[part])
    cites = join_cites(ctx.norm_source.cite, extra_cite)
    note = MARK_NOTES[confidence]
    return f"riksnormen {ctx.table.year}, {cites}{'; ' + note if note else ''}", cites, confidence


def adults(ctx: MonthContext, cohabiting: bool, amount: int, applicant_id: str) -> Line:
    ref, source, confidence = _norm_ref(ctx, "adults")
    if cohabiting:
        text, rule, name = (
            "sammanboende vuxna, ett gemensamt belopp för båda",
            "norm.personal.couple",
            "couple",
        )
    else:
        text, rule, name = "ensamstående vuxen", "norm.personal.single", "single"
    return Line(
        rule,
        amount,
        f"Personlig kostnad för {text}: {kr(amount)} ({ref})",
        source,
        confidence,
        parameter=f"riksnorm_{ctx.table.year}.adults.{name}",
        value=amount,
        member=None if cohabiting else applicant_id,
    )


def child(
    ctx: MonthContext,
    member_id: str,
    age: int,
    amount: int,
    lunch: bool,
    asked_lunch: bool,
    days: int | None = None,
    counted: int | None = None,
) -> Line:
    """The child's personal costs; `days` in the household (part of the month with the other parent) gives
    `counted` = amount × days / 30 rounded half-up once (norm.part_of_month)."""
    band_index = BAND_OF_AGE[age]
    band = BANDS[band_index]
    part = "without_lunch" if lunch else "with_lunch"
    ref, source, confidence = _norm_ref(ctx, part)
    who = band.noun + (" som äter lunch på förskolan" if lunch else "")
    counted = amount if counted is None else counted
    if days is None:
        text = f"Personlig kostnad för {who}: {kr(amount)} ({ref})"
    else:
        source = f"{source}; SOSFS 2013:1"
        if days >= DAYS_IN_NORM_MONTH:
            share_text = f"{days} dagar i hushållet denna månad, hela månadsbeloppet {kr(amount)}"
        else:
            exact = amount * days % DAYS_IN_NORM_MONTH == 0
            rounding = "" if exact else f" (avrundat från {kr_fraction(amount * days, DAYS_IN_NORM_MONTH)})"
            share_text = (
                f"{days} {'dag' if days == 1 else 'dagar'} i hushållet denna månad, "
                f"{kr(amount)} / 30 × {days} {'dag' if days == 1 else 'dagar'} = {kr(counted)}{rounding}"
            )
        text = (
            f"Personlig kostnad för {who}: {share_text}. Barnet bor del av månaden hos den andra föräldern; "
            f"dagbeloppet är månadsbeloppet / 30, avrundat till hela kronor först på summan ({ref}; SOSFS 2013:1)"
        )
    if asked_lunch and band_index >= LUNCH_BANDS:
        text += ". Lunch på förskolan påverkar inte beloppet från 7 års ålder."
    return Line(
        "norm.personal.child",
        counted,
        text,
        source,
        confidence,
        parameter=f"riksnorm_{ctx.table.year}.children.{band.label.replace('–', '-').removesuffix(' år')}.{part}",
        value=amount,
        member=member_id,
    )


def common(ctx: MonthContext, members: int, household_size: int, amount: int) -> Line:
    table = ctx.table
    if household_size == members:
        ref, source, confidence = _norm_ref(ctx, "common", ctx.norm_rules.source.cite if members > 7 else "")
        text = f"Gemensamma hushållskostnader för {persons(members)}: {kr(amount)}"
        if members > FULL_TABLE_SIZE:
            extra = extra_member_cost(table)
            text += (
                f" ({kr(table.common[-1])} för sju personer + {members - FULL_TABLE_SIZE} × {kr(extra)} "
                f"för varje person utöver sju)"
            )
        return Line(
            "norm.common",
            amount,
            f"{text} ({ref})",
            source,
            confidence,
            parameter=f"riksnorm_{table.year}.common.{min(members, FULL_TABLE_SIZE)}_persons",
            value=common_costs(table, members),
        )
    ref, source, confidence = _norm_ref(ctx, "common", ctx.norm_rules.source.cite)
    full = common_costs(table, household_size)
    exact = full * members % household_size == 0
    rounding = "" if exact else f" (avrundat från {kr_fraction(full * members, household_size)})"
    text = (
        f"Andel av gemensamma hushållskostnader: {persons(members)} i ärendet av {household_size} i hushållet, "
        f"{kr(full)} × {members}/{household_size} = {kr(amount)}{rounding} ({ref})"
    )
    return Line(
        "norm.common.share",
        amount,
        text,
        source,
        confidence,
        parameter=f"riksnorm_{table.year}.common.{min(household_size, FULL_TABLE_SIZE)}_persons",
        value=full,
    )


def cost(ctx: MonthContext, kind: str, label: str, description: str, amount: int) -> Line:
    what = f"{label} ({description})" if description else label
    rule = ctx.costs_rule.source
    return Line(
        "cost.reasonable",
        amount,
        f"{what}: {kr(amount)}, skälig kostnad ({rule.cite})",
        rule.cite,
        rule.confidence,
        kind=kind,
    )


def capped_cost(
    ctx: MonthContext,
    kind: str,
    label: str,
    description: str,
    stated: int,
    approved: int,
    cap: int,
    municipal: MunicipalParameters,
    persons_in_case: int,
) -> list[Line]:
    what = f"{label} ({description})" if description else label
    rule = ctx.costs_rule.source
    town = _genitive(municipal.name)
    limit = f"{town} högsta skäliga boendekostnad för {persons(persons_in_case)} är {kr(cap)}"
    source = f"{rule.cite}; {municipal.decision or municipal.source}"
    param = f"municipal.{municipal.code}.rent_cap.{min(persons_in_case, len(municipal.rent_cap))}_persons"
    confidence = weakest(rule.confidence, municipal.confidence)
    if approved == stated:
        text = f"{what}: {kr(stated)}, skälig kostnad – {limit} ({rule.cite})"
        return [
            Line("cost.reasonable", stated, text, source, confidence, parameter=param, value=cap, kind=kind)
        ]
    return [
        Line(
            "cost.reasonable",
            approved,
            f"{what}: {kr(approved)} av {kr(stated)} godkänns som skälig kostnad – {limit} ({rule.cite})",
            source,
            confidence,
            parameter=param,
            value=cap,
            kind=kind,
        ),
        Line(
            "cost.not_approved",
            0,
            f"{what}: {kr(stated - approved)} godkänns inte. Kostnaden är högre än vad som bedöms skäligt i "
            f"{municipal.name} för ett hushåll med {persons(persons_in_case)} ({kr(cap)} i månaden).",
            source,
            confidence,
            counted=False,
            parameter=param,
            value=cap,
            kind=kind,
        ),
    ]


def extra_need(ctx: MonthContext, kind: str, label: str, description: str, amount: int) -> Line:
    rule = ctx.extra_needs_rule.source
    what = f"{label} – {description}" if description else label
    text = f"{what}: {kr(amount)}, behov för livsföringen i övrigt ({rule.cite})"
    return Line("extra_need", amount, text, rule.cite, rule.confidence, kind=kind)


def income(
    ctx: MonthContext,
    kind: str,
    spec: IncomeKind,
    member: str,
    amount: int,
    counted: int,
    description: str = "",
) -> Line:
    rule = ctx.income_rule.source
    what = f"{spec.label} ({description})" if description else spec.label
    if counted == amount:
        text = f"{what}: {kr(amount)} räknas som inkomst ({rule.cite})"
    else:
        text = f"{what}: {kr(amount)}, varav {kr(counted)} räknas som inkomst ({rule.cite})"
    return Line("income.counted", -counted, text, rule.cite, rule.confidence, member=member, kind=kind)


def income_not_counted(kind: str, spec: IncomeKind, member: str, amount: int, description: str = "") -> Line:
    what = f"{spec.label} ({description})" if description else spec.label
    text = f"{what}: {kr(amount)} räknas inte som inkomst – {spec.reason}"
    return Line(
        "income.not_counted",
        0,
        text,
        spec.cite,
        spec.confidence,
        counted=False,
        member=member,
        kind=kind,
    )


def child_earnings_exempt(
    ctx: MonthContext, member: str, amount: int, exempt: int, year_to_date: int, same_month: int = 0
) -> Line:
    """`year_to_date`: the child's earnings earlier in the year; `same_month`: the child's salary items
    already counted against the free amount this month (the free amount is per person, not per item)."""
    rule, pbb, limit = ctx.child_earnings_rule, ctx.price_base_amount, ctx.child_earnings_limit
    # Only called when the month has a free amount, which needs both the rule and a prisbasbelopp.
    assert rule is not None and pbb is not None and limit is not None
    share = "ett halvt prisbasbelopp" if rule.values["pbb_share"] < 1 else "ett prisbasbelopp"
    earlier = f"; tidigare i år {kr(year_to_date)}" if year_to_date else ""
    if same_month:
        earlier += f"; andra löneposter denna månad {kr(same_month)}"
    text = (
        f"Lön för hemmavarande barn eller skolungdom: {kr(exempt)} av {kr(amount)} räknas inte som inkomst. "
        f"Barns och skolungdomars egna arbetsinkomster räknas inte upp till {share} per kalenderår, "
        f"{kr(limit)} för {pbb.year}{earlier} ({rule.source.cite}; prisbasbeloppet {pbb.year} "
        f"enligt {pbb.source.cite})"
    )
    return Line(
        "income.child_earnings_exempt",
        0,
        text,
        rule.source.cite,
        weakest(rule.source.confidence, pbb.source.confidence),
        counted=False,
        parameter=f"prisbasbelopp_{pbb.year}",
        value=pbb.value,
        member=member,
        kind="salary",
    )


ROLE_NOUNS = {"applicant": "sökande", "co_applicant": "medsökande", "child": "barnet"}


def person(member: Member, own_history: bool) -> tuple[str, str]:
    """(who the line is about, whose months count): ("sökande p1", "hushållet") or ("medsökande p2", "p2")."""
    who = f"{ROLE_NOUNS.get(member.role, 'hushållsmedlem')} {member.id}"
    return who, (member.id if own_history else "hushållet")


def work_incentive(
    ctx: MonthContext, member: str, who: tuple[str, str], salary: int, disregarded: int, window: Window
) -> Line:
    """Names the person and the six months that qualified them (their own history, or the household's)."""
    rule = ctx.work_incentive_rule
    assert rule is not None  # only called for months with jobbstimulans
    rate = rule.values["rate"]
    qualifying = rule.values["qualifying_months"]
    months = _in_words(qualifying)
    name, whose = who
    first, last = Month.from_index(window.qualified - qualifying + 1), Month.from_index(window.qualified)
    subject = "Hushållet" if whose == "hushållet" else name[:1].upper() + name[1:]
    text = (
        f"Jobbstimulans för {name}: {kr(disregarded)} ({rate * 100:.0f} % av lönen {kr(salary)}) räknas inte som "
        f"inkomst. {subject} fick försörjningsstöd {months} månader i följd, {first} till och med {last}, "
        f"så jobbstimulansen gäller {Month.from_index(window.start)}–{Month.from_index(window.end)} "
        f"({rule.source.cite})"
    )
    return Line(
        "income.work_incentive",
        0,
        text,
        rule.source.cite,
        rule.source.confidence,
        counted=False,
        parameter="work_incentive.rate",
        value=str(rate),
        member=member,
        kind="salary",
    )


def no_work_incentive(ctx: MonthContext, member: str, who: tuple[str, str], window: Window | None) -> Line:
    rule = ctx.work_incentive_rule
    assert rule is not None  # only called for months with jobbstimulans
    months = _in_words(rule.values["qualifying_months"])
    name, whose = who
    if window is None:
        why = f"{whose} har inte fått försörjningsstöd {months} månader i följd före {ctx.month}"
    else:
        why = (
            f"perioden {Month.from_index(window.start)}–{Month.from_index(window.end)} har löpt ut och kravet på "
            f"{months} nya månader i följd med försörjningsstöd är ännu inte uppfyllt"
        )
    text = f"Jobbstimulans gäller inte denna månad för {name}: {why}. Hela lönen räknas ({rule.source.cite})."
    return Line(
        "income.work_incentive",
        0,
        text,
        rule.source.cite,
        rule.source.confidence,
        counted=False,
        member=member,
        kind="salary",
    )
