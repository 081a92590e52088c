"""The audit log, the payment batches and the journal moved to their own apps without moving their tables.

The append-only triggers (bistand.lifecycle.immutability) name the tables, so the tables keep the names
they had in casework, and the migrations that moved the models change only Django's record of them.
"""

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, SeparateDatabaseAndState

from bistand.lifecycle.immutability import APPEND_ONLY_TABLES

MOVED = {
    "audit": {
        "AuditEvent": "casework_auditevent",
        "AuditEventCase": "casework_auditeventcase",
        "CaseAccessGrant": "casework_caseaccessgrant",
    },
    "payments": {
        "PaymentBatch": "casework_paymentbatch",
        "PaymentBatchLine": "casework_paymentbatchline",
        "BatchConfirmation": "casework_batchconfirmation",
        "ExportLock": "casework_exportlock",
        "PaymentReturn": "casework_paymentreturn",
    },
    "journal": {"JournalNote": "casework_journalnote"},
}
MOVES = [
    ("audit", "0001_initial"),
    ("payments", "0001_initial"),
    ("casework", "0010_audit_and_payments_move_to_their_apps"),
    ("journal", "0001_initial"),
    ("residentcomm", "0002_journal_note_moves_to_journal"),
    ("casework", "0011_journal_moves_to_its_app"),
]


def test_the_moved_models_keep_their_tables(db):
    tables = set(connection.introspection.table_names())
    for app_label, models in MOVED.items():
        for name, table in models.items():
            model = apps.get_model(app_label, name)
            assert model._meta.db_table == table
            assert table in tables
    assert not {t for t in tables if t.startswith(("audit_", "payments_", "journal_"))}


def test_the_append_only_tables_are_still_models_of_the_product(db):
    tables = {m._meta.db_table for m in apps.get_models()}
    assert set(APPEND_ONLY_TABLES) <= tables


def test_the_moving_migrations_touch_no_table(db):
    loader = MigrationLoader(connection)
    for key in MOVES:
        for operation in loader.disk_migrations[key].operations:
            if isinstance(operation, SeparateDatabaseAndState):
                assert operation.database_operations == []
            else:  # only the content types follow the models to their new app
                assert isinstance(operation, RunPython), (key, operation)
