"""`bistand build_demo`: build the demo city Demostad (see bistand/demo/build.py and USERS.md)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bistand.demo.build import build_demo


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"”{text}” är ingen månad. Skriv ÅÅÅÅ-MM, till exempel 2026-11.") from exc


class Command(BaseCommand):
    help = (
        "Bygger demostaden Demostad: fem stadsområden, cirka 40 socialsekreterare och 3\u00a0000 hushåll med "
        "36 månaders historik. Samma frö ger samma stad."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Slumpfrö (standard 2026).")
        parser.add_argument("--households", type=int, default=3000, help="Antal hushåll (standard 3000).")
        parser.add_argument(
            "--as-of",
            dest="as_of",
            default=None,
            help="Sista månaden i historiken, ÅÅÅÅ-MM (standard: denna månad).",
        )
        parser.add_argument("--flush", action="store_true", help="Töm databasen på demodata först.")

    def handle(self, *args, seed: int, households: int, as_of: str | None, flush: bool, **options):
        if households < 10:
            raise CommandError("Demostaden behöver minst 10 hushåll.")
        month = _month(as_of) if as_of else timezone.localdate().replace(day=1)
        build_demo(seed, households, month, flush, self._out)

    def _out(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
