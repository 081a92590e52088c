"""Server time and SQL queries of the main staff pages on the database in DATABASE_URL.

Build a city first, for example the big-city size on PostgreSQL:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bistand
    .venv/bin/bistand migrate && .venv/bin/bistand build_demo --households 20000 --flush
    .venv/bin/python benchmarks/page_times.py [--repeat 5]

For each page and user the script prints the median and the worst server time over the repeats (the first,
cold request is reported apart), the number of queries, and the HTML size. The start pages keep their
caseload-wide figures a few minutes (bistand/casework/caseload_figures.py): the repeats show a repeat
visit, the cold column the first one; BISTAND_CASELOAD_FIGURES_SECONDS=0 measures every visit as a first. Users are chosen from the data:
the caseworker with the most open cases, a senior caseworker, a unit manager, and the analyst.
Targets (two cores, PostgreSQL, 20 000 households): caseworker pages under 150 ms, statistics pages under
500 ms, and the start page's query count independent of the caseload.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
# Development settings: the test client's host "testserver" and no production keys needed. Query capture
# works the same either way; the figures are server time inside Django, not the network.
os.environ.setdefault("BISTAND_DEBUG", "1")
os.environ.setdefault("BISTAND_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")  # the test client's host
os.environ.setdefault("BISTAND_LOG_LEVEL", "WARNING")  # not a sign-in line per user between the figures

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bistand.cases.models import Case  # noqa: E402
from bistand.organisation.models import Role, StaffMember  # noqa: E402


def users() -> dict[str, StaffMember]:
    busiest = (
        StaffMember.objects.filter(role=Role.CASEWORKER)
        .annotate(n=Count("cases", filter=Q(cases__status="open")))
        .order_by("-n")
        .first()
    )
    found = {"caseworker (most cases)": busiest}
    for label, role in (
        ("senior caseworker", Role.SENIOR_CASEWORKER),
        ("unit manager", Role.UNIT_MANAGER),
        ("analyst", Role.ANALYST),
    ):
        found[label] = StaffMember.objects.filter(role=role).order_by("pk").first()
    return {label: staff for label, staff in found.items() if staff is not None}


def pages_for(label: str, staff: StaffMember) -> list[str]:
    if label == "analyst":
        return [
            "/statistik/",
            "/statistik/manadsrapport/",
            "/statistik/jamforelse/",
            "/statistik/varaktighet/",
            "/statistik/arbetssatt/",
            "/statistik/forsorjningshinder/",
            "/statistik/resultat/",
            "/statistik/manadsrapport.csv",
        ]
    pages = ["/", "/sjalvforsorjning/uppfoljningar/", "/sjalvforsorjning/tid-med-klienter/"]
    if label != "unit manager":
        pages.insert(1, "/mina-hushall/")
    case = Case.objects.filter(caseworker=staff, status="open").order_by("pk").first()
    if case is not None:
        pages += [
            f"/arenden/{case.pk}/",
            f"/arenden/{case.pk}/journal/",
            f"/sjalvforsorjning/arenden/{case.pk}/",
        ]
    if label == "unit manager":
        pages += ["/logg/", "/statistik/manadsrapport/"]
    return pages


def measure(client: Client, url: str, repeat: int) -> tuple[float, list[float], int, int, int]:
    times, queries, size, status = [], 0, 0, 0
    for _ in range(repeat + 1):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        queries, size, status = len(captured), len(response.content), response.status_code
    return times[0], times[1:], queries, size, status


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"database: {connection.vendor}, cases: {Case.objects.count()}, open: {Case.objects.filter(status='open').count()}"
    )
    print(f"{'user':<24} {'page':<44} {'cold ms':>8} {'median':>8} {'max':>8} {'queries':>8} {'KB':>6}")
    for label, staff in users().items():
        client = Client()
        client.force_login(staff.user)
        for url in pages_for(label, staff):
            cold, warm, queries, size, status = measure(client, url, args.repeat)
            flag = "" if status == 200 else f"  HTTP {status}"
            print(
                f"{label:<24} {url:<44} {cold:8.0f} {statistics.median(warm):8.0f} {max(warm):8.0f} "
                f"{queries:8d} {size / 1024:6.0f}{flag}"
            )


if __name__ == "__main__":
    main()
