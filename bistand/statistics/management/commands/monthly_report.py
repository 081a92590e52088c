"""`bistand monthly_report --month YYYY-MM [--district CODE] --xlsx FILE --csv FILE`.

Writes the monthly report (bistand.statistics.report) as Excel and/or CSV — the same numbers, with the
same small-group suppression, as the dashboards under /statistik/.
"""

from django.core.management.base import BaseCommand, CommandError

from bistand.organisation.models import District
from bistand.rules.months import InvalidMonth, parse_input
from bistand.statistics import exports
from bistand.statistics.report import build_monthly_report


class Command(BaseCommand):
    help = "Skriver månadsrapporten per stadsområde och enhet som Excel och/eller CSV."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Månad, ÅÅÅÅ-MM")
        parser.add_argument("--district", help="Stadsområdets kod (annars alla)")
        parser.add_argument("--xlsx", help="Excelfil att skriva")
        parser.add_argument("--csv", help="CSV-fil att skriva")

    def handle(self, *args, **options):
        try:
            month = parse_input(options["month"])
        except InvalidMonth as exc:
            raise CommandError(str(exc)) from exc
        if not options["xlsx"] and not options["csv"]:
            raise CommandError("Ange --xlsx och/eller --csv.")
        code, name = options.get("district"), None
        if code:
            district = District.objects.filter(code=code).first()
            if district is None:
                known = ", ".join(District.objects.order_by("code").values_list("code", flat=True))
                raise CommandError(f"Okänt stadsområde ”{code}”. Kända koder: {known or 'inga'}.")
            name = district.name
        # Always the whole city's report, so one district shows exactly what it shows in the full report.
        report = build_monthly_report(month)
        if options["xlsx"]:
            exports.write_xlsx(report, options["xlsx"], name)
            self.stdout.write(f"Skrev {options['xlsx']}")
        if options["csv"]:
            exports.write_csv(report, options["csv"], name)
            self.stdout.write(f"Skrev {options['csv']}")
