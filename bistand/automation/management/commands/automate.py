"""`bistand automate --month YYYY-MM [--unit NAME]`: run the automated decision function for a month by hand.

The monthly run does the same through MONTHLY_RUN_DECIDERS; this command lets a municipality try it
(and the demo show it) on its own. Safe to run again: an application is assessed once.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bistand.automation.criteria import CODES, VERSION
from bistand.automation.models import AutomationSetting
from bistand.automation.run import automate, month_applications
from bistand.organisation.models import Unit


def _month(value: str) -> date:
    try:
        year, month = (int(x) for x in value.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"”{value}” är inte en månad skriven ÅÅÅÅ-MM.") from exc


class Command(BaseCommand):
    help = "Låter den automatiserade beslutsfunktionen pröva en månads ansökningar. Kan köras om."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Månad, ÅÅÅÅ-MM.")
        parser.add_argument("--unit", action="append", help="Enhetens namn (kan anges flera gånger).")

    def handle(self, *args, month: str, unit=None, **options):
        day = _month(month)
        unit_ids = None
        if unit:
            units = list(Unit.objects.filter(name__in=unit))
            missing = sorted(set(unit) - {u.name for u in units})
            if missing:
                raise CommandError(f"Enheten finns inte: {', '.join(missing)}.")
            unit_ids = [u.pk for u in units]
        enabled = AutomationSetting.objects.filter(enabled=True)
        if unit_ids is not None:
            enabled = enabled.filter(unit_id__in=unit_ids)
        if not enabled.exists():
            raise CommandError(
                "Ingen av enheterna har automatiserade beslut påslagna enligt nämndens beslut."
            )
        summary = automate(month_applications(day, unit_ids), day)
        self.stdout.write(f"{VERSION}, {day:%Y-%m}:")
        self.stdout.write(f"  beslutade automatiskt: {summary.decided}")
        self.stdout.write(f"  till handläggare: {summary.to_person}")
        for code, count in sorted(summary.reasons.items(), key=lambda r: -r[1]):
            title = CODES[code].title if code in CODES else code
            self.stdout.write(f"    {count} – {title}")
        self.stdout.write(f"  stickprov till handläggare: {summary.sampled}")
        self.stdout.write(f"  redan prövade eller i andra enheter: {summary.skipped}")
