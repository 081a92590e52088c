"""Recording a person's agreement or disagreement with a sampled assessment (the function's quality)."""

from django.db import transaction
from django.utils import timezone

from bistand.audit.audit import AuditAction, record
from bistand.automation.models import Assessment, Result


class ReviewRefused(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@transaction.atomic
def review(assessment: Assessment, agrees: bool, note: str, staff, user=None, path: str = "") -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    note = (note or "").strip()
    if assessment.result != Result.SAMPLED:
        raise ReviewRefused("Bara stickprov bedöms av en handläggare.")
    if assessment.agrees is not None:
        raise ReviewRefused("Stickprovet är redan bedömt.")
    if not agrees and not note:
        raise ReviewRefused("Skriv varför du inte håller med, så att kriterierna kan förbättras.")
    assessment.agrees = agrees
    assessment.review_note = note[:500]
    assessment.reviewed_by = staff
    assessment.reviewed_at = timezone.now()
    assessment.save()
    record(
        action=AuditAction.CHANGE,
        what=f"Bedömde stickprov: {'håller med' if agrees else 'håller inte med'} ({assessment.criteria_version})",
        user=user,
        staff=staff,
        case=assessment.application.case,
        path=path,
    )
    return assessment
