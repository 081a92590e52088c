"""`bistand check`: from 1 November, warn while next year's riksnorm is missing or preliminary; at any
time, warn while this year's riksnorm is preliminary."""

import contextlib

from django.core import checks
from django.db import DatabaseError

from bistand.normtables import registry, status


@checks.register("bistand")
def next_year_tables(app_configs=None, **kwargs):
    with contextlib.suppress(DatabaseError):  # not migrated yet: the files alone decide
        registry.sync()
    return [
        checks.Warning(w.message, hint="För in tabellen: bistand import_table FIL", id=w.code)
        for w in status.next_year_warnings(status.today()) + status.current_year_warnings(status.today())
    ]
