"""Following one's own case: the overview, each application's status and decision, the decision letter,
payments, booked meetings and the action plan's goals.

Everything is looked up within the resident's own cases (auth.resident_cases): another household's
application, decision, meeting or goal answers 404, exactly like one that does not exist.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bistand.audit.audit import AuditAction
from bistand.audit.models import AuditEvent
from bistand.cases.models import Application, Decision, Payment
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.eservice import auth, labels, services
from bistand.eservice.models import GoalComment, MeetingAnswer, MeetingReply
from bistand.eservice.protection import household_protected, own_address

STATUS_RECEIVED = gettext_lazy("Inkommen")
STATUS_HANDLED = gettext_lazy("Handläggs")
STATUS_DECIDED = gettext_lazy("Beslutad")
STATUS_WITHDRAWN = gettext_lazy("Återkallad")
KIND_LABELS = {
    ApplicationKind.FIRST: gettext_lazy("Ansökan om ekonomiskt bistånd"),
    ApplicationKind.RECURRING: gettext_lazy("Ansökan om försörjningsstöd"),
    ApplicationKind.EXTRA_NEED: gettext_lazy("Ansökan om pengar till något extra"),
}
OUTCOME_LABELS = {
    "granted": gettext_lazy("Du får det du sökte"),
    "partly_granted": gettext_lazy("Du får en del av det du sökte"),
    "rejected": gettext_lazy("Du får inte det du sökte"),
}
MONTHS = [
    gettext_lazy("januari"),
    gettext_lazy("februari"),
    gettext_lazy("mars"),
    gettext_lazy("april"),
    gettext_lazy("maj"),
    gettext_lazy("juni"),
    gettext_lazy("juli"),
    gettext_lazy("augusti"),
    gettext_lazy("september"),
    gettext_lazy("oktober"),
    gettext_lazy("november"),
    gettext_lazy("december"),
]


def month_label(month) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def application_status(application: Application) -> tuple[str, str]:
    """(label, css) of an application for the resident: received, being handled, decided."""
    if application.status == ApplicationStatus.DECIDED:
        return str(STATUS_DECIDED), "decided"
    if application.status == ApplicationStatus.WITHDRAWN:
        return str(STATUS_WITHDRAWN), ""
    opened = AuditEvent.objects.filter(
        case_id=application.case_id, staff__isnull=False, at__gte=application.received_at
    ).exists()
    return (str(STATUS_HANDLED), "") if opened else (str(STATUS_RECEIVED), "")


@auth.resident_required
def start(request):
    cases = list(request.resident_cases.select_related("unit", "household"))
    today = timezone.localdate()
    overview = []
    for case in cases:
        month = services.next_month_to_apply(case, today) if case.status == "open" else None
        previous = services.previous_application(case, month) if month else None
        drafts = [
            {
                "draft": d,
                "kind": KIND_LABELS[d.kind],
                "month": month_label(d.month),
                "waiting": services.waiting_for(d),
            }
            for d in services.open_applications(case)
        ]
        applications = [
            {
                "application": a,
                "kind": KIND_LABELS[a.kind],
                "month": month_label(a.month),
                "status": application_status(a),
            }
            for a in case.applications.exclude(status=ApplicationStatus.WITHDRAWN).order_by(
                "-month", "-received_at"
            )[:6]
        ]
        overview.append(
            {
                "case": case,
                "month": month_label(month) if month else "",
                "apply_kind": ApplicationKind.RECURRING if previous is not None else ApplicationKind.FIRST,
                "drafts": drafts,
                "applications": applications,
                "open": case.status == "open",
            }
        )
    with transaction.atomic():
        auth.audit(request, action=AuditAction.VIEW, what="E-tjänsten: översikt", cases=cases)
    address = own_address(request.resident, request.resident_household)
    context = {
        "cases": cases,
        "overview": overview,
        "address": address,
        "has_open_case": any(case.status == "open" for case in cases),
    }
    return render(request, "eservice/start.html", context)


@auth.resident_required
def application(request, case_id: int, application_id: int):
    application = get_object_or_404(
        Application.objects.select_related("case"),
        pk=application_id,
        case_id=case_id,
        case__in=request.resident_cases,
    )
    with transaction.atomic():
        auth.audit(
            request,
            action=AuditAction.VIEW,
            what=f"E-tjänsten: ansökan {application.month:%Y-%m} och beslut",
            case=application.case,
        )
    names = {str(m.person_id): m.person.first_name for m in application.case.household.memberships.all()}
    items = [
        {
            "label": labels.kind_label(i.category, i.kind),
            "category": i.category,
            "who": names.get(str(i.member_id), "") if i.member_id else "",
            "amount": labels.kr(i.amount),
        }
        for i in application.items.all().order_by("category", "id")
    ]
    decisions = [
        {
            "decision": d,
            "outcome": OUTCOME_LABELS.get(d.outcome, d.get_outcome_display()),
            "total": labels.kr(d.total_granted),
            "payments": [
                {"payment": p, "amount": labels.kr(p.amount)}
                for p in d.payments.all().order_by("pay_date", "id")
            ],
        }
        for d in application.decisions.order_by("decided_at", "id")
    ]
    origin = getattr(application, "resident_origin", None)
    return render(
        request,
        "eservice/application.html",
        {
            "application": application,
            "kind": KIND_LABELS[application.kind],
            "month": month_label(application.month),
            "status": application_status(application),
            "items": items,
            "decisions": decisions,
            "signatures": list(services.signatures(origin)) if origin is not None else [],
        },
    )


@auth.resident_required
def decision_letter(request, case_id: int, decision_id: int):
    """The decision letter: the same PDF the caseworker prints (casework.letters)."""
    from bistand.casework import letters

    decision = get_object_or_404(Decision, pk=decision_id, case_id=case_id, case__in=request.resident_cases)
    with transaction.atomic():
        auth.audit(
            request,
            action=AuditAction.PRINT,
            what=f"E-tjänsten: beslutsbrev (PDF) för {decision.month:%Y-%m}",
            case=decision.case,
        )
    pdf = letters.decision_letter_pdf(decision, viewer=None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beslut-{decision.month:%Y-%m}.pdf"'
    return response


@auth.resident_required
def payments(request):
    rows = [
        {
            "payment": p,
            "month": month_label(p.month),
            "amount": labels.kr(p.amount),
        }
        for p in Payment.objects.filter(case__in=request.resident_cases).order_by("-pay_date", "-id")[:36]
    ]
    with transaction.atomic():
        auth.audit(
            request, action=AuditAction.VIEW, what="E-tjänsten: utbetalningar", cases=request.resident_cases
        )
    return render(request, "eservice/payments.html", {"rows": rows})


def _meetings(request):
    from bistand.selfsupport.models.meeting import Meeting, MeetingStatus

    return Meeting.objects.filter(
        case__in=request.resident_cases, status=MeetingStatus.BOOKED, starts_at__gte=timezone.now()
    )


@auth.resident_required
def meetings(request):
    rows = []
    for meeting in _meetings(request).select_related("case__household").order_by("starts_at"):
        reply = MeetingReply.objects.filter(meeting=meeting).order_by("-at", "-id").first()
        hidden = meeting.kind == "home_visit" and household_protected(meeting.case.household)
        rows.append(
            {
                "meeting": meeting,
                "location": "" if hidden else meeting.location,
                "mode": MODE_LABELS.get(meeting.mode, ""),
                "reply": reply,
            }
        )
    with transaction.atomic():
        auth.audit(
            request, action=AuditAction.VIEW, what="E-tjänsten: bokade möten", cases=request.resident_cases
        )
    return render(request, "eservice/meetings.html", {"rows": rows, "answers": MeetingAnswer})


MODE_LABELS = {
    "in_person": gettext_lazy("Vi träffas"),
    "video": gettext_lazy("Videomöte"),
    "phone": gettext_lazy("Vi ringer dig"),
}


@require_POST
@auth.resident_required
def meeting_reply(request, meeting_id: int):
    meeting = get_object_or_404(_meetings(request), pk=meeting_id)
    try:
        services.reply_to_meeting(
            person=request.resident,
            meeting=meeting,
            answer=request.POST.get("answer", ""),
            message=request.POST.get("message", ""),
            path=request.get_full_path(),
        )
    except services.NotAllowed as exc:
        messages.error(request, _(exc.message))
    else:
        messages.success(request, _("Tack för ditt svar. Din handläggare ser det."))
    return redirect("eservice:meetings")


def _goals(request):
    from bistand.selfsupport.models.plan import Goal, PlanStatus

    return Goal.objects.filter(plan__case__in=request.resident_cases, plan__status=PlanStatus.ACTIVE)


@auth.resident_required
def plan(request):
    goals = list(_goals(request).select_related("plan__person").order_by("plan__person_id", "order", "id"))
    comments: dict[int, list] = {}
    for comment in GoalComment.objects.filter(goal__in=goals).select_related("person"):
        comments.setdefault(comment.goal_id, []).append(comment)
    rows = [
        {
            "goal": g,
            "mine": g.plan.person_id == request.resident.pk,
            "owner": g.plan.person.first_name,
            "comments": comments.get(g.pk, []),
        }
        for g in goals
    ]
    with transaction.atomic():
        auth.audit(
            request, action=AuditAction.VIEW, what="E-tjänsten: planens mål", cases=request.resident_cases
        )
    return render(request, "eservice/plan.html", {"rows": rows})


@require_POST
@auth.resident_required
def goal_comment(request, goal_id: int):
    goal = get_object_or_404(_goals(request).select_related("plan"), pk=goal_id)
    if goal.plan.person_id != request.resident.pk:
        raise Http404
    try:
        services.comment_on_goal(
            person=request.resident,
            goal=goal,
            text=request.POST.get("text", ""),
            path=request.get_full_path(),
        )
    except services.NotAllowed as exc:
        messages.error(request, _(exc.message))
    else:
        messages.success(request, _("Din kommentar är sparad. Din handläggare ser den."))
    return redirect("eservice:plan")
