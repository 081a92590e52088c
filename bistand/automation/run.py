"""Running the automated decision function over a month's applications (idempotent).

For every received application of a unit where the committee has switched the function on: fetch the
agencies' income data if not yet fetched, apply the criteria, and then either decide through the same
decision service as a person (payments, one decision per application and month, audit), or leave it to a
person with every failed criterion — or, for a seeded random share of the automatable ones, leave it to a
person anyway as a sample. Each application is assessed once; a rerun adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from bistand.audit.audit import AuditAction, record
from bistand.automation import criteria, facts, sampling
from bistand.automation.models import Assessment, AutomationSetting, Result
from bistand.cases.models import Application, Case
from bistand.cases.models.application import ApplicationStatus
from bistand.casework.decisions import DecisionRefused, decide
from bistand.incomedata import services as income
from bistand.incomedata.models import IncomeFetch
from bistand.payments.creation import create_payments
from bistand.rules.formatting import kr, month_name

SYSTEM = "Automatiserad beslutsfunktion"
PURPOSE = "Automatiserad prövning av återansökan om ekonomiskt bistånd (SoL 4 kap. 1 §)"


@dataclass
class Summary:
    decided: int = 0
    to_person: int = 0
    sampled: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def _candidates(applications, settings: dict[int, AutomationSetting]) -> list[tuple[Application, int]]:
    """(application, unit id) for the received applications of enabled units not yet assessed.

    Cheap when no unit is enabled (no query at all), and a fixed number of queries otherwise, so the
    monthly run's batch of the whole municipality is not read one case at a time.
    """
    if not settings:
        return []
    received = [a for a in applications if a.status == ApplicationStatus.RECEIVED]
    units = dict(
        Case.objects.filter(pk__in={a.case_id for a in received}, unit_id__in=settings).values_list(
            "pk", "unit_id"
        )
    )
    enabled = [a for a in received if a.case_id in units]
    done = set(
        Assessment.objects.filter(application_id__in=[a.pk for a in enabled]).values_list(
            "application_id", flat=True
        )
    )
    return [(a, units[a.case_id]) for a in enabled if a.pk not in done]


def _fetch_missing(applications) -> None:
    """Fetch the agencies' data where none is stored yet. Without a provider (no SSBTEK agreement yet) or
    when the agencies do not answer, nothing is fetched and the income criterion sends them to a person."""
    fetched = set(
        IncomeFetch.objects.filter(application__in=applications).values_list("application_id", flat=True)
    )
    for application in applications:
        if application.pk in fetched:
            continue
        try:
            income.fetch_for_application(application, income.Who(system=SYSTEM), PURPOSE)
        except income.IncomeDataUnavailable:
            return


def _to_person(application, result, failures, audit_what) -> Assessment:
    assessment = Assessment.objects.create(
        application=application,
        unit_id=application.case.unit_id,
        month=application.month,
        result=result,
        reasons=[{"code": f.code, "message": f.message} for f in failures],
        criteria_version=criteria.VERSION,
    )
    record(action=AuditAction.AUTOMATE, what=audit_what, case=application.case, client=SYSTEM)
    return assessment


def _decide(application, calculation, today) -> Assessment:
    decision = decide(application, calculation, None, decided_on=today, automated=criteria.VERSION)
    create_payments(decision)
    record(
        action=AuditAction.DECIDE,
        what=f"Beslut {month_name(application.month)}: bifall {kr(decision.total_granted)} ({criteria.VERSION})",
        case=application.case,
        client=SYSTEM,
    )
    return Assessment.objects.create(
        application=application,
        unit_id=application.case.unit_id,
        month=application.month,
        result=Result.DECIDED,
        criteria_version=criteria.VERSION,
        decision=decision,
    )


def _assess(application, found, setting, today) -> Assessment:
    found_facts, calculation = found
    failures = criteria.evaluate(found_facts)
    if failures:
        return _to_person(
            application,
            Result.TO_PERSON,
            failures,
            f"Till handläggare: {len(failures)} skäl ({criteria.VERSION})",
        )
    if sampling.is_sampled(setting.seed, application.month, application.pk, setting.sample_percent):
        return _to_person(application, Result.SAMPLED, [], f"Stickprov till handläggare ({criteria.VERSION})")
    try:
        with transaction.atomic():
            return _decide(application, calculation, today)
    except DecisionRefused as exc:  # the decision service's own checks are the last guard
        refused = [criteria.Failure("decision_refused", m) for m in exc.messages]
        return _to_person(application, Result.TO_PERSON, refused, "Till handläggare: beslutet nekades")


def automate(applications: list[Application], month: date, today: date | None = None) -> Summary:
    """Assess the month's applications of units with the function switched on (MONTHLY_RUN_DECIDERS)."""
    today = today or timezone.localdate()
    applications = [a for a in applications if a.month == month]
    settings = {s.unit_id: s for s in AutomationSetting.objects.filter(enabled=True)}
    pairs = _candidates(applications, settings)
    summary = Summary(skipped=len(applications) - len(pairs))
    if not pairs:
        return summary
    todo = [a for a, _ in pairs]
    prefetch_related_objects(todo, "case__household", "case__unit__district__municipality")
    _fetch_missing(todo)
    gathered = facts.gather(todo, today)
    for application, unit_id in pairs:
        with transaction.atomic():
            assessment = _assess(application, gathered[application.pk], settings[unit_id], today)
        if assessment.result == Result.DECIDED:
            summary.decided += 1
        elif assessment.result == Result.SAMPLED:
            summary.sampled += 1
        else:
            summary.to_person += 1
            for reason in {r["code"] for r in assessment.reasons}:
                summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
    return summary


def month_applications(month: date, unit_ids=None) -> list[Application]:
    """The month's received applications (for the command; the monthly run passes its own list)."""
    query = Application.objects.filter(month=month, status=ApplicationStatus.RECEIVED).select_related(
        "case__household", "case__unit"
    )
    if unit_ids is not None:
        query = query.filter(case__unit_id__in=unit_ids)
    return list(query.order_by("id"))


def monthly_run_decider(applications, month: date) -> None:
    """The entry in MONTHLY_RUN_DECIDERS: the monthly run's applications of the month."""
    automate(list(applications), month)
