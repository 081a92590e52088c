"""What the e-service adds to other parts of Bistånd.

- A staff sign-in drops a resident session in the same browser (one identity per session).
- In casework's registries (bistand.casework.extensions), so casework never imports the e-service:
  the work queue flags a case whose application in the e-service waits for a signature; the application
  page of an application from the e-service says who signed it and what changed since last month; the
  case file shows what waits for a signature and the resident's answers to meetings and comments on goals.
Staff pages are Swedish only: these texts are not translated.
"""

from django.contrib.auth.signals import user_logged_in

from bistand.casework import extensions
from bistand.casework.extensions import Panel

WAITING_FLAG = "E-tjänst: väntar på underskrift"


def _forget_resident(sender, request, user, **kwargs):
    from bistand.eservice.auth import forget_resident

    if request is not None and hasattr(request, "session"):
        forget_resident(request.session)


def row_flags(cases, staff) -> dict[int, list[str]]:
    """One query for the whole queue: cases with an e-service application waiting for a signature."""
    from bistand.eservice.models import ResidentApplication, ResidentApplicationStatus

    waiting = ResidentApplication.objects.filter(
        case_id__in=[c.pk for c in cases], status=ResidentApplicationStatus.AWAITING_SIGNATURE
    ).values_list("case_id", flat=True)
    return {case_id: [WAITING_FLAG] for case_id in set(waiting)}


def _change_rows(changes, names) -> list[str]:
    from bistand.casework.decisions.labels import kind_label

    rows = []
    for c in changes:
        who = f" ({names[c['member_id']]})" if c.get("member_id") in names else ""
        label = kind_label(c["category"], c["kind"]) + who
        if not c["before"]:
            rows.append(f"{label}: ny, {c['after']} kr")
        elif not c["after"]:
            rows.append(f"{label}: borttagen (var {c['before']} kr)")
        else:
            rows.append(f"{label}: {c['before']} kr → {c['after']} kr")
    return rows


def application_panel(application, request) -> Panel | None:
    from bistand.eservice.models import ResidentApplication
    from bistand.eservice.services import signatures

    origin = ResidentApplication.objects.filter(application=application).first()
    if origin is None:
        return None
    names = {
        m.person_id: m.person.first_name
        for m in application.case.household.memberships.select_related("person")
    }
    return Panel(
        title="Från e-tjänsten",
        template="eservice/staff/_application_panel.html",
        context={
            "origin": origin,
            "signatures": list(signatures(origin)),
            "changes": _change_rows(origin.changes, names),
            "unchanged": origin.data.get("unchanged", False),
            "reason": origin.data.get("reason", ""),
            "assets": origin.data.get("assets", ""),
        },
        order=4,
    )


def case_file_section(case, request) -> Panel | None:
    from bistand.eservice.models import (
        GoalComment,
        MeetingReply,
        ResidentApplication,
        ResidentApplicationStatus,
    )
    from bistand.eservice.services import waiting_for

    waiting = list(
        ResidentApplication.objects.filter(case=case, status=ResidentApplicationStatus.AWAITING_SIGNATURE)
    )
    replies = list(MeetingReply.objects.filter(meeting__case=case).select_related("meeting", "person")[:5])
    comments = list(
        GoalComment.objects.filter(goal__plan__case=case).select_related("goal", "person").order_by("-at")[:5]
    )
    if not (waiting or replies or comments):
        return None
    return Panel(
        title="Från e-tjänsten",
        template="eservice/staff/_case_section.html",
        context={
            "waiting": [(w, waiting_for(w)) for w in waiting],
            "replies": replies,
            "comments": comments,
        },
        order=15,
    )


def register() -> None:
    user_logged_in.connect(_forget_resident, dispatch_uid="eservice_forget_resident_on_staff_login")
    for registry, fn in (
        (extensions.CASE_ROW_FLAGS, row_flags),
        (extensions.APPLICATION_PANELS, application_panel),
        (extensions.CASE_FILE_SECTIONS, case_file_section),
    ):
        if fn not in registry:
            registry.append(fn)
