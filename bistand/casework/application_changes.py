"""Undoing mistakes in an undecided application: withdraw it, or correct the month it is for.

A decided application is never changed here (a decision is corrected by a correcting decision). Both
changes carry the version the caseworker saw (optimistic locking, as in bistand.casework.applications),
write their audit row and a journal note in the same transaction, so the history keeps what was done and
why: nothing is deleted.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bistand.audit.audit import AuditAction, record
from bistand.cases.models import Application, Case
from bistand.cases.models.application import ApplicationStatus
from bistand.casework import date_checks, windows
from bistand.casework.applications import (
    Actor,
    DuplicateApplication,
    NotEditable,
    StaleVersion,
    duplicate_problem,
)
from bistand.journal.models import JournalNote
from bistand.rules.formatting import month_name

NOT_RECEIVED = "Ansökan är redan {status} och kan inte ändras här."


class MonthOutOfWindow(Exception):
    code = windows.MONTH_OUT_OF_WINDOW

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _lock(application: Application, expected_version: int) -> Application:
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.status != ApplicationStatus.RECEIVED:
        raise NotEditable(NOT_RECEIVED.format(status=current.get_status_display().lower()))
    if current.version != expected_version:
        raise StaleVersion()
    return current


def _history(case: Case, actor: Actor, *, action: AuditAction, what: str, heading: str, text: str) -> None:
    record(action=action, what=what, user=actor.user, staff=actor.staff, case=case, path=actor.path)
    if actor.staff is not None:
        JournalNote.objects.create(
            case=case, author=actor.staff, occurred_on=timezone.localdate(), heading=heading, text=text
        )


@transaction.atomic
def withdraw_application(
    application: Application, *, expected_version: int, reason: str, actor: Actor
) -> Application:
    """Mark an undecided application withdrawn (återkallad) with the reason; its month is then free."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A withdrawal needs a reason.")
    current = _lock(application, expected_version)
    Application.objects.filter(pk=current.pk).update(
        status=ApplicationStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawal_reason=reason[:500],
        version=F("version") + 1,
    )
    label = f"{current.get_kind_display().lower()} för {month_name(current.month)}"
    _history(
        current.case,
        actor,
        action=AuditAction.WITHDRAW,
        what=f"Återkallade {label}",
        heading=f"Ansökan återkallad: {label}",
        text=f"Skäl: {reason}",
    )
    current.refresh_from_db()
    return current


@transaction.atomic
def correct_month(
    application: Application,
    *,
    expected_version: int,
    month: date,
    reason: str,
    actor: Actor,
    today: date | None = None,
) -> Application:
    """Move an undecided application to the month it was really for, if that month is free for its need."""
    month = month.replace(day=1)
    problem = windows.month_problem(month, today or date_checks.today())
    if problem:
        raise MonthOutOfWindow(problem)
    list(Case.objects.select_for_update().filter(pk=application.case_id))  # as registrations do
    current = _lock(application, expected_version)
    if month == current.month:
        raise MonthOutOfWindow(f"Ansökan avser redan {month_name(month)}. Välj en annan månad.")
    duplicate = duplicate_problem(current.case_id, month, current.need, exclude_id=current.pk)
    if duplicate is not None:
        raise duplicate
    try:
        with transaction.atomic():
            Application.objects.filter(pk=current.pk).update(month=month, version=F("version") + 1)
    except IntegrityError:
        raise DuplicateApplication(f"Det finns redan en ansökan för {month_name(month)} i ärendet.") from None
    before, after = month_name(current.month), month_name(month)
    why = f" Skäl: {reason.strip()}" if reason.strip() else ""
    _history(
        current.case,
        actor,
        action=AuditAction.CORRECT,
        what=f"Rättade ansökans månad från {before} till {after}",
        heading=f"Ansökans månad rättad till {after}",
        text=f"Ansökan om {current.get_kind_display().lower()} gällde {before} och avser nu {after}.{why}",
    )
    current.refresh_from_db()
    return current
