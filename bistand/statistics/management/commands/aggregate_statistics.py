"""`bistand aggregate_statistics [--month YYYY-MM | --all]`: compute closed months' aggregates ahead of use.

Run after the month has ended (for example by the nightly job on the 1st), so the first person opening
the statistics does not wait for the computation. Months already stored and still valid are left as they
are; stale or missing ones are computed (bistand.statistics.aggregates).
"""

from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Min
from django.utils import timezone

from bistand.cases.models import Case
from bistand.organisation.models import Municipality, Unit
from bistand.statistics import aggregates, stored_payments
from bistand.statistics.periods import InvalidMonth, Month, previous_complete_month


class Command(BaseCommand):
    help = "Räknar fram statistiken för avslutade månader och sparar den per enhet och månad."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--month", help="Månad, ÅÅÅÅ-MM (annars förra månaden)")
        which.add_argument("--all", action="store_true", help="Alla avslutade månader med ärenden")

    def handle(self, *args, **options):
        latest = previous_complete_month(timezone.localdate())
        if options["all"]:
            first = Case.objects.order_by().aggregate(m=Min("opened_on"))["m"]
            months = []
            month = Month.of(first) if first else latest
            while month <= latest:
                months.append(month)
                month = month.shift(1)
        else:
            try:
                months = [Month.parse(options["month"])] if options["month"] else [latest]
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
            self.stdout.write(f"{month}: {len(unit_ids)} enheter, {perf_counter() - started:.1f} s")
