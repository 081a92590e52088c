"""`bistand socialstyrelsen_delivery --month YYYY-MM --out FILE`: the month's file for Socialstyrelsen.

Format and open questions: docs/socialstyrelsen-delivery.md. The file holds personnummer; write it only
to a protected place and delete it once delivered. Each run is written to the audit log.
"""

from django.core.management.base import BaseCommand, CommandError

from bistand.audit import audit
from bistand.cases.models import Payment
from bistand.organisation.models import Municipality
from bistand.rules.months import InvalidMonth, parse_input
from bistand.statistics.socialstyrelsen import delivery_text, households_for_month


class Command(BaseCommand):
    help = (
        "Skriver månadens uppgifter till Socialstyrelsens register över ekonomiskt bistånd (HSLF-FS 2015:30)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Månad, ÅÅÅÅ-MM")
        parser.add_argument("--out", required=True, help="Fil att skriva (CSV, UTF-8, semikolon)")
        parser.add_argument("--municipality", help="Kommunkod (fyra siffror) om databasen har flera kommuner")

    def handle(self, *args, **options):
        try:
            month = parse_input(options["month"])
        except InvalidMonth as exc:
            raise CommandError(str(exc)) from exc
        municipalities = Municipality.objects.order_by("pk")
        if options.get("municipality"):
            municipalities = municipalities.filter(municipality_code=options["municipality"])
        municipality = municipalities.first()
        if municipality is None:
            raise CommandError("Ingen kommun hittades.")
        text = delivery_text(month, municipality)
        with open(options["out"], "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        rows = text.count("\r\n") - 1
        households = [h.household_id for h in households_for_month(month, municipality)]
        audit.record(  # linked to the cases of the households in the file, for the search by person
            action=audit.AuditAction.EXPORT,
            what=f"Leverans till Socialstyrelsen {month} ({rows} rader)",
            path="cli",
            cases=Payment.objects.filter(month=month.first, case__household_id__in=households)
            .values_list("case_id", flat=True)
            .distinct(),
        )
        self.stdout.write(f"Skrev {rows} rader för {month} till {options['out']}")
