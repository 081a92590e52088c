"""Start-page panels: next year's table for administrators and unit managers; decisions to correct."""

from django.db.models import Exists, OuterRef

from bistand.cases.models import Decision
from bistand.casework import access, extensions
from bistand.casework.extensions import Panel
from bistand.normtables import registry, status
from bistand.normtables.models import DecisionToReview
from bistand.organisation.models import Role


def next_year_panel(staff, request) -> Panel | None:
    if staff.role not in (Role.ADMINISTRATOR, Role.UNIT_MANAGER):
        return None
    registry.sync()
    warnings = status.next_year_warnings(status.today())
    if not warnings and staff.role != Role.ADMINISTRATOR:
        return None
    return Panel(
        title="Riksnorm och prisbasbelopp",
        template="normtables/_start_panel.html",
        context={"warnings": warnings, "administrator": staff.role == Role.ADMINISTRATOR},
        order=5,
    )


def to_review(staff):
    """Rows the staff member may see: decisions of cases in their units (access.visible_cases)."""
    return (
        DecisionToReview.objects.filter(decision__case__in=access.visible_cases(staff))
        .select_related("decision", "decision__case", "table")
        .annotate(corrected=Exists(Decision.objects.filter(corrects=OuterRef("decision"))))
        .order_by("decision__month", "decision__case__number", "decision_id")
    )


def review_panel(staff, request) -> Panel | None:
    if staff.role not in access.CASE_ROLES:
        return None
    waiting = to_review(staff).filter(corrected=False).count()
    if not waiting:
        return None
    return Panel(
        title="Beslut att se över efter ny riksnorm",
        template="normtables/_review_panel.html",
        context={"waiting": waiting},
        order=6,
    )


def case_file_section(case, request) -> Panel | None:
    """In the case file (already opened through access.case_for_request): its decisions to correct."""
    rows = [
        row
        for row in DecisionToReview.objects.filter(decision__case=case)
        .select_related("decision", "table")
        .annotate(corrected=Exists(Decision.objects.filter(corrects=OuterRef("decision"))))
        .order_by("decision__month", "decision_id")
        if not row.corrected
    ]
    if not rows:
        return None
    return Panel(
        title="Beslut att se över efter ny riksnorm",
        template="normtables/_case_section.html",
        context={"rows": rows, "case": case},
        order=5,
    )


def register() -> None:
    """Add the hooks once (ready() may run more than once in tests)."""
    for hooks, fn in (
        (extensions.START_PAGE_PANELS, next_year_panel),
        (extensions.START_PAGE_PANELS, review_panel),
        (extensions.CASE_FILE_SECTIONS, case_file_section),
    ):
        if fn not in hooks:
            hooks.append(fn)
