"""Pages for the reforms: the case's reform records, forms to add them, the caseworker's sanction
choice, and the quarterly IVO export. Every page of a case opens it through access.case_for_request."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bistand.audit import audit
from bistand.audit.audit import AuditAction
from bistand.casework import access, applications
from bistand.casework.access import staff_required
from bistand.casework.decisions import DecisionRefused
from bistand.reforms import ivo, sanctions, services
from bistand.reforms.forms import RECORD_FORMS, SanctionForm
from bistand.reforms.models import Lease
from bistand.rules import reforms as rules
from bistand.selfsupport.common import today
from bistand.statistics.access import access_for


def _month(request) -> date:
    """The month asked for (?manad=ÅÅÅÅ-MM) within a sensible window; this month otherwise."""
    current = today().replace(day=1)
    raw = request.GET.get("manad", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        asked = date(year, month, 1)
    except ValueError:
        return current
    return asked if 2000 <= asked.year <= current.year + 1 else current


@staff_required
def case_overview(request, case_id: int):
    case = access.case_for_request(request, case_id, "Aktivitetskrav och reformer")
    month = _month(request)
    context = {
        "case": case,
        "month": month,
        "rows": services.person_overview(case, month),
        "leases": Lease.objects.filter(case=case),
        "rules": rules.all_rules(),
        "forms": [(key, title) for key, (_, title) in RECORD_FORMS.items()],
    }
    return render(request, "reforms/case.html", context)


@staff_required
def add_record(request, case_id: int, kind: str):
    if kind not in RECORD_FORMS:
        raise Http404
    form_class, title = RECORD_FORMS[kind]
    case = access.case_for_request(request, case_id, f"Aktivitetskrav och reformer: {title.lower()}")
    if request.method == "POST":
        form = form_class(request.POST, case=case)
        if form.is_valid():
            services.add_record(
                record=form.new_record(), case=case, title=title, actor=audit.Actor.from_request(request)
            )
            messages.success(request, f"{title}: sparat.")
            return redirect("reforms:case", case_id=case.pk)
    else:
        initial = {"person": request.GET.get("person")} if request.GET.get("person") else {}
        form = form_class(case=case, initial=initial)
    status = 400 if form.errors else 200
    return render(
        request, "reforms/record_form.html", {"case": case, "form": form, "title": title}, status=status
    )


@staff_required
def sanction(request, case_id: int, application_id: int):
    """The caseworker refuses or reduces försörjningsstöd under the aktivitetskrav, with written reasons."""
    case = access.case_for_request(request, case_id, "Aktivitetskrav: vägra eller sätta ned")
    application = get_object_or_404(case.applications, pk=application_id)
    people = services.adults(case, application.month)
    problems: list[str] = []
    calculation, errors = applications.prepared_calculation(application, request.staff)
    problems += [e["message"] for e in errors]
    if request.method == "POST":
        form = SanctionForm(request.POST, people=people)
        if form.is_valid() and calculation is not None:
            data = form.cleaned_data
            try:
                decision = sanctions.decide_with_sanction(
                    application,
                    calculation,
                    request.staff,
                    data["person"],
                    data["kind"],
                    data["reasons"],
                    data.get("norm_amount"),
                    path=request.get_full_path(),
                )
            except DecisionRefused as exc:
                problems += exc.messages
            else:
                messages.success(request, "Beslutet är fattat.")
                return redirect("casework:decision", case_id=case.pk, decision_id=decision.pk)
    else:
        form = SanctionForm(people=people)
    context = {
        "case": case,
        "application": application,
        "form": form,
        "problems": problems,
        "flags": services.application_flags(application),
        "rule": rules.rule(rules.ACTIVITY),
    }
    return render(request, "reforms/sanction.html", context, status=409 if problems else 200)


def ivo_export(request):
    """Quarterly figures for IVO as CSV (?kvartal=2026-4), small counts hidden."""
    stats = access_for(request.user)
    if not stats.may_export:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Din roll får inte exportera statistik.")
    if "kvartal" not in request.GET:
        day = today()
        current = (day.year, (day.month - 1) // 3 + 1)
        choices = []
        year, quarter = current
        for _ in range(8):
            choices.append((f"{year}-{quarter}", f"{year} kvartal {quarter}"))
            year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        return render(request, "reforms/ivo.html", {"choices": choices})
    try:
        year, quarter = (int(x) for x in request.GET["kvartal"].split("-"))
        if quarter not in (1, 2, 3, 4):
            raise ValueError
    except ValueError:
        return HttpResponse(
            "Ange kvartal som ÅÅÅÅ-K, t.ex. 2026-4.", status=400, content_type="text/plain; charset=utf-8"
        )
    unit_ids = None if stats.all_districts else stats.unit_ids
    text = ivo.csv_text(ivo.quarter_table(year, quarter, unit_ids))
    audit.record_request(
        request,
        action=AuditAction.EXPORT,
        what=f"Aktivitetskrav till IVO {year} kvartal {quarter}",
        staff=stats.staff,
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aktivitetskrav-ivo-{year}-k{quarter}.csv"'
    return response
