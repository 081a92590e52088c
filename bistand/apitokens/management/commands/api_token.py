"""`bistand api_token create|list|revoke`: API tokens for machine clients (the e-service, scheduled runs).

    bistand api_token create --name "E-tjänsten" --unit "Ekonomiskt bistånd Norr 1" --scope applications:write
    bistand api_token list
    bistand api_token revoke 3

The secret is printed once by `create` and cannot be shown again: only its SHA-256 digest is stored.
Creation and revocation are written to the audit log with the operating-system user who ran the command.
"""

import getpass

from django.core.management.base import BaseCommand, CommandError

from bistand.apitokens import tokens
from bistand.apitokens.models import ApiToken
from bistand.apitokens.scopes import SCOPES
from bistand.organisation.models import Unit


def _operator() -> str:
    try:
        return f"kommandoraden ({getpass.getuser()})"
    except Exception:  # no user name in some containers
        return "kommandoraden"


class Command(BaseCommand):
    help = "Skapar, listar och återkallar API-nycklar för maskinklienter."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel (hemligheten visas en gång).")
        create.add_argument("--name", required=True, help="Vilken klient nyckeln är till.")
        create.add_argument("--unit", required=True, help="Enhetens namn eller id.")
        create.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=sorted(SCOPES),
            help="Behörighet (kan upprepas).",
        )
        sub.add_parser("list", help="Lista nycklarna.")
        revoke = sub.add_parser("revoke", help="Återkalla en nyckel.")
        revoke.add_argument("token_id", type=int, help="Nyckelns id (se list).")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, name: str, unit: str, scope: list[str], **options):
        found = Unit.objects.filter(pk=int(unit)).first() if unit.isdigit() else None
        found = found or Unit.objects.filter(name=unit).first()
        if found is None:
            raise CommandError(f"Det finns ingen enhet som heter ”{unit}”.")
        try:
            new = tokens.create_token(name, found, scope, created_by=_operator())
        except tokens.TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Skapade {new.token.label} (id {new.token.pk}) för {found.name}.")
        self.stdout.write("Nyckeln visas bara nu. Spara den i klientens hemlighetshantering:")
        self.stdout.write(new.secret)

    def _list(self, **options):
        for token in ApiToken.objects.select_related("unit"):
            state = f"återkallad {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "aktiv"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "aldrig"
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{token.name}\t{token.unit.name}\t"
                f"{','.join(token.scopes)}\t{state}\tsenast använd {used}"
            )

    def _revoke(self, token_id: int, **options):
        token = ApiToken.objects.filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"Det finns ingen API-nyckel med id {token_id}.")
        try:
            tokens.revoke_token(token, revoked_by=_operator())
        except tokens.TokenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Återkallade {token.label}.")
