"""Fast bulk inserts with explicit ids, and emptying the demo's tables.

The demo writes about 600 000 rows. The ORM's bulk_create spends most of its time building model
instances and, on SQLite, splits the rows into statements of 999 parameters; a plain `executemany`
(SQLite) or `COPY … FROM STDIN` (PostgreSQL) of prepared tuples is many times faster, which is what
lets the whole city be built in well under a minute. The ids are chosen by the demo (from the next
free id of each table), so related rows can be written without reading ids back; PostgreSQL's
sequences are moved past them afterwards. Values are adapted the way Django adapts them: dates and
aware datetimes through the backend's own adapters, JSON with json.dumps.

Nothing here bypasses a rule the models state for the database: the append-only guard forbids
changing or deleting records, and these are inserts of new rows.
"""

import json
from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from bistand.lifecycle.immutability import purge_permit


def next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _adapter(field) -> Callable | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return json.dumps
    return None


def insert(model: type[models.Model], names: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in the order of the field `names`) into the model's table; returns the count."""
    fields = [model._meta.get_field(n) for n in names]
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    def adapted():
        for row in rows:
            if adapters:
                row = list(row)
                for i, adapt in adapters:
                    if row[i] is not None:
                        row[i] = adapt(row[i])
            yield row

    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in adapted():
                    copy.write_row(row)
                    count += 1
        else:
            batch: list = []
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
            for row in adapted():
                batch.append(row)
                if len(batch) >= 20_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the ids written explicitly (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def demo_models() -> list[type[models.Model]]:
    """Every model whose rows belong to the demo, children before parents.

    The demo's roots are the users, the municipalities and the persons; every model that refers to one
    of them (directly or through another such model) belongs to it. Reference data that refers to none
    of them — the FIA life areas seeded by a migration, groups, permissions — is kept.
    """
    from django.contrib.auth.models import User

    from bistand.organisation.models import Municipality
    from bistand.people.models import Person

    everything = list(apps.get_models(include_auto_created=True))
    chosen: set = {User, Municipality, Person}
    changed = True
    while changed:
        changed = False
        for model in everything:
            if model in chosen:
                continue
            targets = {
                f.related_model for f in model._meta.concrete_fields if f.is_relation and f.related_model
            }
            if targets & chosen:
                chosen.add(model)
                changed = True
    # Order: a model is deleted before every model it refers to.
    ordered: list = []
    remaining = sorted(chosen, key=lambda m: m._meta.label)
    while remaining:
        for model in remaining:
            referrers = [
                other
                for other in remaining
                if other is not model
                and any(f.is_relation and f.related_model is model for f in other._meta.concrete_fields)
            ]
            if not referrers:
                ordered.append(model)
                remaining.remove(model)
                break
        else:  # a cycle between two tables (none today): delete the rest together
            ordered.extend(remaining)
            break
    return ordered


def empty_demo_tables() -> list[str]:
    """Delete every row that belongs to the demo (see demo_models) and the sessions; returns the tables."""
    ordered = demo_models()
    tables = [m._meta.db_table for m in ordered]
    quote = connection.ops.quote_name
    # Decisions, payments and the audit log are append-only in the database; emptying the demo is one of
    # the few deliberate deletions and takes a purge permit (bistand.lifecycle.immutability).
    with purge_permit("demo flush"), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in the same transaction still have deferred foreign-key checks
            # pending, which TRUNCATE refuses; running them now clears the queue.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)} RESTART IDENTITY")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")
            cursor.execute(
                f"DELETE FROM sqlite_sequence WHERE name IN ({', '.join(['%s'] * len(tables))})", tables
            )
        cursor.execute(f"DELETE FROM {quote('django_session')}")
    return tables
