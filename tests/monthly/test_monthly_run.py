"""The monthly run end to end: calculates, calls the registered deciders, pays, exports; a rerun adds
nothing; killed at any step (a real subprocess ended with os._exit), a rerun gives exactly the same
payments and one bank file."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from bistand.cases.models import Calculation, Payment
from bistand.cases.services import build_request
from bistand.monthly.models import MonthlyRun, RunStatus
from bistand.monthly.requests import build_requests
from bistand.payments import crashpoints
from bistand.payments.models import BatchConfirmation, PaymentBatch, PaymentBatchLine
from tests.casework.concurrency import SharedDatabase
from tests.monthly import decider
from tests.monthly.world import EXPECTED_PAYMENTS, EXPECTED_TOTAL, MONTH, build_world


@pytest.fixture
def registered_decider():
    decider.register()
    yield
    decider.unregister()


def payments_by_name():
    return {p.recipient_name.split()[0]: p.amount for p in Payment.objects.all()}


def run_command(tmp_path):
    out = StringIO()
    call_command(
        "monthly_run", "--month", "2026-07", "--pay-date", "2026-06-25", "--out", str(tmp_path), stdout=out
    )
    return out.getvalue()


@pytest.mark.django_db
def test_the_run_calculates_decides_pays_and_writes_the_bank_file(tmp_path, registered_decider):
    _, applications = build_world()
    output = run_command(tmp_path)
    run = MonthlyRun.objects.get()
    assert run.status == RunStatus.FINISHED and run.finished_at is not None
    # Received: Anna, Bo, Cecilia (Dina was decided before); all three calculated now.
    assert (run.received, run.to_calculate, run.calculated, run.calculation_errors) == (3, 3, 3, 0)
    assert {c.application.case.applicant.first_name: c.assistance for c in Calculation.objects.all()} == {
        "Anna": 9_220,  # 5 220 + 4 000
        "Bo": 7_720,  # 5 220 + 3 500 − 1 000
        "Cecilia": 8_220,  # 5 220 + 3 000
    }
    # The decider decided Anna and Cecilia; Bo declared income and waits for a person.
    assert (run.decided, run.left_for_people) == (2, 1)
    applications["Bo"].refresh_from_db()
    assert applications["Bo"].status == "received"
    assert (run.to_pay, run.paid, run.payments_refused) == (3, 3, 0)
    assert payments_by_name() == EXPECTED_PAYMENTS
    assert {p.pay_date.isoformat() for p in Payment.objects.all()} == {"2026-06-25"}
    assert (run.exported, run.exported_total) == (3, EXPECTED_TOTAL)
    [path] = list(tmp_path.iterdir())
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter=";"))
    assert sorted(int(r[6]) for r in rows[1:]) == [6_000, 8_220, 9_220]
    assert "i bankfil: 3 utbetalningar" in output
    # The stored calculations are current by the decision service's own test (build_request).
    for calculation in Calculation.objects.select_related("application"):
        assert calculation.request == build_request(calculation.application)


@pytest.mark.django_db
def test_a_second_run_adds_nothing(tmp_path, registered_decider):
    build_world()
    run_command(tmp_path)
    before = (Calculation.objects.count(), Payment.objects.count(), PaymentBatch.objects.count())
    output = run_command(tmp_path)
    second = MonthlyRun.objects.order_by("id").last()
    assert (Calculation.objects.count(), Payment.objects.count(), PaymentBatch.objects.count()) == before
    assert (second.received, second.calculated, second.decided, second.paid, second.exported) == (
        1,
        0,
        0,
        0,
        0,
    )
    assert second.left_for_people == 1  # Bo still waits for a person
    assert "Ingen ny bankfil" in output
    assert MonthlyRun.objects.count() == 2


@pytest.mark.django_db
def test_without_deciders_nothing_is_decided_automatically(tmp_path):
    build_world()
    run_command(tmp_path)
    run = MonthlyRun.objects.get()
    assert (run.calculated, run.decided, run.left_for_people) == (3, 0, 3)
    assert payments_by_name() == {"Dina": 6_000}  # only what a person had decided
    assert run.exported == 1


@pytest.mark.django_db
def test_the_bulk_requests_equal_build_request(registered_decider):
    from bistand.cases.models import Application

    build_world()
    applications = list(
        Application.objects.select_related("case__household", "case__unit__district__municipality")
    )
    built = build_requests(applications, MONTH)
    assert built == {a.pk: build_request(a) for a in applications}


# --- killed at each step, then run again ------------------------------------------------------------

MONTHLY_STEPS = (
    "monthly_after_calculation_chunk",
    "monthly_after_decide",
    "monthly_after_payment_chunk",
    *crashpoints.STEPS,
)


class DeciderDatabase(SharedDatabase):
    """The command in a subprocess with the test decider registered, and two items per chunk, so a kill
    after the first chunk leaves a step half done."""

    def command(self, *args):
        code = (
            "import sys; from tests.monthly import decider; decider.register(); "
            "from bistand.cli import main; sys.exit(main())"
        )
        return [__import__("sys").executable, "-c", code, *args]

    def environment(self, **extra):
        return super().environment(BISTAND_MONTHLY_CHUNK="2", **extra)


@pytest.mark.concurrency
@pytest.mark.parametrize("step", MONTHLY_STEPS)
def test_killed_at_any_step_the_rerun_gives_exactly_the_same_payments(step, transactional_db, tmp_path):
    build_world()
    shared = DeciderDatabase(tmp_path)
    out = tmp_path / "ut"
    args = ("monthly_run", "--month", "2026-07", "--pay-date", "2026-06-25", "--out", str(out))
    shared.publish()
    killed = shared.run(*args, BISTAND_CRASH_AT=step)
    assert killed.returncode == crashpoints.EXIT_CODE, killed.stderr
    rerun = shared.run(*args)
    assert rerun.returncode == 0, rerun.stderr
    again = shared.run(*args)
    assert again.returncode == 0 and "Ingen ny bankfil" in again.stdout, again.stdout
    shared.collect()

    assert payments_by_name() == EXPECTED_PAYMENTS
    # One calculation per received application, however often the step was cut off.
    assert sorted(Calculation.objects.values_list("application_id", flat=True)) == sorted(
        set(Calculation.objects.values_list("application_id", flat=True))
    )
    assert Calculation.objects.count() == 3
    [path] = [p for p in out.iterdir()]
    batch = PaymentBatch.objects.get()
    assert PaymentBatchLine.objects.count() == 3
    assert BatchConfirmation.objects.get().total_amount == EXPECTED_TOTAL
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter=";"))
    assert {r[9] for r in rows[1:]} == {batch.message_id}
    assert sorted(int(r[6]) for r in rows[1:]) == [6_000, 8_220, 9_220]
    runs = list(MonthlyRun.objects.order_by("id"))
    assert [r.status for r in runs] == [RunStatus.INTERRUPTED, RunStatus.FINISHED, RunStatus.FINISHED]
