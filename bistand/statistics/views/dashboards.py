"""Overview (trends), the monthly report and working methods (time with clients, caseload)."""

from __future__ import annotations

from statistics import median

from django.urls import reverse
from django.utils.http import urlencode

from bistand.organisation.models import District
from bistand.statistics import charts, trends
from bistand.statistics.cells import LEGEND, Cell, format_value, report_cells
from bistand.statistics.report import FIGURE_BY_KEY, build_monthly_report
from bistand.statistics.views.common import municipality, page, statistics_view, suppressed_column

OVERVIEW_KEYS = (
    "households",
    "cost",
    "cost_per_household",
    "open_cases",
    "cases_per_caseworker",
    "client_time_share",
    "decision_days_median",
    "not_returned_share",
)
CITY = "__city__"


@statistics_view()
def overview(request):
    city = municipality()
    report = build_monthly_report(request.month, city)
    table = report_cells(report)
    cards = [(FIGURE_BY_KEY[k].header, table.cell(report.city, k).text) for k in OVERVIEW_KEYS]
    trend = trends.cost_and_households(request.month, 36, city)
    names = list(trend.districts)
    rows = []
    start = first_month_with_data(trend)
    for i, month in enumerate(trend.months[start:], start):
        values = {name: trend.districts[name][i][1] for name in names} | {CITY: trend.city[i][1]}
        households = suppressed_column(values, [[*names, CITY]])
        costs = {name: trend.districts[name][i][0] for name in names} | {CITY: trend.city[i][0]}
        cost_cells = {
            key: households[key]
            if households[key].suppressed
            else Cell(costs[key], format_value(costs[key], "money"))
            for key in costs
        }
        rows.append({"month": month, "households": households, "cost": cost_cells})
    shown = trend.months[start:]
    labels = [m.short_label for m in shown]
    period = f"{shown[0].label}–{shown[-1].label}"
    last = rows[-1]
    cost_chart = charts.line_chart(
        "chart-cost",
        "Utbetalt bistånd per månad och stadsområde",
        f"Linjediagram, {period}, en linje per stadsområde. Senaste månaden: "
        + ", ".join(f"{n} {last['cost'][n].text} kr" for n in names)
        + ". Samma siffror finns i tabellen bredvid.",
        labels,
        [(n, [r["cost"][n].value for r in rows]) for n in names],
        "money",
    )
    household_chart = charts.line_chart(
        "chart-households",
        "Hushåll med utbetalt bistånd per månad och stadsområde",
        f"Linjediagram, {period}, en linje per stadsområde. Senaste månaden: "
        + ", ".join(f"{n} {last['households'][n].text} hushåll" for n in names)
        + ". Samma siffror finns i tabellen bredvid.",
        labels,
        [(n, [r["households"][n].value for r in rows]) for n in names],
        "count",
    )
    return page(
        request,
        "statistics/overview.html",
        {
            "cards": cards,
            "city_name": report.city.name,
            "names": names,
            "city_key": CITY,
            "rows": list(reversed(rows)),
            "cost_chart": cost_chart,
            "household_chart": household_chart,
            "legend": LEGEND,
        },
        "statistics:overview",
    )


def first_month_with_data(trend: trends.Trend) -> int:
    """The index of the first month with any payment in the city: the charts and the table start there.

    Months before the first payment are not months of zero assistance but months without records (the
    system or the city's history began later); drawn as 0 they would look like a fall. The report month
    itself is always shown.
    """
    return next(
        (i for i, (cost, households) in enumerate(trend.city) if cost or households), len(trend.city) - 1
    )


@statistics_view(caseworkers=True)
def monthly(request):
    stats = request.stats
    city = municipality()
    districts = District.objects.filter(municipality=city).order_by("name")
    code = request.GET.get("district", "")
    selected = districts.filter(code=code).first() if code else None
    code = selected.code if selected else ""
    report = build_monthly_report(request.month, city)
    table = report_cells(report)
    sections = []
    if stats.all_districts and not code:
        sections.append(
            {"title": f"{report.city.name}: stadsområden", "columns": [*report.districts, report.city]}
        )
    own_districts = {u.district.name for u in _own_units(stats)}
    for district in report.districts:
        if selected and district.name != selected.name:
            continue
        if not stats.all_districts and district.name not in own_districts:
            continue
        units = [r for r in report.units if r.district == district.name]
        columns = [*units, district]
        if not stats.all_districts:
            own = {u.name for u in _own_units(stats) if u.district.name == district.name}
            columns = [*(r for r in units if r.name in own), district, report.city]
        sections.append({"title": district.name, "columns": columns})
    for section in sections:
        section["rows"] = [
            {"figure": f, "cells": [table.cell(col, f.key) for col in section["columns"]]}
            for f in table.figures
        ]
    query = urlencode({"month": str(request.month), **({"district": code} if code else {})})
    return page(
        request,
        "statistics/monthly.html",
        {
            "sections": sections,
            "districts": districts if stats.all_districts else [],
            "district_code": code,
            "xlsx_url": f"{reverse('statistics:monthly_xlsx')}?{query}",
            "csv_url": f"{reverse('statistics:monthly_csv')}?{query}",
            "targets": report.targets,
            "goal_text": format_value(report.targets.client_time_goal, "share"),
            "legend": LEGEND,
            "extra_sections": _extra_sections(request, stats),
        },
        "statistics:monthly",
    )


