"""The bank file export: documented format, never a payment twice, safe to rerun after a crash."""

import csv
import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bistand.cases.models import Payment
from bistand.payments import export
from bistand.payments.creation import create_payments
from bistand.payments.export import export_payments
from bistand.payments.models import BatchConfirmation, PaymentBatch, PaymentBatchLine
from bistand.people.models import ProtectedIdentity
from tests.casework.factories import make_person, make_unit, single_household
from tests.casework.test_payments import make_decision

pytestmark = pytest.mark.django_db

PAY_DAY = date(2026, 6, 25)  # Thursday, the regular pay day for July 2026


def paid_case(unit, first_name, total, **person_fields):
    person_fields.setdefault("bank_clearing", "8327")
    person_fields.setdefault("bank_account", "1234567")
    person = make_person(first_name=first_name, last_name="Test", **person_fields)
    case, _ = single_household(unit, person=person)
    return create_payments(make_decision(case, total))[0]


@pytest.fixture
def unit():
    return make_unit()


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_one_file_with_a_header_and_one_line_per_payment(unit, tmp_path):
    a = paid_case(unit, "Anna", 11_600)
    b = paid_case(unit, "Björn", 5_480)
    [result] = export_payments(PAY_DAY, tmp_path)
    rows = read_rows(result.path)
    assert rows[0] == export.COLUMNS
    assert rows[1] == [
        "1",
        a.key,
        "2026-06-25",
        "Anna Test",
        "8327",
        "1234567",
        "11600",
        "2026-07",
        "Ekonomiskt bistånd 2026-07",
        # The batch's message identifier: BISTAND-<pay date YYYYMMDD>-<batch id, 6 digits>.
        f"BISTAND-20260625-{result.batch.pk:06d}",
    ]
    assert rows[2][1] == b.key and rows[2][6] == "5480"
    assert len(rows) == 3
    # 11 600 + 5 480 = 17 080
    assert (result.line_count, result.total_amount) == (2, 17_080)
    confirmation = BatchConfirmation.objects.get(batch=result.batch)
    assert confirmation.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert result.path.read_bytes().decode("utf-8").startswith("rad;")  # UTF-8 without BOM


def test_running_again_exports_nothing_twice(unit, tmp_path):
    paid_case(unit, "Anna", 11_600)
    export_payments(PAY_DAY, tmp_path)
    assert export_payments(PAY_DAY, tmp_path) == []
    assert PaymentBatch.objects.count() == 1
    assert PaymentBatchLine.objects.count() == 1


def test_payments_not_due_without_account_or_negative_are_left_out(unit, tmp_path):
    due = paid_case(unit, "Anna", 1_000)
    no_account = paid_case(unit, "Bo", 2_000, bank_clearing="", bank_account="")
    later_person = make_person(first_name="Cecilia", bank_account="55555")
    later_case, _ = single_household(unit, person=later_person)
    later = create_payments(make_decision(later_case, 3_000, month=date(2026, 8, 1)))[0]  # pay day 24 July
    negative = Payment.objects.create(
        key="X-neg",
        case=due.case,
        decision=due.decision,
        month=due.month,
        amount=-600,
        pay_date=PAY_DAY,
        recipient_name="Anna Test",
        recipient_account="8327-1234567",
        corrects=due,  # a lowering correction of Anna's payment, as creation records it
    )
    [result] = export_payments(PAY_DAY, tmp_path)
    keys = [row[1] for row in read_rows(result.path)[1:]]
    assert keys == [due.key]
    assert list(export.payments_without_account(PAY_DAY)) == [no_account]
    assert not PaymentBatchLine.objects.filter(payment__in=[later, negative, no_account]).exists()


def test_a_missed_day_is_caught_up_in_the_next_file(unit, tmp_path):
    early = paid_case(unit, "Anna", 1_000)  # due 25 June
    [result] = export_payments(date(2026, 6, 26), tmp_path)
    rows = read_rows(result.path)
    assert rows[1][1] == early.key and rows[1][2] == "2026-06-26"


