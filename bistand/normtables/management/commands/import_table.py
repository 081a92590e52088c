"""`bistand import_table FIL`: enter a year's riksnorm or prisbasbelopp from a TOML or JSON file.

Exit status 0 when entered (the new versions, and the decisions to review when an official table
replaced a preliminary one, are printed); status 2 with every problem in Swedish when refused.
"""

import getpass
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from bistand.normtables import review, services


class Command(BaseCommand):
    help = "För in ett års riksnorm eller prisbasbelopp från en TOML- eller JSON-fil (samma form som i programmet)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FIL")
        parser.add_argument(
            "--anteckning", dest="note", default="", help="varför tabellen förs in eller rättas"
        )

    def handle(self, *args, file, note, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return self._refuse(["Filen är inte UTF-8-kodad text."])
        except OSError as exc:
            return self._refuse([f"Filen kan inte läsas: {exc.strerror or exc}."])
        try:
            result = services.import_text(
                text, path.name, note=note, via=f" med kommandot av {getpass.getuser()}"
            )
        except services.TableRefused as exc:
            return self._refuse(exc.errors)
        for version in result.versions:
            self.stdout.write(f"Infört: {version} (källa {version.source}).")
        if result.rechecked:
            for line in review.describe(result.as_review()):
                self.stdout.write(line)

    def _refuse(self, errors):
        self.stderr.write("Tabellen är inte införd:")
        for error in errors:
            self.stderr.write(f"  {error}")
        sys.exit(2)
