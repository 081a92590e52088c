"""`bistand whatif SCENARIO --month YYYY-MM [--xlsx FILE] [--cap-amounts 30000,32000] [--workers N]`.

SCENARIO is a scenario file (.toml or .json) or the name of a ready scenario (bistand/whatif/scenarios/).
Prints the same suppressed figures as the page /statistik/konsekvensanalys/ and can write the Excel file.
"""

from django.core.management.base import BaseCommand, CommandError

from bistand.rules.months import InvalidMonth, parse_input
from bistand.whatif.excel import HEADLINE, write_xlsx
from bistand.whatif.scenario import ScenarioError, load_scenario, parse_amounts
from bistand.whatif.service import run_scenario


class Command(BaseCommand):
    help = "Kör ett scenario (ändrade regler) på varje hushålls senaste ansökan och visar vad det kostar."

    def add_arguments(self, parser):
        parser.add_argument("scenario", help="Scenariofil (.toml/.json) eller namnet på ett färdigt scenario")
        parser.add_argument("--month", required=True, help="Månad, ÅÅÅÅ-MM")
        parser.add_argument("--cap-amounts", help="Bidragstakets belopp i kr per månad, kommaseparerade")
        parser.add_argument("--xlsx", help="Excelfil att skriva")
        parser.add_argument("--workers", type=int, default=1, help="Antal processer (standard 1)")

    def handle(self, *args, **options):
        try:
            month = parse_input(options["month"])
        except InvalidMonth as exc:
            raise CommandError(str(exc)) from exc
        try:
            scenario = load_scenario(options["scenario"])
            if options["cap_amounts"]:
                scenario = scenario.with_cap_amounts(parse_amounts(options["cap_amounts"]))
            run = run_scenario(scenario, month, workers=options["workers"])
        except ScenarioError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        out = self.stdout.write
        out(f"{scenario.name} – {month.label}")
        for change in scenario.changes():
            out(f"  {change}")
        for key, label in HEADLINE:
            out(f"{label}: {run.summary.headline[key].text}")
        if run.left_out:
            out(f"{run.left_out} ansökningar kunde inte beräknas och ingår inte.")
        out("Förändring per hushåll:")
        for row in run.summary.bands:
            out(f"  {row.name}: {row.households.text} hushåll, {row.change.text} kr")
        if options["xlsx"]:
            write_xlsx(run.summary, scenario, month.label, run.left_out, options["xlsx"])
            out(f"Skrev {options['xlsx']}")