def test_a_protected_persons_address_never_reaches_the_file(unit, tmp_path):
    paid_case(
        unit,
        "Dana",
        7_000,
        protected_identity=ProtectedIdentity.PROTECTED_REGISTRATION,
        street_address="Hemliga gatan 7",
        postal_code="11122",
        city="Gömstad",
    )
    [result] = export_payments(PAY_DAY, tmp_path)
    text = result.path.read_text(encoding="utf-8")
    assert "Dana Test" in text
    for secret in ("Hemliga", "11122", "Gömstad"):
        assert secret not in text


def _crash_half_way(temp, content):
    with open(temp, "w", encoding="utf-8") as fh:
        fh.write(content[: len(content) // 2])
    raise OSError("disk full (simulated)")


def test_an_interrupted_export_is_completed_with_the_same_batch_and_no_duplicates(
    unit, tmp_path, monkeypatch
):
    a = paid_case(unit, "Anna", 11_600)
    b = paid_case(unit, "Björn", 5_480)
    monkeypatch.setattr(export, "_write_temp", _crash_half_way)
    with pytest.raises(OSError):
        export_payments(PAY_DAY, tmp_path)
    # The batch rows were committed before the file; no file, no confirmation, no leftover temp file.
    batch = PaymentBatch.objects.get()
    assert not batch.is_confirmed
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()

    c = paid_case(unit, "Cecilia", 2_000)  # arrives between the crash and the rerun
    results = export_payments(PAY_DAY, tmp_path)
    assert [r.rewritten for r in results] == [True, False]
    assert results[0].batch == batch
    first_keys = [row[1] for row in read_rows(results[0].path)[1:]]
    second_keys = [row[1] for row in read_rows(results[1].path)[1:]]
    assert first_keys == [a.key, b.key]
    assert second_keys == [c.key]
    assert Payment.objects.count() == 3
    assert PaymentBatchLine.objects.count() == 3  # each payment on exactly one line
    assert BatchConfirmation.objects.count() == 2
    assert export_payments(PAY_DAY, tmp_path) == []


def test_a_crash_after_the_rename_rewrites_the_identical_file(unit, tmp_path, monkeypatch):
    paid_case(unit, "Anna", 11_600)

    def crash(*args, **kwargs):
        raise RuntimeError("power cut (simulated)")

    monkeypatch.setattr(BatchConfirmation.objects, "create", crash)
    with pytest.raises(RuntimeError):
        export_payments(PAY_DAY, tmp_path)
    [path] = tmp_path.iterdir()
    before = path.read_bytes()
    monkeypatch.undo()
    [result] = export_payments(PAY_DAY, tmp_path)
    assert result.rewritten and result.path == path
    assert path.read_bytes() == before
    assert result.batch.is_confirmed
    assert PaymentBatch.objects.count() == 1


def test_the_command(unit, tmp_path):
    paid_case(unit, "Anna", 11_600)
    out = StringIO()
    call_command("export_payments", "--pay-date", "2026-06-25", "--out", str(tmp_path), stdout=out)
    assert "1 utbetalningar, 11\u00a0600\u00a0kr" in out.getvalue()
    out = StringIO()
    call_command("export_payments", "--pay-date", "2026-06-25", "--out", str(tmp_path), stdout=out)
    assert "Inga nya utbetalningar" in out.getvalue()
    with pytest.raises(CommandError, match="ingen bankdag"):
        call_command("export_payments", "--pay-date", "2026-06-19", "--out", str(tmp_path))  # midsommarafton


def test_the_export_audit_row_names_every_case_in_the_file(unit, tmp_path):
    from bistand.audit.models import AuditEvent

    a = paid_case(unit, "Anna", 11_600)
    b = paid_case(unit, "Björn", 5_480)
    export_payments(PAY_DAY, tmp_path)
    event = AuditEvent.objects.get(action="export")
    assert set(event.case_links.values_list("case_id", flat=True)) == {a.case_id, b.case_id}
