"""Decide, then pay: the one write path for a caseworker's decision and for a correction of one.

Each runs in one transaction: the decision (bistand.casework.decisions), its payment
(bistand.payments) and their audit rows (DECIDE or CORRECT, and PAY) are saved together or
not at all. The web pages call these; the automated decision function and the monthly run have their
own audited paths around the same decide() and create_payments().
"""

from __future__ import annotations

from django.db import transaction

from bistand.audit.audit import Actor, AuditAction, record_by
from bistand.cases.models import Application, Calculation, Decision
from bistand.cases.services import calculate_application
from bistand.casework import applications, decisions
from bistand.casework.decisions.service import Overrides
from bistand.payments.creation import create_payments


def _describe(decision: Decision) -> str:
    return (
        f"Beslut {decision.month:%Y-%m}: {decision.get_outcome_display().lower()}, "
        f"{decision.total_granted} kr beviljat"
    )


@transaction.atomic
def decide_and_pay(
    *,
    application: Application,
    calculation: Calculation,
    version: int,
    overrides: Overrides | None,
    actor: Actor,
) -> Decision:
    """Decide the application from `calculation` if it is still the version the caseworker saw and the
    calculation is still current, then create its payment; StaleVersion or DecisionRefused otherwise."""
    application = applications.lock_current(application.pk, version)
    current = applications.current_calculation(application)
    if current is None or current.pk != calculation.pk:
        raise applications.StaleVersion(
            "Uppgifterna bakom beräkningen har ändrats sedan du öppnade ansökan, så beslutet har inte "
            "fattats. Se den nya beräkningen och besluta igen."
        )
    # decide() itself refuses on delegation, the extensions' checks (e.g. missing barriers) and overrides.
    decision = decisions.decide(application, calculation, actor.staff, overrides)
    record_by(actor, action=AuditAction.DECIDE, what=_describe(decision), case=decision.case)
    create_payments(decision, actor=actor)
    return decision


@transaction.atomic
def correct_and_pay(
    *,
    decision: Decision,
    application: Application,
    version: int,
    reason: str,
    items: list[applications.Item],
    actor: Actor,
) -> Decision:
    """Replace the application's facts, calculate anew and decide a correcting decision; only the
    difference is paid. The old decision is never changed."""
    application = applications.replace_items(application, version, items, allow_decided=True, actor=actor)
    calculation = calculate_application(application, actor.staff)
    new = decisions.correct(decision, calculation, actor.staff, reason)
    record_by(
        actor,
        action=AuditAction.CORRECT,
        what=f"Rättelse av beslut {decision.decided_on:%Y-%m-%d}. {_describe(new)}",
        case=new.case,
    )
    create_payments(new, actor=actor)
    return new
