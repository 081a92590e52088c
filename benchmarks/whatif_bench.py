"""Benchmark: a what-if scenario over the whole caseload of the database in DATABASE_URL.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/whatif_bench.py [--scenario NAME] [--month YYYY-MM]
        [--workers W] [--snapshots-only]

Times the three steps of `bistand whatif` — reading every household's latest application (the stored
calculation snapshots) from the database, the two batch runs of the rules (in force and scenario) and the
suppressed summary — and prints each and the total. Read-only: nothing is written to the database.
`--snapshots-only` leaves out applications without a snapshot instead of building their requests (for a
database whose schema is older than the code). Goal: the demo city at 20 000 households under 10 s on
two cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")

import django  # noqa: E402

django.setup()

from bistand.organisation.models import Municipality  # noqa: E402
from bistand.people.models import Household  # noqa: E402
from bistand.rules.months import Month  # noqa: E402
from bistand.whatif.caseload import load_caseload  # noqa: E402
from bistand.whatif.compare import compare  # noqa: E402
from bistand.whatif.scenario import load_scenario  # noqa: E402
from bistand.whatif.summary import summarise  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="norm_plus_2_percent")
    parser.add_argument("--month", help="ÅÅÅÅ-MM (default: the latest application month)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--snapshots-only", action="store_true")
    args = parser.parse_args()
    from bistand.cases.models import Application

    latest = Application.objects.order_by("-month").values_list("month", flat=True).first()
    month = Month.parse(args.month) if args.month else Month.of(latest)
    scenario = load_scenario(args.scenario)
    city = Municipality.objects.order_by("pk").first()
    print(f"{Household.objects.count()} households in the database; scenario {scenario.name}, month {month}")
    started = time.perf_counter()
    caseload = load_caseload(month, city, build_missing=not args.snapshots_only)
    loaded = time.perf_counter()
    outcomes = compare(caseload.households, scenario, args.workers)
    compared = time.perf_counter()
    summary = summarise(outcomes, b"benchmark-key-" * 3)
    done = time.perf_counter()
    print(f"caseload: {len(caseload.households)} households ({caseload.left_out} left out)")
    print(f"read from the database: {loaded - started:.2f} s")
    print(f"two batch runs ({args.workers} workers): {compared - loaded:.2f} s")
    print(f"summary: {done - compared:.2f} s")
    print(f"total: {done - started:.2f} s")
    t = summary.totals
    print(f"cost per month {t.before} -> {t.after} kr ({t.change:+} kr); gain {t.gainers}, lose {t.losers}")


if __name__ == "__main__":
    main()
