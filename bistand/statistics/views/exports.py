"""Downloads: the monthly report as Excel or CSV, and the household-level extract for analysis."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from bistand.audit import audit
from bistand.organisation.models import District
from bistand.statistics import exports, privacy
from bistand.statistics.extract import extract_text
from bistand.statistics.report import build_monthly_report
from bistand.statistics.views.common import municipality, statistics_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request):
    """The whole city's report (see build_monthly_report) and the chosen district's code and name."""
    if not request.stats.may_export:
        raise PermissionDenied("Din roll får inte ladda ner rapporter.")
    city = municipality()
    code = request.GET.get("district") or ""
    district = District.objects.filter(municipality=city, code=code).first() if code else None
    report = build_monthly_report(request.month, city)
    return report, (district.code if district else ""), (district.name if district else None)


def _log(request, what: str, case_ids=()) -> None:
    audit.record_request(
        request, action=audit.AuditAction.EXPORT, what=what, staff=request.stats.staff, cases=case_ids
    )


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@statistics_view()
def monthly_xlsx(request):
    report, code, name = _report(request)
    _log(request, f"Månadsrapport {request.month} (Excel)")
    return _download(
        exports.xlsx_bytes(report, name),
        XLSX,
        f"manadsrapport-{request.month}{'-' + code if code else ''}.xlsx",
    )


@statistics_view()
def monthly_csv(request):
    report, code, name = _report(request)
    _log(request, f"Månadsrapport {request.month} (CSV)")
    return _download(
        exports.csv_text(report, name).encode("utf-8"),
        "text/csv; charset=utf-8",
        f"manadsrapport-{request.month}{'-' + code if code else ''}.csv",
    )


@statistics_view()
def extract_csv(request):
    if not request.stats.may_extract:
        raise PermissionDenied("Din roll får inte ladda ner underlag per hushåll.")
    try:
        secret = privacy.load_pseudonym_key()
    except ValueError:
        return render(request, "statistics/extract_unavailable.html", status=503)
    case_ids: set[int] = set()
    text = extract_text(request.month, municipality(), request.stats.staff, secret, case_ids)
    _log(request, f"Underlag per hushåll {request.month} ({text.count(chr(10)) - 1} hushåll)", case_ids)
    return _download(text.encode("utf-8"), "text/csv; charset=utf-8", f"underlag-{request.month}.csv")
