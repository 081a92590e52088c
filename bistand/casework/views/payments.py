"""Payments per case and per unit: planned, sent in a bank file, returned; each with its decision."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from bistand.cases.models import Payment
from bistand.casework import access
from bistand.casework.views.common import staff_required
from bistand.payments.returns import STATUS_LABELS, ReturnRefused, record_return, status_of

PAGE_SIZE = 50


def _payments(queryset):
    return queryset.select_related("decision", "case", "batch_line__batch", "returned__recorded_by__user")


def _rows(payments) -> list[tuple]:
    return [(p, status_of(p), STATUS_LABELS[status_of(p)]) for p in payments]


@staff_required
def case_payments(request, case_id: int):
    case = access.case_for_request(request, case_id, "Utbetalningar i ärendet")
    payments = _payments(case.payments.order_by("-pay_date", "-id"))
    context = {"case": case, "rows": _rows(payments), "tab": "payments", "today": date.today()}
    return render(request, "casework/payments_case.html", context)


@staff_required
def payment_return(request, case_id: int, payment_id: int):
    case = access.case_for_request(request, case_id, "Registrera returnerad utbetalning")
    payment = get_object_or_404(case.payments, pk=payment_id)
    if request.method != "POST":
        return redirect("casework:case_payments", case_id=case.pk)
    try:
        returned_on = date.fromisoformat(request.POST.get("returned_on", ""))
    except ValueError:
        returned_on = None
    try:
        record_return(
            payment, request.staff, returned_on, request.POST.get("reason", ""), request.get_full_path()
        )
    except ReturnRefused as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Utbetalningen är registrerad som returnerad.")
    return redirect("casework:case_payments", case_id=case.pk)


STATUS_FILTERS = {
    "planerade": {"batch_line__isnull": True},
    "skickade": {"batch_line__isnull": False, "returned__isnull": True},
    "returnerade": {"returned__isnull": False},
}


@staff_required
def unit_payments(request):
    staff = request.staff
    if staff.role not in access.CASE_ROLES:
        raise Http404("Sidan finns inte.")
    chosen = request.GET.get("status", "")
    payments = Payment.objects.filter(case__in=access.visible_cases(staff))
    if chosen in STATUS_FILTERS:
        payments = payments.filter(**STATUS_FILTERS[chosen])
    page = Paginator(_payments(payments.order_by("-pay_date", "-id")), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    case_ids = sorted({p.case_id for p in page.object_list})
    if case_ids:
        access.log_list(request, staff, f"Enhetens utbetalningar ({len(case_ids)} ärenden)", case_ids)
    context = {
        "page": page,
        "rows": _rows(page.object_list),
        "chosen": chosen,
        "filters": [
            ("", "Alla"),
            ("planerade", "Planerade"),
            ("skickade", "Skickade"),
            ("returnerade", "Returnerade"),
        ],
    }
    return render(request, "casework/payments_unit.html", context)
