"""The unit manager's page for the monthly run: start it (a background task) and follow its progress.

Only unit managers: the run decides and pays for the whole municipality's month. The progress part is
fetched again by htmx every two seconds while the run is active (no inline script: the CSP forbids it).
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bistand.casework.access import staff_required
from bistand.monthly.models import MonthlyRun, RunStatus
from bistand.monthly.run import active_run, create_run, mark_interrupted
from bistand.monthly.tasks import run_month
from bistand.organisation.models import Municipality, Role


def _manager_municipality(request) -> Municipality:
    staff = request.staff
    if staff.role != Role.UNIT_MANAGER:
        raise PermissionDenied("Månadskörningen startas och följs av enhetschefer.")
    unit = staff.units.select_related("district__municipality").first()
    if unit is None:
        raise PermissionDenied("Du hör inte till någon enhet.")
    return unit.district.municipality


def _months(today: date) -> list[date]:
    """This month and the next: the months a run is made for."""
    first = today.replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return [first, following]


@staff_required
def overview(request):
    municipality = _manager_municipality(request)
    months = _months(timezone.localdate())
    if request.method == "POST":
        chosen = next((m for m in months if f"{m:%Y-%m}" == request.POST.get("month")), None)
        if chosen is None:
            messages.error(request, "Välj en av månaderna i listan.")
        elif (running := active_run(municipality, chosen)) is not None:
            messages.error(request, "En månadskörning för månaden pågår redan. Följ den här.")
            return redirect("monthly:progress", run_id=running.pk)
        else:
            with transaction.atomic():
                run = create_run(municipality, chosen, staff=request.staff)
                transaction.on_commit(lambda: run_month.enqueue(run.pk))
            return redirect("monthly:progress", run_id=run.pk)
    runs = MonthlyRun.objects.filter(municipality=municipality)[:24]
    return render(
        request, "monthly/overview.html", {"municipality": municipality, "months": months, "runs": runs}
    )


@staff_required
def progress(request, run_id: int):
    municipality = _manager_municipality(request)
    run = get_object_or_404(MonthlyRun, pk=run_id, municipality=municipality)
    if run.status == RunStatus.RUNNING:  # a run whose process died is shown as interrupted, not polled
        mark_interrupted(municipality, run.month)
        run.refresh_from_db()
    template = "monthly/_progress.html" if request.htmx else "monthly/progress.html"
    return render(request, template, {"run": run})