def _extra_sections(request, stats) -> list[dict]:
    """Other areas' sections (statistics/extensions.py), each rendered with its own template."""
    from django.template.loader import render_to_string

    from bistand.statistics.extensions import MONTHLY_REPORT_SECTIONS

    panels = [p for p in (fn(stats, request.month) for fn in MONTHLY_REPORT_SECTIONS) if p is not None]
    return [
        {"title": p.title, "html": render_to_string(p.template, {**p.context, "panel": p}, request=request)}
        for p in sorted(panels, key=lambda p: p.order)
    ]


def _own_units(stats):
    from bistand.organisation.models import Unit

    return list(Unit.objects.filter(pk__in=stats.unit_ids).select_related("district"))


def caseload_bins(cap: int) -> list[tuple[int, int | None]]:
    """0–5, 6–10, … up to the cap (the last bin ends at the cap), then 5 and 10 above it, then higher."""
    highs = [*range(5, cap, 5), cap]
    lows = [0, *(h + 1 for h in highs[:-1])]
    return [*zip(lows, highs, strict=True), (cap + 1, cap + 5), (cap + 6, cap + 10), (cap + 11, None)]


def bin_label(low: int, high: int | None) -> str:
    return f"{low}–{high}" if high is not None else f"{low} eller fler"


@statistics_view(caseworkers=True)
def work(request):
    stats = request.stats
    report = build_monthly_report(request.month, municipality())
    cells = report_cells(report)
    goal, cap = report.targets.client_time_goal, report.targets.caseload_cap
    own = {u.name for u in _own_units(stats)} if not stats.all_districts else None
    units = [r for r in report.units if own is None or r.name in own]
    time_rows = [
        {
            "row": r,
            "share": Cell(r.client_time_share, format_value(r.client_time_share, "share")),
            "meeting_hours": format_value(r.meeting_minutes / 60, "decimal"),
            "working_hours": format_value(r.working_minutes / 60, "decimal"),
            "reached": None if r.client_time_share is None else r.client_time_share >= goal,
        }
        for r in units
    ]
    goal_text = format_value(goal, "share")
    time_chart = charts.hbar_chart(
        "chart-time",
        f"Andel arbetstid i klientmöten per enhet, mot målet {goal_text}",
        f"Liggande staplar per enhet; en streckad linje visar målet {goal_text}. Staplar under målet är orange. "
        + "; ".join(f"{t['row'].name}: {t['share'].text}" for t in time_rows),
        [(f"{t['row'].name}", t["share"].value) for t in time_rows],
        "share",
        target=float(goal),
        target_label=f"Mål {goal_text}",
        max_value=max(0.5, float(max((t["share"].value or 0 for t in time_rows), default=0)) * 1.15),
    )
    scope = [*units] if own is not None else [*report.districts, report.city]
    loads = [load for r in (units if own is not None else report.units) for load in r.caseloads]
    bins = caseload_bins(cap)
    counts = [
        (bin_label(low, high), sum(1 for n in loads if n >= low and (high is None or n <= high)))
        for low, high in bins
    ]
    over_from = next(i for i, (low, _) in enumerate(bins) if low > cap)
    caseload_chart = charts.column_chart(
        "chart-caseload",
        f"Antal handläggare efter antal aktuella ärenden, mot taket {cap}",
        f"Stapeldiagram över {len(loads)} handläggare. Staplar över taket {cap} är röda. "
        + "; ".join(f"{label}: {n}" for label, n in counts),
        counts,
        over_from,
        f"Över taket ({cap})",
    )
    caseload_rows = [
        {
            "row": r,
            "caseworkers": len(r.caseloads),
            "median": format_value(median(r.caseloads), "decimal") if r.caseloads else "..",
            "max": max(r.caseloads) if r.caseloads else "..",
            "over": r.caseworkers_over_cap,
            "per_caseworker": cells.cell(r, "cases_per_caseworker").text,
        }
        for r in scope
    ]
    return page(
        request,
        "statistics/work.html",
        {
            "time_rows": time_rows,
            "time_chart": time_chart,
            "goal_text": goal_text,
            "cap": cap,
            "targets": report.targets,
            "caseload_chart": caseload_chart,
            "caseload_counts": counts,
            "over_from": over_from,
            "caseload_rows": caseload_rows,
        },
        "statistics:work",
    )
