"""Comparisons between districts: key figures, duration shares, barriers to self-support and results.

Why: the city must be able to see whether people are treated alike wherever they live — waiting time,
plans, meetings and outcomes side by side per district.
"""

from __future__ import annotations

from bistand.statistics import charts, privacy, trends
from bistand.statistics.cells import Cell, format_value, hidden_keys, report_cells
from bistand.statistics.report import FIGURE_BY_KEY, build_monthly_report
from bistand.statistics.views.common import municipality, page, share_cell, statistics_view, suppressed_column

# Figure key -> the column header in the comparison (the report's "varav …" headers need their context).
COMPARISON_HEADERS = {
    "households": "Beviljade hushåll",
    "cost_per_household": "Utbetalt per hushåll (kr)",
    "cases_per_caseworker": "Ärenden per handläggare",
    "decision_days_median": "Dagar till beslut, median",
    "plan_within_three_months_share": "Plan inom tre månader",
    "followed_up_share": "Plan uppföljd senaste tre månaderna",
    "client_time_share": "Tid i klientmöten",
    "not_returned_share": "Ej tillbaka inom 12 månader",
}
TOTAL = "__total__"
CHARTED = (
    ("cost_per_household", "Utbetalt per hushåll"),
    ("decision_days_median", "Dagar från ansökan till beslut (median)"),
    ("plan_within_three_months_share", "Genomförandeplan inom tre månader"),
    ("followed_up_share", "Planer uppföljda senaste tre månaderna"),
)


def _district_chart(chart_id, title, rows, kind):
    return charts.hbar_chart(
        chart_id,
        title,
        "Liggande staplar per stadsområde och för hela kommunen. "
        + "; ".join(f"{name}: {cell.text}" for name, cell in rows)
        + ". Samma siffror finns i tabellen bredvid.",
        [(name, cell.value) for name, cell in rows],
        kind,
        max_value=1.0 if kind == "share" else None,
        width=620,
    )


@statistics_view()
def comparison(request):
    report = build_monthly_report(request.month, municipality())
    table = report_cells(report)
    columns = [*report.districts, report.city]
    figures = [
        {"header": header, "source": FIGURE_BY_KEY[key].source, "key": key}
        for key, header in COMPARISON_HEADERS.items()
    ]
    grid = [{"row": r, "cells": [table.cell(r, f["key"]) for f in figures]} for r in columns]
    not_met = [(r.name, share_cell(table.cell(r, "not_met"), table.cell(r, "open_cases"))) for r in columns]
    panels = []
    for key, title in CHARTED:
        rows = [(r.name, table.cell(r, key)) for r in columns]
        kind = FIGURE_BY_KEY[key].kind
        panels.append(
            {
                "id": f"chart-{key}",
                "title": title,
                "chart": _district_chart(f"chart-{key}", title, rows, kind),
                "rows": rows,
            }
        )
    title = "Klienter som inte träffat sin nuvarande handläggare"
    panels.append(
        {
            "id": "chart-not-met",
            "title": f"{title} (andel av aktuella ärenden)",
            "chart": _district_chart("chart-not-met", title, not_met, "share"),
            "rows": not_met,
        }
    )
    return page(
        request,
        "statistics/comparison.html",
        {"figures": figures, "grid": grid, "panels": panels},
        "statistics:comparison",
    )


@statistics_view()
def durations(request):
    rows, city, year = trends.duration_rows(request.month, municipality())
    city_name = municipality().name if municipality() else "Hela kommunen"
    keys = [r.name for r in rows] + [city_name]
    data = {r.name: r for r in rows} | {city_name: city}
    lines = [keys]
    columns = {}
    for field in ("households", "rolling", "very_long_term", "year_households", "year_long_term"):
        columns[field] = suppressed_column({k: getattr(data[k], field) for k in keys}, lines)
    table = []
    for k in keys:
        c = {field: columns[field][k] for field in columns}
        table.append(
            {
                "name": k,
                "is_city": k == city_name,
                **c,
                "rolling_share": share_cell(c["rolling"], c["households"]),
                "very_long_share": share_cell(c["very_long_term"], c["households"]),
                "year_share": share_cell(c["year_long_term"], c["year_households"]),
            }
        )
    series = [
        "10 av de senaste 12 månaderna",
        "Mycket långvarigt (27 av 36 månader)",
        f"Långvarigt {year} (10–12 månader)",
    ]
    chart = charts.grouped_hbar_chart(
        "chart-durations",
        "Andel hushåll med långvarigt och mycket långvarigt bistånd per stadsområde",
        "Grupperade staplar, tre mått per stadsområde. "
        + "; ".join(
            f"{r['name']}: {r['rolling_share'].text}, {r['very_long_share'].text}, {r['year_share'].text}"
            for r in table
        ),
        series,
        [
            (r["name"], [r["rolling_share"].value, r["very_long_share"].value, r["year_share"].value])
            for r in table
        ],
        "share",
    )
    return page(
        request,
        "statistics/durations.html",
        {"table": table, "chart": chart, "year": year, "series": series},
        "statistics:durations",
    )


