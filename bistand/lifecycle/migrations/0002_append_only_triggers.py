"""Database triggers that refuse UPDATE and DELETE on the legal records (bistand.lifecycle.immutability).

The SQL differs per database (PL/pgSQL function on PostgreSQL, WHEN-guarded triggers on SQLite), so the
operation checks the vendor and runs the matching statements; reversing drops triggers and permit table.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from bistand.lifecycle.immutability import install

    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        install(schema_editor.connection)


def backwards(apps, schema_editor):
    from bistand.lifecycle.immutability import uninstall

    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("lifecycle", "0001_purge_log_and_totals"),
        # After every migration that adds or rebuilds these tables, so the triggers are created last.
        ("cases", "0003_one_application_decision_payment_per_month_and_need"),
        ("casework", "0007_idempotent_api_requests"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
