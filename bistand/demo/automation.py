"""Demostad's automated decisions: the committee switches the function on in every demo unit, the
agencies' (demo) income data are fetched for the month's applications, and the function assesses them.

The demo caseworker's own cases (`handlaggare`) are fetched but left unassessed, so her work queue still
shows unchanged applications to decide by hand; `bistand automate --month YYYY-MM` assesses them too.
"""

from __future__ import annotations

from django.utils import timezone

from bistand.automation.models import AutomationSetting
from bistand.automation.run import PURPOSE, SYSTEM, automate, month_applications
from bistand.incomedata import services as income
from bistand.organisation.models import Unit

DEMO_USER = "handlaggare"
COMMITTEE_DECISION = "Socialnämnden i Demostad 2026-01-20 § 12 (påhittat, demodata)"
SAMPLE_PERCENT = 10


def populate(ctx) -> dict:
    units = Unit.objects.filter(district__municipality=ctx.municipality)
    for unit in units:
        AutomationSetting.objects.update_or_create(
            unit=unit,
            defaults={
                "enabled": True,
                "committee_decision": COMMITTEE_DECISION,
                "sample_percent": SAMPLE_PERCENT,
                "seed": f"demostad-{ctx.seed}",
            },
        )
    month = ctx.as_of
    applications = month_applications(month, [u.pk for u in units])
    ctx.out(f"Hämtar inkomstuppgifter (demodata) för {len(applications)} ansökningar …")
    for application in applications:
        income.fetch_for_application(application, income.Who(system=SYSTEM), PURPOSE)
    demo_user = ctx.staff.get(DEMO_USER)
    others = [a for a in applications if demo_user is None or a.case.caseworker_id != demo_user.pk]
    ctx.out(f"Den automatiserade beslutsfunktionen prövar {len(others)} ansökningar …")
    summary = automate(others, month, today=min(ctx.today, timezone.localdate()))
    ctx.out(
        f"Automatiserade beslut: {summary.decided} beslutade, {summary.to_person} till handläggare, "
        f"{summary.sampled} stickprov."
    )
    return {"decided": summary.decided, "to_person": summary.to_person, "sampled": summary.sampled}