def barrier_cells(mix: trends.BarrierTable, city_name: str) -> dict:
    """(row, group or TOTAL) -> Cell, with primary and secondary suppression over the two-way table.

    Every district row adds up to its total, every group column adds up to the city's cell, and the
    city row adds up to the city's total; cells.hidden_keys hides until no hidden cell can be recomputed.
    """
    names = list(mix.rows)
    counts = {(n, g): mix.rows[n][g] for n in names for g in mix.groups}
    counts |= {(city_name, g): mix.city[g] for g in mix.groups}
    rows = [*names, city_name]
    for n in rows:
        counts[(n, TOTAL)] = sum(counts[(n, g)] for g in mix.groups)
    lines = [[(n, g) for g in mix.groups] + [(n, TOTAL)] for n in rows]
    lines += [[(n, g) for n in names] + [(city_name, g)] for g in [*mix.groups, TOTAL]]
    hidden = hidden_keys(counts, lines)
    return {
        key: Cell(None, privacy.SUPPRESSED, True)
        if key in hidden
        else Cell(value, format_value(value, "count"))
        for key, value in counts.items()
    }


@statistics_view()
def barriers(request):
    mix = trends.barrier_mix(request.month, municipality())
    city_name = municipality().name if municipality() else "Hela kommunen"
    cells = barrier_cells(mix, city_name)
    table = []
    for name in [*mix.rows, city_name]:
        total = cells[(name, TOTAL)]
        shares = [share_cell(cells[(name, g)], total) for g in mix.groups]
        table.append({"name": name, "total": total, "cells": shares, "is_city": name == city_name})
    chart = charts.stacked_share_chart(
        "chart-barriers",
        "Försörjningshinder per stadsområde (andel av vuxna med registrerat hinder)",
        "Staplade liggande staplar som visar hur de vuxnas försörjningshinder fördelar sig på huvudgrupper. "
        + "; ".join(
            f"{row['name']}: "
            + ", ".join(f"{g} {c.text}" for g, c in zip(mix.groups, row["cells"], strict=True))
            for row in table
        ),
        mix.groups,
        [(row["name"], [c.value if not c.suppressed else None for c in row["cells"]]) for row in table],
    )
    return page(
        request,
        "statistics/barriers.html",
        {"groups": mix.groups, "table": table, "chart": chart},
        "statistics:barriers",
    )


@statistics_view()
def results(request):
    report = build_monthly_report(request.month, municipality())
    t = report_cells(report)
    rows = []
    for r in (*report.districts, report.city):
        rows.append(
            {
                "row": r,
                "exits": t.cell(r, "exits"),
                "self_support": t.cell(r, "exits_self_support"),
                "self_support_share": share_cell(t.cell(r, "exits_self_support"), t.cell(r, "exits")),
                "cohort": t.cell(r, "return_cohort"),
                "not_returned_share": t.cell(r, "not_returned_share"),
                "goals_reviewed": t.cell(r, "goals_reviewed"),
                "goals_achieved": t.cell(r, "goals_achieved"),
                "goals_share": share_cell(t.cell(r, "goals_achieved"), t.cell(r, "goals_reviewed")),
            }
        )
    series = ["Avslut till självförsörjning", "Ej återaktualiserade inom 12 månader", "Uppnådda mål"]
    chart = charts.grouped_hbar_chart(
        "chart-results",
        "Resultat per stadsområde",
        "Grupperade staplar per stadsområde: andel av avsluten som var till självförsörjning, andel av dem som "
        "avslutades för ett år sedan som inte har kommit tillbaka, och andel av de uppföljda målen som uppnåtts. "
        + "; ".join(
            f"{x['row'].name}: {x['self_support_share'].text}, {x['not_returned_share'].text}, {x['goals_share'].text}"
            for x in rows
        ),
        series,
        [
            (
                x["row"].name,
                [x["self_support_share"].value, x["not_returned_share"].value, x["goals_share"].value],
            )
            for x in rows
        ],
        "share",
    )
    return page(
        request,
        "statistics/results.html",
        {"rows": rows, "chart": chart, "series": series},
        "statistics:results",
    )
