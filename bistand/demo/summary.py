"""The closing summary of `build_demo`, computed from the database, not from the plan.

Reading the figures back from the saved rows shows that what is in the database — not just what the
generator intended — has the shares the demo promises: barriers like Malmö's January 2014 table and
long-term shares like Malmö 2012 (Malmö stad 2014), measured with the project's own duration definitions
(bistand.statistics.durations when present; the same definitions as histories.py otherwise).
"""

from collections import Counter, defaultdict
from datetime import date
from statistics import median

from django.db.models import Count, Sum

from bistand.cases.models import Application, BarrierRegistration, Calculation, Case, Decision, Payment
from bistand.demo.barriers import GROUPS, MALMO_2014, group_of
from bistand.demo.dates import month_index
from bistand.organisation.models import StaffMember
from bistand.people.models import Household, Person
from bistand.rules.formatting import kr

GROUP_LABELS = {
    "unemployed_no_benefit": "Arbetslös, ingen ersättning",
    "work_barrier_social": "Arbetshinder, sociala skäl",
    "unemployed_insufficient_benefit": "Arbetslös, otillräcklig ersättning",
    "language_barrier": "Språkhinder",
    "sick_certified_no_benefit": "Sjukskriven med läkarintyg, ingen sjukpenning",
    "others": "Övriga",
}


def pct(value: float) -> str:
    """Swedish percentage with one decimal: 21.5 -> "21,5 %"."""
    return f"{value:.1f} %".replace(".", ",")


def _classifier():
    try:
        from bistand.statistics.durations import classify_months
    except ImportError:  # pragma: no cover - the statistics area is part of the project
        return None
    return classify_months


def duration_shares(as_of: date) -> dict:
    """Of the households with a payment in the last full calendar year: share long-term (10–12 months
    of that year) and very long-term (≥ 27 of the 36 months ending with the as-of month, no break > 2)."""
    totals: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for household, month, amount in Payment.objects.values_list("case__household_id", "month", "amount"):
        totals[household][month_index(month)] += amount
    as_of_i = month_index(as_of)
    year = as_of.year - 1
    december = year * 12 + 11
    classify = _classifier()
    recipients = long_term = very_long = 0
    for months in totals.values():
        paid = sorted(m for m, total in months.items() if total > 0)
        in_year = sum(1 for m in paid if year * 12 <= m <= december)
        if not in_year:
            continue
        recipients += 1
        if classify is not None:
            long_term += classify(paid, december).long_term
            very_long += classify(paid, as_of_i).very_long_term
        else:
            from bistand.demo.histories import is_very_long_term

            long_term += in_year >= 10
            window = [m - (as_of_i - 35) for m in paid if as_of_i - 35 <= m <= as_of_i]
            very_long += is_very_long_term([i in window for i in range(36)])
    return {"year": year, "recipients": recipients, "long_term": long_term, "very_long_term": very_long}


def barrier_shares() -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    """Share of all registrations per Malmö group, and the lowest and highest monthly share."""
    per_month: dict[date, Counter] = defaultdict(Counter)
    for month, code, n in BarrierRegistration.objects.values_list("month", "code").annotate(n=Count("id")):
        per_month[month][group_of(code)] += n
    overall = Counter()
    for counter in per_month.values():
        overall.update(counter)
    total = sum(overall.values()) or 1
    shares = {g: 100 * overall[g] / total for g in GROUPS}
    ranges = {}
    for g in GROUPS:
        monthly = [100 * c[g] / sum(c.values()) for c in per_month.values() if sum(c.values())]
        ranges[g] = (min(monthly, default=0.0), max(monthly, default=0.0))
    return shares, ranges


def lines(as_of: date, seconds: float) -> list[str]:
    out = []
    cases = Case.objects.filter(unit__district__municipality__rules_code="demostad")
    open_cases = cases.filter(status="open").count()
    paid = Payment.objects.aggregate(n=Count("id"), total=Sum("amount"))
    out.append(f"Demostad klar på {seconds:.0f} s.")
    out.append(
        f"  {Household.objects.count()} hushåll, {Person.objects.count()} personer, "
        f"{StaffMember.objects.count()} medarbetare"
    )
    out.append(f"  {cases.count()} ärenden ({open_cases} aktuella, {cases.count() - open_cases} avslutade)")
    out.append(
        f"  {Application.objects.count()} ansökningar ({Application.objects.filter(status='received').count()} "
        f"väntar på beslut), {Decision.objects.count()} beslut, {Calculation.objects.count()} beräkningar"
    )
    out.append(f"  {paid['n']} utbetalningar, sammanlagt {kr(paid['total'] or 0)}")
    loads = Counter(
        cases.filter(status="open", caseworker__role="caseworker").values_list(
            "caseworker__user__username", flat=True
        )
    )
    if loads:
        out.append(
            f"  Aktuella ärenden per socialsekreterare: lägst {min(loads.values())}, median "
            f"{median(loads.values()):.0f}, högst {max(loads.values())} (handlaggare: {loads.get('handlaggare', 0)})"
        )
    shares, ranges = barrier_shares()
    out.append("  Försörjningshinder (andel av alla registreringar; Malmö januari 2014 inom parentes):")
    for g in GROUPS:
        low, high = ranges[g]
        out.append(
            f"    {GROUP_LABELS[g]}: {pct(shares[g])} ({pct(MALMO_2014[g])}), per månad {pct(low)}–{pct(high)}"
        )
    d = duration_shares(as_of)
    if d["recipients"]:
        out.append(
            f"  Av {d['recipients']} hushåll med bistånd {d['year']}: långvarigt "
            f"{pct(100 * d['long_term'] / d['recipients'])} (Malmö 2012: 42 %), mycket långvarigt "
            f"{pct(100 * d['very_long_term'] / d['recipients'])} (Malmö 2012: 33 %)"
        )
    return out
