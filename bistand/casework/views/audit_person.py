"""The audit search by person for unit managers: every read and change of one person's data.

A person's data lives in the cases of every household the person has belonged to. The search finds the
events on those cases (page views, changes, prints, refusals) and the list views and exports that named
them (AuditEventCase), limited like the ordinary log search to cases of the manager's own units. The
search is itself written to the log, linked to the cases it covered, so it shows up in the next search.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from bistand.audit import audit
from bistand.audit.models import AuditEvent, AuditEventCase
from bistand.cases.models import Case
from bistand.casework.forms import PersonAuditForm
from bistand.casework.views.common import staff_required
from bistand.organisation.models import Role
from bistand.people.models import Person

PAGE_SIZE = 50


def person_cases(person: Person, units) -> list[Case]:
    """The cases of `units` whose household `person` has belonged to (at any time)."""
    return list(
        Case.objects.filter(household__memberships__person=person, unit__in=units)
        .distinct()
        .order_by("number")
    )


def person_event_ids(case_ids: list[int]) -> list[int]:
    """Ids of the events on these cases or naming them in a list or export, newest first.

    Two index lookups (AuditEvent by case, AuditEventCase by case) instead of one OR over the whole log,
    so the search stays fast however long the log grows; only one page of events is then loaded.
    """
    direct = AuditEvent.objects.filter(case_id__in=case_ids).values_list("pk", flat=True)
    listed = AuditEventCase.objects.filter(case_id__in=case_ids).values_list("event_id", flat=True)
    return sorted(set(direct) | set(listed), reverse=True)


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
        cases = person_cases(person, manager.units.all()) if person is not None else []
        audit.record_request(
            request,
            action=audit.AuditAction.AUDIT_SEARCH,
            what=f"Loggsökning per person {display} ({len(cases)} ärenden)",
            staff=manager,
            cases=cases,
        )
        page = Paginator(person_event_ids([case.pk for case in cases]), PAGE_SIZE).get_page(
            request.GET.get("sida")
        )
        _load_page(page, {case.pk: case.number for case in cases})
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


def _load_page(page, numbers: dict[int, str]) -> None:
    """Load the page's events, each with the person's case numbers it concerned (own case or listed)."""
    events = list(
        AuditEvent.objects.filter(pk__in=list(page.object_list))
        .select_related("staff__user", "user", "case")
        .order_by("-id")
    )
    links: dict[int, list[str]] = {}
    for event_id, case_id in AuditEventCase.objects.filter(
        event_id__in=[e.pk for e in events], case_id__in=numbers
    ).values_list("event_id", "case_id"):
        links.setdefault(event_id, []).append(numbers[case_id])
    for event in events:
        own = [event.case.number] if event.case_id else []
        event.person_cases = ", ".join(sorted(set(own + links.get(event.pk, []))))
    page.object_list = events
