"""Where attachments, messages and the survey plug into the caseworker's pages and the monthly report."""

from django.db import transaction
from django.db.models.signals import post_save

from bistand.casework import access, extensions
from bistand.casework.extensions import Panel

PANEL_LIMIT = 10
THREAD_PREVIEW = 3


def attachments_panel(application, request) -> Panel | None:
    items = list(application.attachments.select_related("uploaded_by"))
    if not items:
        return None
    return Panel(
        title="Bilagor från den enskilde",
        template="residentcomm/panels/attachments.html",
        context={"items": items, "application": application},
        order=8,
    )


def messages_section(case, request) -> Panel | None:
    messages = list(
        case.resident_messages.select_related("sender_person", "sender_staff__user").order_by(
            "-sent_at", "-id"
        )[:THREAD_PREVIEW]
    )
    unread = case.resident_messages.filter(from_household=True, read_at__isnull=True).count()
    return Panel(
        title="Meddelanden med den enskilde",
        template="residentcomm/panels/messages.html",
        context={"case": case, "latest": messages[::-1], "unread": unread},
        order=6,
    )


def unread_panel(staff, request) -> Panel | None:
    """Start page: the caseworker's cases with messages from the household she has not read (2 queries)."""
    from django.db.models import Count

    from bistand.residentcomm.models import Message

    if staff.role not in access.CASE_ROLES:
        return None
    rows = list(
        Message.objects.filter(
            case__in=access.visible_cases(staff).filter(caseworker=staff).values("pk"),
            from_household=True,
            read_at__isnull=True,
        )
        .values("case_id", "case__number")
        .annotate(n=Count("id"))
        .order_by("case__number")
    )
    if not rows:
        return None
    return Panel(
        title="Olästa meddelanden",
        template="residentcomm/panels/unread.html",
        context={
            "rows": rows[:PANEL_LIMIT],
            "total": sum(r["n"] for r in rows),
            "more": max(0, len(rows) - PANEL_LIMIT),
        },
        order=15,
        cases=[r["case_id"] for r in rows[:PANEL_LIMIT]],
    )


def survey_section(stats, month) -> Panel | None:
    from bistand.organisation.models import Unit
    from bistand.residentcomm.survey_results import QUESTIONS, TOO_FEW, rows

    units = Unit.objects.select_related("district").order_by("district__name", "name")
    if not stats.all_districts:
        units = units.filter(pk__in=stats.unit_ids)
    units = list(units)
    return Panel(
        title="Klientenkät",
        template="residentcomm/panels/survey_results.html",
        context={
            "rows": rows(units, month.first),
            "questions": QUESTIONS,
            "too_few": TOO_FEW,
            "month": month,
        },
        order=50,
    )


def decision_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A new decision: tell the household's adults, without content, once the decision is committed."""
    if not created or raw or instance.migrated:  # history brought over from an old system is not news
        return
    from bistand.residentcomm import notifications
    from bistand.residentcomm.resident import adults_of

    case = instance.case

    def send():
        notifications.notify(adults_of(case), notifications.NEW_DECISION)

    transaction.on_commit(send)


def register() -> None:
    from bistand.cases.models import Decision
    from bistand.statistics.extensions import MONTHLY_REPORT_SECTIONS

    for registry, fn in (
        (extensions.APPLICATION_PANELS, attachments_panel),
        (extensions.CASE_FILE_SECTIONS, messages_section),
        (extensions.START_PAGE_PANELS, unread_panel),
        (MONTHLY_REPORT_SECTIONS, survey_section),
    ):
        if fn not in registry:
            registry.append(fn)
    post_save.connect(decision_saved, sender=Decision, dispatch_uid="residentcomm.decision_saved")
