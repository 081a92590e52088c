"""Where the automated decision function plugs into the rest: the monthly run and the application page."""

from bistand.casework import extensions
from bistand.casework.extensions import Panel


def assessment_panel(application, request) -> Panel | None:
    from bistand.automation.models import Assessment

    assessment = (
        Assessment.objects.filter(application=application)
        .select_related("reviewed_by__user", "decision")
        .first()
    )
    if assessment is None:
        return None
    return Panel(
        title="Automatiserad beslutsfunktion",
        template="automation/_assessment.html",
        context={"assessment": assessment, "application": application},
        order=5,
    )


SENT_FLAG = "Till handläggare från automatisk prövning"
SAMPLE_FLAG = "Stickprov att bedöma"


def row_flags(cases, staff) -> dict[int, list[str]]:
    """Start page: cases with an application the function left to a person and nobody has decided yet."""
    from bistand.automation.models import Assessment, Result
    from bistand.cases.models.application import ApplicationStatus

    flags: dict[int, list[str]] = {}
    rows = Assessment.objects.filter(
        application__case_id__in=[c.pk for c in cases],
        application__status=ApplicationStatus.RECEIVED,
        result__in=[Result.TO_PERSON, Result.SAMPLED],
    ).values_list("application__case_id", "result")
    for case_id, result in rows:
        flag = SAMPLE_FLAG if result == Result.SAMPLED else SENT_FLAG
        if flag not in flags.setdefault(case_id, []):
            flags[case_id].append(flag)
    return flags


def register() -> None:
    from bistand.automation.run import monthly_run_decider

    for registry, fn in (
        (extensions.MONTHLY_RUN_DECIDERS, monthly_run_decider),
        (extensions.APPLICATION_PANELS, assessment_panel),
        (extensions.CASE_ROW_FLAGS, row_flags),
    ):
        if fn not in registry:
            registry.append(fn)
