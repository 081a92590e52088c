"""The case file (akt): household, timeline, current calculation and the extensions' sections."""

from django.shortcuts import render

from bistand.cases.models.application import ApplicationStatus
from bistand.casework import access, casefile, extensions, referrals
from bistand.casework.views.common import render_panels, staff_required


@staff_required
def case_file(request, case_id: int):
    case = access.case_for_request(request, case_id, "Akt: hushåll, tidslinje och beräkning")
    context = {
        "case": case,
        "members": casefile.member_rows(case, request.staff),
        "timeline": casefile.timeline(case),
        "calculation": casefile.current_calculation(case),
        "open_applications": _with_holders(
            case.applications.filter(status=ApplicationStatus.RECEIVED).order_by("month")
        ),
        "decisions": case.decisions.select_related("decided_by__user")[:12],
        "sections": render_panels(
            extensions.collect_panels(extensions.CASE_FILE_SECTIONS, case, request), request
        ),
    }
    return render(request, "casework/case_file.html", context)


def _with_holders(applications) -> list:
    """The open applications, each with `.referral` (who holds a handed-over decision, or None)."""
    applications = list(applications)
    held = referrals.current_referrals([a.pk for a in applications])
    for application in applications:
        application.referral = held.get(application.pk)
    return applications
