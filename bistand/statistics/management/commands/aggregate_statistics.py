"""`bistand aggregate_statistics [--month YYYY-MM | --all]`: compute closed months' aggregates ahead of use.

Without options: last month. `--all`: the 36 months the statistics pages offer.

Stores each month's unit tallies, the city's payments summed per household, and the 36-month trend and
duration shares ending with the month. Run after the month has ended (for example by the nightly job on the 1st), so the first person opening
the statistics does not wait for the computation. Months already stored and still valid are left as they
are; stale or missing ones are computed (bistand.statistics.aggregates).
"""

from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bistand.organisation.models import Municipality, Unit
from bistand.rules.months import InvalidMonth, months_back, parse_input, previous_complete_month
from bistand.statistics import aggregates, stored_payments, trends
from bistand.statistics.views.common import MONTHS_TO_CHOOSE


class Command(BaseCommand):
    help = "Räknar fram statistiken för avslutade månader och sparar den per enhet och månad."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--month", help="Månad, ÅÅÅÅ-MM (annars förra månaden)")
        which.add_argument(
            "--all",
            action="store_true",
            help=f"Alla månader som statistiksidorna visar (de senaste {MONTHS_TO_CHOOSE})",
        )

    def handle(self, *args, **options):
        latest = previous_complete_month(timezone.localdate())
        if options["all"]:
            months = months_back(latest, MONTHS_TO_CHOOSE)
        else:
            try:
                months = [parse_input(options["month"])] if options["month"] else [latest]
            except InvalidMonth as exc:
                raise CommandError(str(exc)) from exc
            if months[0] > latest:
                raise CommandError(
                    f"{months[0].label.capitalize()} har inte tagit slut än; den räknas fram direkt när "
                    "statistiken visas."
                )
        municipality = Municipality.objects.order_by("pk").first()
        units = Unit.objects.order_by("pk")
        if municipality is not None:
            units = units.filter(district__municipality=municipality)
        unit_ids = list(units.values_list("pk", flat=True))
        started = perf_counter()
        stored_payments.monthly_sums(months)
        self.stdout.write(
            f"Utbetalningar per hushåll: {len(months)} månader, {perf_counter() - started:.1f} s"
        )
        for month in months:
            started = perf_counter()
            aggregates.unit_tallies(month, unit_ids)
            trends.cost_and_households(month, 36, municipality)
            trends.duration_rows(month, municipality)
            self.stdout.write(f"{month}: {len(unit_ids)} enheter, {perf_counter() - started:.1f} s")
