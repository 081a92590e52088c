"""`bistand review_decisions ÅR`: list the decisions of a year calculated with a preliminary table that the
official table now in use changes — for when the official table came with a new release of the program
rather than through `bistand import_table`. Running it again lists no decision twice.
"""

from django.core.management.base import BaseCommand, CommandError

from bistand.normtables import registry, review
from bistand.normtables.models import TableKind


class Command(BaseCommand):
    help = "Lista beslut som beräknades med en preliminär riksnorm eller ett preliminärt prisbasbelopp och som får ett annat belopp med den officiella tabellen."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, metavar="ÅR")

    def handle(self, *args, year, **options):
        registry.sync()
        for kind in TableKind:
            current = review.in_use(kind, year)
            if current is None:
                raise CommandError(f"{kind.label} för {year} saknas.")
            if review.is_preliminary(kind, current):
                self.stdout.write(f"{kind.label} {year} är fortfarande preliminär; inget att jämföra med.")
                continue
            self.stdout.write(f"{kind.label} {year}:")
            for line in review.describe(review.review_decisions(kind, year)):
                self.stdout.write(line)
