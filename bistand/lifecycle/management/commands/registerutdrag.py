"""`bistand registerutdrag --personnummer ÅÅÅÅMMDDNNNN --user ANVÄNDARNAMN --out MAPP`.

Writes the register extract of one person (GDPR art. 15) as PDF and JSON. The user must be allowed to
produce it (a unit manager for the person's cases; see extract/service.py), and the extract is audited
in each case exactly as from the web page.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from bistand.casework.access import staff_for
from bistand.lifecycle.extract import service
from bistand.lifecycle.extract.views import NOT_FOUND


class Command(BaseCommand):
    help = "Tar fram registerutdrag (PDF och JSON) för en person enligt dataskyddsförordningen art. 15."

    def add_arguments(self, parser):
        parser.add_argument("--personnummer", required=True, help="Personens personnummer, ÅÅÅÅMMDDNNNN.")
        parser.add_argument(
            "--user", required=True, help="Användarnamn på enhetschefen som tar fram utdraget."
        )
        parser.add_argument("--out", required=True, help="Mapp där filerna skrivs.")

    def handle(self, *args, personnummer: str, user: str, out: str, **options):
        account = get_user_model().objects.filter(username=user).first()
        staff = staff_for(account) if account else None
        if not service.may_extract(staff):
            raise CommandError(
                f"”{user}” är inte en enhetschef i Bistånd och kan inte ta fram registerutdrag."
            )
        person = service.person_for(staff, personal_number=personnummer)
        if person is None:
            raise CommandError(NOT_FOUND)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in ("pdf", "json"):
            path = folder / f"registerutdrag-{person.pk}.{kind}"
            path.write_bytes(service.produce(person, staff, kind, path="cli"))
            self.stdout.write(str(path))
