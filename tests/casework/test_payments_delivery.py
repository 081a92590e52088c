"""Payment files are delivered once: a stable message identifier, exact confirmations, kills and concurrent runs.

The kill tests run the real management command as a subprocess and make it die hard (os._exit) at each
named step of the export (bistand.payments.crashpoints), then run it again.
"""

import hashlib

import pytest

from bistand.cases.models import Payment
from bistand.payments import crashpoints, export
from bistand.payments.export import export_payments
from bistand.payments.models import BatchConfirmation, PaymentBatch, PaymentBatchLine
from tests.casework.concurrency import SharedDatabase, at_once
from tests.casework.factories import make_unit
from tests.casework.test_payments_export import PAY_DAY, paid_case, read_rows

# Three payments; 11 600 + 5 480 + 2 000 = 19 080 kr.
AMOUNTS = (("Anna", 11_600), ("Björn", 5_480), ("Cecilia", 2_000))
TOTAL = 19_080


def three_payments():
    unit = make_unit()
    return [paid_case(unit, name, amount) for name, amount in AMOUNTS]


def delivered(folder):
    """The files a bank's transport would pick up: every file whose name does not start with a dot."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def assert_delivered_once(folder, payments):
    """Exactly one file, one message identifier, every payment on exactly one line, as confirmed."""
    [path] = delivered(folder)
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []  # no temporary files left
    batch = PaymentBatch.objects.get()
    rows = read_rows(path)
    assert rows[0] == export.COLUMNS
    keys = [row[1] for row in rows[1:]]
    assert sorted(keys) == sorted(p.key for p in payments)
    assert len(keys) == len(set(keys))
    assert {row[9] for row in rows[1:]} == {batch.message_id}
    assert batch.message_id == f"BISTAND-20260625-{batch.pk:06d}"
    confirmation = BatchConfirmation.objects.get()
    assert confirmation.batch == batch
    assert (confirmation.file_name, confirmation.message_id) == (path.name, batch.message_id)
    assert (confirmation.line_count, confirmation.total_amount) == (3, TOTAL)
    assert confirmation.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert PaymentBatchLine.objects.count() == 3
    return path


@pytest.mark.django_db
def test_the_confirmation_records_what_was_handed_over(tmp_path):
    payments = three_payments()
    [result] = export_payments(PAY_DAY, tmp_path)
    assert result.message_id == result.batch.message_id
    assert result.path == assert_delivered_once(tmp_path, payments)


@pytest.mark.django_db
def test_a_file_already_in_place_is_confirmed_not_written_again(tmp_path, monkeypatch):
    payments = three_payments()

    def power_cut(*args, **kwargs):
        raise RuntimeError("power cut (simulated)")

    monkeypatch.setattr(BatchConfirmation.objects, "create", power_cut)
    with pytest.raises(RuntimeError):
        export_payments(PAY_DAY, tmp_path)
    monkeypatch.undo()
    [path] = delivered(tmp_path)
    before = path.stat()
    [result] = export_payments(PAY_DAY, tmp_path)
    after = path.stat()
    assert result.rewritten and result.already_in_place
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not touched
    assert_delivered_once(tmp_path, payments)


@pytest.mark.django_db
def test_a_different_file_under_the_batchs_name_is_never_overwritten(tmp_path, monkeypatch):
    three_payments()
    monkeypatch.setattr(
        export, "_write_temp", lambda temp, content: (_ for _ in ()).throw(OSError("disk full"))
    )
    with pytest.raises(OSError):
        export_payments(PAY_DAY, tmp_path)
    monkeypatch.undo()
    batch = PaymentBatch.objects.get()
    stranger = tmp_path / batch.file_name
    stranger.write_text("något annat\n", encoding="utf-8")
    with pytest.raises(export.ExportError, match="annat innehåll"):
        export_payments(PAY_DAY, tmp_path)
    assert stranger.read_text(encoding="utf-8") == "något annat\n"
    assert not BatchConfirmation.objects.exists()


@pytest.mark.django_db
def test_each_run_writes_under_its_own_temporary_name(tmp_path, monkeypatch):
    three_payments()
    seen = []
    real = export._write_temp

    def spy(temp, content):
        seen.append(temp)
        real(temp, content)

    monkeypatch.setattr(export, "_write_temp", spy)
    export.write_atomically(tmp_path / "a.csv", "x\n")
    export.write_atomically(tmp_path / "a.csv", "x\n")
    assert len(seen) == 2 and seen[0] != seen[1]
    assert all(t.parent == tmp_path and t.name.startswith(".a.csv.") for t in seen)


# --- killed at every step, then run again (a subprocess, so the kill is real) ------------------------


@pytest.fixture
def shared(transactional_db, tmp_path):
    return SharedDatabase(tmp_path)


def export_command(shared, out, **env):
    return shared.run("export_payments", "--pay-date", "2026-06-25", "--out", str(out), **env)


@pytest.mark.concurrency
@pytest.mark.parametrize("step", crashpoints.STEPS)
def test_killed_at_any_step_the_rerun_delivers_exactly_one_file(step, shared, tmp_path):
    payments = three_payments()
    out = tmp_path / "ut"
    shared.publish()
    killed = export_command(shared, out, BISTAND_CRASH_AT=step)
    assert killed.returncode == crashpoints.EXIT_CODE, killed.stderr
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    final = [n for n in names if not n.startswith(".")]
    temporary = [n for n in names if n.startswith(".")]
    if step == "after_batch":
        assert names == []
    elif step == "after_temp":
        assert final == [] and len(temporary) == 1 and temporary[0].endswith(".tmp")
    else:
        assert len(final) == 1 and temporary == []
    before = (out / final[0]).stat() if final else None

    rerun = export_command(shared, out)
    assert rerun.returncode == 0, rerun.stderr
    shared.collect()
    path = assert_delivered_once(out, payments)
    if step == "after_replace":
        # The file the killed run put in place is confirmed as it is, not written a second time.
        assert "fanns redan på plats" in rerun.stdout
        assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    if step == "after_confirm":
        assert "Inga nya utbetalningar" in rerun.stdout

    again = export_command(shared, out)
    assert again.returncode == 0 and "Inga nya utbetalningar" in again.stdout
    shared.collect()
    assert_delivered_once(out, payments)


@pytest.mark.concurrency
def test_concurrent_reruns_after_a_kill_deliver_one_file(shared, tmp_path):
    payments = three_payments()
    out = tmp_path / "ut"
    shared.publish()
    killed = export_command(shared, out, BISTAND_CRASH_AT="after_temp")
    assert killed.returncode == crashpoints.EXIT_CODE, killed.stderr
    runs = [shared.start("export_payments", "--pay-date", "2026-06-25", "--out", str(out)) for _ in range(3)]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    shared.collect()
    assert_delivered_once(out, payments)
    # Exactly one of the three reports the file; the others found it handed over already.
    assert sum("meddelande-id" in stdout for stdout, _ in outputs) == 1


@pytest.mark.concurrency
def test_concurrent_exports_in_threads_deliver_each_payment_once(transactional_db, tmp_path):
    payments = three_payments()
    outcomes = at_once(*[lambda: export_payments(PAY_DAY, tmp_path) for _ in range(4)])
    assert [o.error for o in outcomes] == [None] * 4
    assert sum(len(o.value) for o in outcomes) == 1  # one run handed the file over, the others had nothing
    assert_delivered_once(tmp_path, payments)
    assert Payment.objects.count() == 3


def test_crash_points_are_ignored_outside_a_test_database(monkeypatch):
    monkeypatch.setenv(crashpoints.ENV, "after_batch")
    monkeypatch.setattr(crashpoints, "_on_test_database", lambda: False)
    crashpoints.crash_point("after_batch")  # returns: a production database is never stopped
