"""Plain SQL cannot change or delete the legal records; only a purge permit (gallring, flush) can."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from bistand.audit.models import AuditEvent
from bistand.cases.models import Decision, Payment
from bistand.lifecycle.immutability import APPEND_ONLY_TABLES, installed_triggers, purge_permit
from bistand.lifecycle.models import PurgeLog
from tests.casework.factories import make_staff, make_unit
from tests.lifecycle.world import history, person_case


@pytest.fixture
def records(db):
    unit = make_unit()
    staff = make_staff(unit)
    _, case = person_case(unit, staff, date(1980, 3, 2), "Åke", "Ström", date(2024, 1, 2))
    history(case, staff, date(2024, 2, 1), date(2024, 1, 25))
    PurgeLog.objects.create(
        case_id=999, last_entry_on=date(2019, 1, 1), due_on=date(2024, 1, 1), as_of=date(2024, 1, 2),
        counts={}, rule_version="test", purged_by_name="test",
    )  # fmt: skip
    return case


def run(*statements: str, params=()) -> None:
    """Plain SQL in its own savepoint, so a refused statement leaves the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)


def one_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id) FROM {table}")
        return cursor.fetchone()[0]


def test_every_append_only_table_has_its_triggers(db):
    names = installed_triggers(connection)
    for table in APPEND_ONLY_TABLES:
        assert any(name.startswith(f"{table}_append_only") for name in names), table


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_plain_sql_update_is_refused(records, table):
    row = one_id(table)
    assert row is not None, f"the world has no row in {table}"
    with pytest.raises(IntegrityError, match="append_only"):
        run(f"UPDATE {table} SET id = id WHERE id = %s", params=[row])


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_plain_sql_delete_is_refused(records, table):
    row = one_id(table)
    with pytest.raises(IntegrityError, match="append_only"):
        run(f"DELETE FROM {table} WHERE id = %s", params=[row])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE id = %s", [row])
        assert cursor.fetchone()[0] == 1


def test_the_amount_of_a_decision_cannot_be_changed_by_sql(records):
    decision = Decision.objects.get(case=records)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_decision SET total_granted = 99999 WHERE id = %s", [decision.pk])
    assert Decision.objects.get(pk=decision.pk).total_granted == 10_720


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists only on PostgreSQL")
def test_truncate_is_refused_on_postgresql(records):
    with pytest.raises(IntegrityError, match="append_only"):
        # SET CONSTRAINTS first: TRUNCATE refuses tables with pending (deferred) foreign-key checks.
        run("SET CONSTRAINTS ALL IMMEDIATE", "TRUNCATE casework_auditevent CASCADE")


def test_a_permit_lets_the_deletion_through_and_does_not_outlive_its_transaction(records):
    audit_id = one_id("casework_auditevent")
    with purge_permit("test"), connection.cursor() as cursor:
        cursor.execute("UPDATE casework_auditevent SET case_id = NULL WHERE id = %s", [audit_id])
        cursor.execute("DELETE FROM casework_auditevent WHERE id = %s", [audit_id])
    assert not AuditEvent.objects.filter(pk=audit_id).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM lifecycle_purge_permit")
        assert cursor.fetchone()[0] == 0
    # …so the next statement is refused again.
    payment = Payment.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_payment WHERE id = %s", [payment.pk])


def test_a_failed_permitted_transaction_leaves_no_permit(records):
    with pytest.raises(RuntimeError), purge_permit("test"):
        raise RuntimeError("boom")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM lifecycle_purge_permit")
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_append_only_tables_and_keeps_the_triggers():
    """Django's flush (used between transactional tests and by the browser tests) still works."""
    unit = make_unit()
    staff = make_staff(unit)
    _, case = person_case(unit, staff, date(1980, 3, 2), "Åke", "Ström", date(2024, 1, 2))
    history(case, staff, date(2024, 2, 1), date(2024, 1, 25))
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert Decision.objects.count() == 0 and AuditEvent.objects.count() == 0
    for table in APPEND_ONLY_TABLES:
        assert any(name.startswith(f"{table}_append_only") for name in installed_triggers(connection))


@pytest.mark.django_db(transaction=True)
def test_the_browser_tests_round_trip_of_demo_city_flush_and_restore_works():
    """The same steps as tests/browser/conftest.py's demo_city fixture, without the browser."""
    migrated = connection.creation.serialize_db_to_string()
    call_command("build_demo", households=40, seed=5, verbosity=0)
    assert Decision.objects.exists() and Payment.objects.exists()
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated)
    assert not Decision.objects.exists() and not Payment.objects.exists()
    # The demo's own emptying (build_demo --flush) takes the permit too.
    call_command("build_demo", households=40, seed=5, verbosity=0)
    call_command("build_demo", households=40, seed=6, flush=True, verbosity=0)
    assert Decision.objects.exists()


def test_migrate_puts_back_a_trigger_that_a_table_rebuild_dropped(db):
    """SQLite drops a table's triggers when a migration rebuilds the table; every migrate reinstalls them."""
    name = (
        "cases_payment_append_only"
        if connection.vendor == "postgresql"
        else "cases_payment_append_only_delete"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP TRIGGER {name}" + (" ON cases_payment" if connection.vendor == "postgresql" else "")
        )
    assert name not in installed_triggers(connection)
    call_command("migrate", verbosity=0)
    assert name in installed_triggers(connection)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer; the other would wait")
@pytest.mark.django_db(transaction=True)
def test_another_session_cannot_use_a_permit_that_is_not_committed():
    """While gallring holds a permit in its transaction, a second database session is still refused."""
    from django.db import connections

    unit = make_unit()
    staff = make_staff(unit)
    _, case = person_case(unit, staff, date(1980, 3, 2), "Åke", "Ström", date(2024, 1, 2))
    history(case, staff, date(2024, 2, 1), date(2024, 1, 25))
    payment_id = Payment.objects.get().pk
    other = connections.create_connection("default")
    try:
        with purge_permit("test"):
            with pytest.raises(IntegrityError, match="append_only"), other.cursor() as cursor:
                cursor.execute("DELETE FROM cases_payment WHERE id = %s", [payment_id])
            with connection.cursor() as cursor:  # …while this session may
                cursor.execute("UPDATE cases_payment SET amount = amount WHERE id = %s", [payment_id])
    finally:
        other.close()
    assert Payment.objects.filter(pk=payment_id).exists()
