"""One monthly run of one municipality, recorded step by step in a MonthlyRun row.

    calculate (every received application of the month without a current calculation)
    → decide (every registered MONTHLY_RUN_DECIDERS function; none registered: nothing is decided)
    → pay (the month's decisions without a payment) → export (the bank file for the pay date)

Started from `bistand monthly_run --month YYYY-MM` or by a unit manager in the web application (then as
a background task: bistand.monthly.tasks). A rerun is a new row and continues from what is stored: a
killed run leaves committed chunks, an unfinished payment batch at most, and the next run completes it
(bistand.monthly.steps, bistand.payments.export).
"""

from __future__ import annotations

import os
import socket
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bistand.audit import audit
from bistand.monthly import steps
from bistand.monthly.models import MonthlyRun, RunStatus, RunStep
from bistand.payments.bankdays import pay_date_for
from bistand.payments.crashpoints import crash_point
from bistand.payments.export import export_payments

STALE_AFTER = timedelta(minutes=10)  # a run on another machine without a sign of life for this long is dead


def payment_dir() -> Path:
    return Path(settings.BISTAND_PAYMENT_DIR)


def default_pay_date(month: date) -> date:
    """The regular pay day while it is ahead; after it, the next bank day (as for a decision made today)."""
    return pay_date_for(month, timezone.localdate())


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def _process_alive(worker: str) -> bool | None:
    """True/False for a process on this machine; None when it ran elsewhere (cannot tell)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_interrupted(municipality, month: date) -> None:
    """Earlier runs of the month that are still marked running but whose process is gone."""
    now = timezone.now()
    for run in MonthlyRun.objects.filter(municipality=municipality, month=month, status=RunStatus.RUNNING):
        alive = _process_alive(run.worker)
        if alive is False or (alive is None and (run.heartbeat_at or run.created_at) < now - STALE_AFTER):
            MonthlyRun.objects.filter(pk=run.pk).update(status=RunStatus.INTERRUPTED)


def active_run(municipality, month: date) -> MonthlyRun | None:
    mark_interrupted(municipality, month)
    return (
        MonthlyRun.objects.filter(
            municipality=municipality, month=month, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
        )
        .order_by("-id")
        .first()
    )


def create_run(municipality, month: date, pay_date: date | None = None, staff=None) -> MonthlyRun:
    month = month.replace(day=1)
    return MonthlyRun.objects.create(
        municipality=municipality, month=month, pay_date=pay_date or default_pay_date(month), started_by=staff
    )


def _record(run: MonthlyRun, **fields) -> None:
    """Write counts and the step on the run at once (its own small transaction: progress shows live)."""
    fields["heartbeat_at"] = timezone.now()
    for name, value in fields.items():
        setattr(run, name, value)
    MonthlyRun.objects.filter(pk=run.pk).update(**fields)


def execute(run: MonthlyRun, out_dir: Path | None = None) -> MonthlyRun:
    """Run every step for `run`; the run row says how it went (also when a step fails)."""
    municipality, month = run.municipality, run.month
    mark_interrupted(municipality, month)
    _record(run, status=RunStatus.RUNNING, started_at=timezone.now(), worker=this_worker())
    problems: list[str] = []
    try:
        _record(run, step=RunStep.CALCULATE)
        counts = steps.calculate(
            municipality,
            month,
            lambda received=None, **c: _record(
                run,
                **({"received": received} if received is not None else {}),
                **{k if k != "errors" else "calculation_errors": v for k, v in c.items()},
            ),
        )
        problems += counts.problems

        _record(run, step=RunStep.DECIDE)
        decided, left = steps.decide(municipality, month)
        _record(run, decided=decided, left_for_people=left)
        crash_point("monthly_after_decide")

        _record(run, step=RunStep.PAY)
        to_pay, paid, refused, more = steps.pay(municipality, month, lambda **c: _record(run, **c))
        problems += more
        _record(run, to_pay=to_pay, paid=paid, payments_refused=refused)

        _record(run, step=RunStep.EXPORT)
        results = export_payments(
            run.pay_date,
            out_dir or payment_dir(),
            staff=run.started_by,
            file_format=municipality.bank_file_format,
        )
        _record(
            run,
            exported=sum(r.line_count for r in results),
            exported_total=sum(r.total_amount for r in results),
            files="\n".join(f"{r.path.name} ({r.message_id})" for r in results),
        )
    except Exception as exc:
        problems.append(f"Körningen stoppades: {exc}")
        _record(run, status=RunStatus.FAILED, finished_at=timezone.now(), problems="\n".join(problems))
        raise
    _record(
        run,
        status=RunStatus.FINISHED,
        step=RunStep.DONE,
        finished_at=timezone.now(),
        problems="\n".join(problems),
    )
    with transaction.atomic():
        staff = run.started_by
        audit.record(
            action=audit.AuditAction.MONTHLY_RUN,
            user=staff.user if staff else None,
            staff=staff,
            what=(
                f"Månadskörning {month:%Y-%m} för {municipality.name}: {run.calculated} beräknade, "
                f"{run.decided} beslutade automatiskt, {run.paid} utbetalningar, {run.exported} i bankfil"
            ),
        )
    return run
