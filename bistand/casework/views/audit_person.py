"""The audit search by person for unit managers: every read and change of one person's data.

A person's data lives in the cases of every household the person has belonged to. The search finds the
events on those cases (page views, changes, prints, refusals) and the list views and exports that named
them (AuditEventCase), limited like the ordinary log search to cases of the manager's own units. The
search is itself written to the log, linked to the cases it covered, so it shows up in the next search.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render

from bistand.cases.models import Case
from bistand.casework import audit
from bistand.casework.forms import PersonAuditForm
from bistand.casework.models import AuditEvent, AuditEventCase
from bistand.casework.views.common import staff_required
from bistand.organisation.models import Role
from bistand.people.models import Person

PAGE_SIZE = 50


def person_events(person: Person, units):
    """The events that read or changed `person`'s data in cases of `units`, newest first, and the cases."""
    cases = list(
        Case.objects.filter(household__memberships__person=person, unit__in=units)
        .distinct()
        .order_by("number")
    )
    ids = [case.pk for case in cases]
    listed = AuditEventCase.objects.filter(event=OuterRef("pk"), case_id__in=ids)
    events = (
        AuditEvent.objects.filter(Q(case_id__in=ids) | Q(Exists(listed)))
        .select_related("staff__user", "user", "case")
        .order_by("-at", "-id")
    )
    return events, cases


@staff_required
def person_audit(request):
    manager = request.staff
    if manager.role != Role.UNIT_MANAGER:
        raise PermissionDenied("Loggen kan bara sökas av enhetschefer.")
    form = PersonAuditForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        number = form.cleaned_data["personal_number"]
        person = Person.objects.filter(personal_number=number).first()
        display = f"{number[:8]}-{number[8:]}"
        cases: list = []
        events = AuditEvent.objects.none()
        if person is not None:
            events, cases = person_events(person, manager.units.all())
        audit.record_request(
            request,
            action=audit.AuditAction.AUDIT_SEARCH,
            what=f"Loggsökning per person {display} ({len(cases)} ärenden)",
            staff=manager,
            cases=cases,
        )
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("sida"))
        _mark_listed(page, {case.pk: case.number for case in cases})
        query = request.GET.copy()
        query.pop("sida", None)
        context.update(
            searched=True,
            display=display,
            cases=cases,
            page=page,
            query=query.urlencode(),
            # The name only where the manager may see it anyway: never for a protected identity.
            name=person.full_name if person is not None and not person.is_protected else "",
        )
    return render(request, "casework/audit_person.html", context)


def _mark_listed(page, numbers: dict[int, str]) -> None:
    """For each event on the page, the person's case numbers it concerned (its own case or the listed ones)."""
    events = list(page.object_list)
    links: dict[int, list[str]] = {}
    for event_id, case_id in AuditEventCase.objects.filter(
        event_id__in=[e.pk for e in events], case_id__in=numbers
    ).values_list("event_id", "case_id"):
        links.setdefault(event_id, []).append(numbers[case_id])
    for event in events:
        own = [event.case.number] if event.case_id else []
        event.person_cases = ", ".join(sorted(set(own + links.get(event.pk, []))))
    page.object_list = events
