"""The application page's panel: declared against fetched income, and the warnings to handle."""

from bistand.casework import extensions
from bistand.casework.extensions import Panel
from bistand.incomedata import services


def income_panel(application, request) -> Panel:
    fetches = services.latest_fetches(application)
    return Panel(
        title="Inkomstuppgifter från myndigheter",
        template="incomedata/_panel.html",
        context={
            "application": application,
            "fetches": fetches,
            "fetched_at": max((f.fetched_at for f in fetches), default=None),
            "rows": services.comparison(application) if fetches else [],
            "warnings": list(application.income_warnings.select_related("handled_by__user")),
            "registered_af": [f for f in fetches if f.registered_af is not None],
        },
        order=10,
    )


def register() -> None:
    if income_panel not in extensions.APPLICATION_PANELS:
        extensions.APPLICATION_PANELS.append(income_panel)
