"""The what-if page for unit managers and analysts: choose a scenario and a month, see and download the result.

Who: unit managers and analysts only (not caseworkers, senior caseworkers or administrators): the page
shows the whole city's caseload under changed rules and a pseudonymised list of the households that lose
the most. Every run and every download is written to the audit log. The run is read-only (GET).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bistand.audit.audit import AuditAction, record_request
from bistand.organisation.models import Role
from bistand.rules.months import InvalidMonth, Month, months_back, parse_input
from bistand.statistics.access import access_for
from bistand.statistics.cells import LEGEND
from bistand.whatif.excel import HEADLINE, xlsx_bytes
from bistand.whatif.scenario import ScenarioError, parse_amounts, parse_scenario_text, ready_scenarios
from bistand.whatif.service import run_scenario

WHATIF_ROLES = {Role.UNIT_MANAGER, Role.ANALYST}
CUSTOM = "egen"
MONTHS_TO_CHOOSE = 36
MAX_CUSTOM = 5000  # characters; a scenario is a handful of lines
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _access(request):
    stats = access_for(request.user)
    if stats.role not in WHATIF_ROLES:
        raise PermissionDenied("Konsekvensanalysen är till för enhetschefer och analytiker.")
    return stats


def _form(request) -> dict:
    """The choices as given (GET), the scenario and month they name, and the problems found."""
    ready = {s.slug: s for s in ready_scenarios()}
    data = {
        "slug": request.GET.get("scenario", ""),
        "cap_amounts": request.GET.get("cap_amounts", "").strip(),
        "custom": request.GET.get("custom", ""),
        "month_str": request.GET.get("month", ""),
    }
    latest = Month.of(timezone.localdate())
    problems: list[str] = []
    try:
        month = parse_input(data["month_str"]) if data["month_str"] else latest
    except InvalidMonth as exc:
        month, problems = latest, [str(exc)]
    scenario = None
    if data["slug"] == CUSTOM and len(data["custom"]) > MAX_CUSTOM:
        problems.append(f"Det egna scenariot är för långt (högst {MAX_CUSTOM} tecken).")
    elif data["slug"] == CUSTOM:
        try:
            scenario = parse_scenario_text(data["custom"])
        except ScenarioError as exc:
            problems += exc.problems
    elif data["slug"]:
        scenario = ready.get(data["slug"])
        if scenario is None:
            problems.append("Välj ett av scenarierna i listan.")
    if scenario is not None and scenario.cap is not None and data["cap_amounts"]:
        try:
            scenario = scenario.with_cap_amounts(parse_amounts(data["cap_amounts"]))
        except ScenarioError as exc:
            problems += exc.problems
    if scenario is not None and not problems:
        problems += scenario.missing()
    data.update(
        ready=list(ready.values()),
        scenario=scenario,
        month=month,
        month_str=str(month),
        month_choices=[(str(m), m.label) for m in reversed(months_back(latest, MONTHS_TO_CHOOSE))],
        problems=problems,
        custom_slug=CUSTOM,
    )
    return data


@login_required
def whatif_page(request):
    stats = _access(request)
    form = _form(request)
    run = None
    if form["scenario"] is not None and not form["problems"] and request.GET.get("run"):
        run = run_scenario(form["scenario"], form["month"])
        record_request(
            request,
            action=AuditAction.LIST,
            what=f"Konsekvensanalys {form['scenario'].name} {form['month']}",
            staff=stats.staff,
        )
    headline = [(label, run.summary.headline[key]) for key, label in HEADLINE] if run else []
    return render(
        request,
        "whatif/page.html",
        {**form, "run": run, "headline": headline, "legend": LEGEND, "query": request.GET.urlencode()},
    )


@login_required
def whatif_xlsx(request):
    stats = _access(request)
    form = _form(request)
    if form["scenario"] is None or form["problems"]:
        return render(request, "whatif/page.html", {**form, "run": None, "legend": LEGEND}, status=400)
    run = run_scenario(form["scenario"], form["month"])
    record_request(
        request,
        action=AuditAction.EXPORT,
        what=f"Konsekvensanalys {form['scenario'].name} {form['month']} (Excel)",
        staff=stats.staff,
    )
    content = xlsx_bytes(run.summary, run.scenario, form["month"].label, run.left_out)
    response = HttpResponse(content, content_type=XLSX)
    name = run.scenario.slug or "eget-scenario"
    response["Content-Disposition"] = f'attachment; filename="konsekvensanalys-{name}-{form["month"]}.xlsx"'
    return response
