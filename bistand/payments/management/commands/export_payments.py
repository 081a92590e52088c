"""`bistand export_payments --pay-date YYYY-MM-DD --out DIR [--format csv|pain.001]`: write the bank file(s) for a pay date.

Safe to run again: payments already in a file are never exported again, and a run that was interrupted
is completed with the same file and message identifier (docs/payment-export.md, docs/payments.md).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bistand.payments.bankdays import is_bank_day
from bistand.payments.export import (
    CSV,
    FORMATS,
    ExportError,
    export_payments,
    payments_without_account,
    unfinished_batches,
)
from bistand.rules.formatting import kr


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"”{value}” är inte ett datum skrivet ÅÅÅÅ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Skriver utbetalningsfil(er) till banken för en utbetalningsdag. Kan köras om utan dubbletter."

    def add_arguments(self, parser):
        parser.add_argument("--pay-date", required=True, help="Utbetalningsdag, ÅÅÅÅ-MM-DD (en bankdag).")
        parser.add_argument("--out", required=True, help="Mapp där filen skrivs.")
        parser.add_argument(
            "--format",
            default=CSV,
            choices=sorted(FORMATS),
            dest="file_format",
            help="csv (standard) eller pain.001 (ISO 20022 pain.001.001.03, som svenska banker tar emot).",
        )

    def handle(self, *args, pay_date: str, out: str, file_format: str = CSV, **options):
        day = _date(pay_date)
        if not is_bank_day(day):
            raise CommandError(f"{day.isoformat()} är ingen bankdag. Välj en vardag som inte är helgdag.")
        try:
            results = export_payments(day, out, file_format=file_format)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        for result in results:
            note = ""
            if result.already_in_place:
                note = " (avbruten export slutförd; filen fanns redan på plats och skrevs inte igen)"
            elif result.rewritten:
                note = " (avbruten export slutförd, samma innehåll och meddelande-id)"
            self.stdout.write(
                f"{result.path}: meddelande-id {result.message_id}, {result.line_count} utbetalningar, "
                f"{kr(result.total_amount)}{note}"
            )
        if not results:
            self.stdout.write("Inga nya utbetalningar att exportera.")
        missing = list(payments_without_account(day).values_list("key", flat=True))
        if missing:
            self.stderr.write(
                f"{len(missing)} utbetalningar saknar kontonummer och exporterades inte: {', '.join(missing)}"
            )
        others = [b for b in unfinished_batches() if b.pay_date != day]
        for batch in others:
            self.stderr.write(
                f"Ofullständig fil från en avbruten export: {batch.file_name}. "
                f"Kör exporten igen med --pay-date {batch.pay_date.isoformat()}."
            )
