"""Django's `flush`, with a purge permit so the append-only triggers let the emptying through.

Django's test framework (TransactionTestCase) and the browser tests call `flush` to empty every table;
on SQLite that is DELETE FROM each table and on PostgreSQL TRUNCATE, both refused by the triggers of
bistand.lifecycle.immutability unless a permit exists. The permit lives inside the same transaction as
the emptying and is removed before it commits. This command replaces Django's (an app's command of the
same name takes precedence over the built-in one).
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from bistand.lifecycle.immutability import purge_permit


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options["database"]]
        with purge_permit("flush", connection=connection):
            return super().handle(**options)
