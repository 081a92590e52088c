"""A stand-in automated decision function for the monthly run's tests (the real one lives elsewhere).

It decides, in full, every received application that has a calculation and declares no income; the
others are left for a person. Idempotent, as the extension point requires: an application decided
already is no longer received, and the database allows one original decision per application.
"""

from datetime import date

from bistand.casework import extensions

DECIDED_ON = date(2026, 6, 10)


def decide_without_income(applications, month):
    from bistand.cases.models import Calculation, Decision
    from bistand.cases.models.application import ApplicationStatus

    for application in applications:
        application.refresh_from_db()
        if application.status != ApplicationStatus.RECEIVED:
            continue
        if application.items.filter(category="income").exists():
            continue
        calculation = (
            Calculation.objects.filter(application=application).order_by("-created_at", "-id").first()
        )
        if calculation is None:
            continue
        Decision.objects.create(
            case=application.case,
            application=application,
            calculation=calculation,
            month=month,
            outcome="granted",
            total_granted=calculation.assistance,
            decided_on=DECIDED_ON,
            legal_basis="12 kap. 1 § socialtjänstlagen (2025:400)",
        )
        application.status = ApplicationStatus.DECIDED
        application.save(update_fields=["status", "updated_at"])


def register():
    if decide_without_income not in extensions.MONTHLY_RUN_DECIDERS:
        extensions.MONTHLY_RUN_DECIDERS.append(decide_without_income)


def unregister():
    while decide_without_income in extensions.MONTHLY_RUN_DECIDERS:
        extensions.MONTHLY_RUN_DECIDERS.remove(decide_without_income)
