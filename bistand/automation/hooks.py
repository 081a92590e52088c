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


def register() -> None:
    from bistand.automation.run import monthly_run_decider

    for registry, fn in (
        (extensions.MONTHLY_RUN_DECIDERS, monthly_run_decider),
        (extensions.APPLICATION_PANELS, assessment_panel),
    ):
        if fn not in registry:
            registry.append(fn)
