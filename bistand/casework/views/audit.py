"""The audit log search for unit managers: who opened which case, when (OSL 26 kap.; GDPR art. 32)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q

from bistand.audit.models import AuditEvent
from bistand.casework import access
from bistand.casework.forms import AuditSearchForm
from bistand.casework.views.common import render_page_or_partial, staff_required
from bistand.organisation.models import Role, StaffMember

PAGE_SIZE = 50


@staff_required
def audit_log(request):
    manager = request.staff
    if manager.role != Role.UNIT_MANAGER:
        raise PermissionDenied("Loggen kan bara sökas av enhetschefer.")
    units = manager.units.all()
    staff_choices = StaffMember.objects.filter(units__in=units).select_related("user").distinct()
    form = AuditSearchForm(request.GET or None, staff_choices=staff_choices)
    # A manager follows up the units' own cases and what the units' own staff opened anywhere.
    events = AuditEvent.objects.filter(Q(case__unit__in=units) | Q(staff__units__in=units)).distinct()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["case_number"]:
            events = events.filter(case__number__iexact=data["case_number"].strip())
        if data["staff"]:
            events = events.filter(staff_id=data["staff"])
        if data["date_from"]:
            events = events.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(at__date__lte=data["date_to"])
    elif form.is_bound:
        events = events.none()
    events = events.select_related("staff__user", "user", "case").order_by("-at", "-id")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("sida"))
    access.log(request, manager, None, "audit_search", "Loggsökning")
    query = request.GET.copy()
    query.pop("sida", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render_page_or_partial(request, "casework/audit_log.html", "casework/_audit_results.html", context)
