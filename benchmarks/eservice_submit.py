"""Submission in the e-service → proposal ready in the caseworker's queue: how long it takes.

The time measured is the second adult's signature, a real POST to /mina-sidor/ansokan/<id>/skriv-under/
(the application is registered, calculated and stored), plus what the caseworker's work queue computes for
the row (queue_marks: the newest calculation, the decision proposal with its totals and delegation check).
Each round is rolled back, so the database is left as it was and the same household can apply again.

Build the demo city first (it leaves one or two couples of handlaggare's yet to apply this month):

    BISTAND_DEBUG=1 .venv/bin/bistand migrate && BISTAND_DEBUG=1 .venv/bin/bistand build_demo
    .venv/bin/python benchmarks/eservice_submit.py [--rounds 50]

Prints the median and the 95th percentile in milliseconds.
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
os.environ.setdefault("BISTAND_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bistand.casework import queue_marks  # noqa: E402
from bistand.eservice import auth, services  # noqa: E402
from bistand.eservice.views.session import demo_residents  # noqa: E402
from bistand.people.models import MemberRole  # noqa: E402


class Rollback(Exception):
    pass


def couples_ready(today):
    found = []
    for household in demo_residents():
        if not household["couple"]:
            continue
        first, second = household["members"]
        membership = first.memberships.filter(role=MemberRole.APPLICANT, valid_to__isnull=True).first()
        case = membership.household.cases.filter(status="open").first() if membership else None
        if case is None:
            continue
        month = services.next_month_to_apply(case, today)
        if month == today.replace(day=1) and services.previous_application(case, month) is not None:
            found.append((case, first, second, month))
    return found


def signed_in(person) -> Client:
    client = Client(HTTP_HOST="localhost")
    session = client.session
    now = int(time.time())
    session.update(
        {
            auth.SESSION_PERSON: person.pk,
            auth.SESSION_LOGIN_AT: now,
            auth.SESSION_LAST_SEEN: now,
            auth.SESSION_METHOD: "demo",
        }
    )
    session.save()
    return client


def one_round(case, first, second, month) -> float:
    try:
        with transaction.atomic():
            draft = services.start_application(person=first, case=case, kind="recurring", month=month)
            draft = services.confirm_unchanged(person=first, draft=draft)
            services.sign(person=first, draft=draft, method="demo")
            client = signed_in(second)
            started = time.perf_counter()
            response = client.post(f"/mina-sidor/ansokan/{draft.pk}/skriv-under/", {"confirm": "1"})
            draft.refresh_from_db()
            marks = queue_marks.marks_for([draft.application], case.caseworker)[draft.application_id]
            elapsed = time.perf_counter() - started
            if response.status_code != 302 or marks.calculation is None:
                raise SystemExit("The submission did not reach a calculated proposal.")
            raise Rollback
    except Rollback:
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    settings.BISTAND_ESERVICE_SUBMIT_LIMIT = 10**9  # the benchmark signs many times in a row
    couples = couples_ready(timezone.localdate())
    if not couples:
        raise SystemExit("No couple left to apply this month: build the demo city first (see the docstring).")
    times = [one_round(*couples[i % len(couples)]) * 1000 for i in range(args.rounds)]
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"E-service submission → proposal ready ({database}, {args.rounds} rounds, {len(couples)} households)"
    )
    print(f"  median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, worst {times[-1]:.0f} ms")


if __name__ == "__main__":
    main()
