"""Benchmark: the whole monthly run for a 20 000-household city on PostgreSQL (not a timed test).

    BISTAND_DEBUG=1 .venv/bin/python benchmarks/monthly_run_bench.py --source bistand_perf --month 2026-12

Copies the source database (a demo city built with `bistand build_demo --households 20000`) to a
scratch database (`createdb -T`; not timed), removes the month's calculations there so that every
received application must be calculated, gives the municipality a (fake) payer account, and runs
`bistand.monthly.run.execute` in this process: calculate → decide → pay → export (pain.001). Prints the
wall time and the number of queries of each step and of the parts of the calculation step.

No automated decision function is part of this branch; with `--decider stand-in` (the default) a
stand-in grants every calculated application in bulk, so the payment and export steps have a full
month of work. Its time is shown on its own line and is not the real decider's cost.
Target on a 2-core machine: under 60 s for the whole run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SERVER = "postgres://postgres@127.0.0.1:5432"
timings: dict[str, float] = defaultdict(float)
queries: dict[str, int] = defaultdict(int)
current: list[str] = []


def count_queries(execute, sql, params, many, context):
    if current:
        queries[current[-1]] += 1
    return execute(sql, params, many, context)


@contextmanager
def timed(name: str):
    current.append(name)
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] += time.perf_counter() - start
        current.pop()


def wrap(module, attribute: str, name: str):
    original = getattr(module, attribute)

    def wrapper(*args, **kwargs):
        with timed(name):
            return original(*args, **kwargs)

    setattr(module, attribute, wrapper)


def stand_in_decider(applications, month):
    """Grant every received application from its latest calculation, in bulk (benchmark only)."""
    from django.utils import timezone

    from bistand.cases.models import Application, Calculation, Decision

    today = timezone.localdate()
    latest = {}
    for calc in (
        Calculation.objects.filter(application__in=applications)
        .order_by("application_id", "-id")
        .only("id", "application_id", "case_id", "assistance")
    ):
        latest.setdefault(calc.application_id, calc)
    decisions = [
        Decision(
            case_id=calc.case_id,
            application_id=calc.application_id,
            calculation_id=calc.pk,
            month=month,
            outcome="granted" if calc.assistance > 0 else "rejected",
            total_granted=calc.assistance,
            decided_on=today,
            legal_basis="12 kap. 1 § socialtjänstlagen (2025:400)",
        )
        for calc in latest.values()
    ]
    Decision.objects.bulk_create(decisions, batch_size=2000, ignore_conflicts=True)
    Application.objects.filter(pk__in=list(latest)).update(status="decided")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="bistand_perf")
    parser.add_argument("--scratch", default="bistand_bankfile_bench")
    parser.add_argument("--month", default="2026-12")
    parser.add_argument("--decider", choices=["stand-in", "none"], default="stand-in")
    parser.add_argument("--keep", action="store_true", help="use the scratch database as it is (no copy)")
    args = parser.parse_args()
    month = date.fromisoformat(f"{args.month}-01")

    if not args.keep:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.scratch], check=True
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "-T", args.source, args.scratch], check=True
        )
    os.environ["DATABASE_URL"] = f"{SERVER}/{args.scratch}"
    os.environ.setdefault("BISTAND_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bistand import rules
    from bistand.casework import extensions
    from bistand.monthly import run as monthly
    from bistand.monthly import steps
    from bistand.organisation.models import Municipality

    call_command("migrate", verbosity=0)
    # A scratch copy: the month starts uncalculated. Calculations are append-only; where the database
    # enforces that with triggers, a purge permit row (inserted and removed in the same transaction)
    # lets this one delete through, as gallring does.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('lifecycle_purge_permit') IS NOT NULL")
        permit = cursor.fetchone()[0]
        if permit:
            cursor.execute("INSERT INTO lifecycle_purge_permit (reason) VALUES ('benchmark scratch copy')")
        cursor.execute(
            "DELETE FROM cases_calculation WHERE month = %s AND id NOT IN "
            "(SELECT calculation_id FROM cases_decision WHERE calculation_id IS NOT NULL)",
            [month],
        )
        if permit:
            cursor.execute("DELETE FROM lifecycle_purge_permit")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    municipality = Municipality.objects.get(rules_code="demostad")
    municipality.payer_iban, municipality.payer_bic = "SE0000000000000000009999", "DEMOSEXX"
    municipality.bank_file_format = "pain.001"
    municipality.save()
    if args.decider == "stand-in":
        extensions.MONTHLY_RUN_DECIDERS.append(stand_in_decider)

    wrap(steps, "calculate", "1 calculate")
    wrap(steps, "build_requests", "1a   bulk requests (reads)")
    wrap(steps, "latest_requests", "1b   stored requests (reads)")
    wrap(rules, "calculate", "1c   rules.calculate")
    wrap(steps, "decide", "2 decide")
    wrap(steps, "pay", "3 pay")
    wrap(monthly, "export_payments", "4 export (pain.001)")
    with tempfile.TemporaryDirectory() as out, connection.execute_wrapper(count_queries):
        run = monthly.create_run(municipality, month)
        start = time.perf_counter()
        with timed("total"):
            monthly.execute(run, out_dir=Path(out))
        total = time.perf_counter() - start
        files = sorted(p.name for p in Path(out).iterdir())
    print(f"Monthly run {args.month} on {args.scratch} (copy of {args.source}), {os.cpu_count()} cores")
    print(
        f"received {run.received}, calculated {run.calculated} (errors {run.calculation_errors}), "
        f"decided {run.decided}, left {run.left_for_people}, paid {run.paid} (refused {run.payments_refused}), "
        f"exported {run.exported} ({run.exported_total} kr) in {files}"
    )
    for name in sorted(timings):
        print(f"  {name:<32} {timings[name]:7.2f} s  {queries.get(name, 0):7d} queries")
    print(f"TOTAL {total:.1f} s")


if __name__ == "__main__":
    main()
