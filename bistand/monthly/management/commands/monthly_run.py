"""`bistand monthly_run --month YYYY-MM [--municipality REGELKOD] [--pay-date D] [--out DIR]`.

Calculates every received application of the month without a current calculation, lets the registered
automated decision functions decide, creates the payments of the month's decisions and writes the bank
file. Safe to run again at any time, also after the process was killed: it adds only what is missing.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bistand.monthly.run import create_run, execute
from bistand.organisation.models import Municipality
from bistand.payments.bankdays import is_bank_day
from bistand.rules.formatting import kr


def _month(value: str) -> date:
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError as exc:
        raise CommandError(f"”{value}” är inte en månad skriven ÅÅÅÅ-MM.") from exc


class Command(BaseCommand):
    help = "Månadskörningen: beräknar, beslutar där det är tillåtet, betalar ut och skriver bankfilen."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Månaden körningen avser, ÅÅÅÅ-MM.")
        parser.add_argument("--municipality", help="Kommunens regelkod (behövs bara om det finns flera).")
        parser.add_argument(
            "--pay-date", help="Utbetalningsdag ÅÅÅÅ-MM-DD (standard: kommunens utbetalningsdag)."
        )
        parser.add_argument("--out", help="Mapp för bankfilen (standard: BISTAND_PAYMENT_DIR).")

    def handle(self, *args, month, municipality=None, pay_date=None, out=None, **options):
        first = _month(month)
        municipalities = Municipality.objects.all()
        if municipality:
            municipalities = municipalities.filter(rules_code=municipality)
        found = list(municipalities[:2])
        if len(found) != 1:
            raise CommandError(
                "Ange kommunen med --municipality (regelkoden)." if found else "Kommunen finns inte."
            )
        day = None
        if pay_date:
            try:
                day = date.fromisoformat(pay_date)
            except ValueError as exc:
                raise CommandError(f"”{pay_date}” är inte ett datum skrivet ÅÅÅÅ-MM-DD.") from exc
            if not is_bank_day(day):
                raise CommandError(f"{day.isoformat()} är ingen bankdag.")
        run = create_run(found[0], first, day)
        try:
            execute(run, out_dir=out)
        except Exception as exc:
            raise CommandError(f"Månadskörningen stoppades: {exc}") from exc
        self.stdout.write(
            f"Månadskörning {first:%Y-%m} ({found[0].name}), utbetalningsdag {run.pay_date.isoformat()}:\n"
            f"  inkomna ansökningar: {run.received}, beräknade nu: {run.calculated}"
            f" (kunde inte beräknas: {run.calculation_errors})\n"
            f"  beslutade automatiskt: {run.decided}, kvar för handläggare: {run.left_for_people}\n"
            f"  utbetalningar skapade: {run.paid} (nekade: {run.payments_refused})\n"
            f"  i bankfil: {run.exported} utbetalningar, {kr(run.exported_total)}"
        )
        for name in filter(None, run.files.splitlines()):
            self.stdout.write(f"  fil: {name}")
        if not run.files:
            self.stdout.write("  Ingen ny bankfil: inga nya utbetalningar att exportera.")
        for problem in filter(None, run.problems.splitlines()):
            self.stderr.write(problem)
