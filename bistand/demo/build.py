"""Building Demostad: the steps behind `bistand build_demo`.

1. With --flush, empty every table that belongs to the demo (fastinsert.empty_demo_tables). Without it,
   an existing Demostad is left alone: the command says so and changes nothing.
2. Plan the whole city in memory (plan.py) — people, histories, amounts from the rules engine.
3. In one transaction: the organisation and users, then every planned row, then the other areas'
   demo data (hooks.py). A failure anywhere leaves the database as it was.
4. Print a summary computed from the database (summary.py).
"""

import random
import time
from collections.abc import Callable
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from bistand.demo import hooks, summary, writer
from bistand.demo.dates import month_end, month_index
from bistand.demo.fastinsert import empty_demo_tables
from bistand.demo.organisation import DEMO_PASSWORD, DEMO_USERS, RULES_CODE, create_organisation, plan_staff
from bistand.demo.plan import build_plan
from bistand.organisation.models import Municipality
from bistand.statistics import invalidation

ALREADY_THERE = (
    "Demostad finns redan i databasen – inget har ändrats. "
    "Kör bistand build_demo --flush för att bygga om demostaden från början."
)


def demo_today(as_of: date) -> date:
    today = timezone.localdate()
    return today if month_index(today) == month_index(as_of) else month_end(month_index(as_of))


def build_demo(seed: int, size: int, as_of: date, flush: bool, out: Callable[[str], None]) -> bool:
    """Build the demo city; returns False when it already existed and nothing was done."""
    started = time.perf_counter()
    if flush:
        out("Tömmer databasen på demodata …")
        with transaction.atomic():
            empty_demo_tables()
    elif Municipality.objects.filter(rules_code=RULES_CODE).exists():
        out(ALREADY_THERE)
        return False
    taken = sorted(
        User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True)
    )
    if taken:
        raise CommandError(
            f"Användarnamnen {', '.join(taken)} finns redan. Kör med --flush för att tömma databasen först."
        )
    out(f"Bygger Demostad: {size} hushåll, 36 månader till och med {as_of:%Y-%m}, frö {seed}.")
    staff = plan_staff(random.Random(f"{seed}:staff"))
    bases = writer.next_ids()
    plan = build_plan(seed, size, as_of, staff, bases, progress=out)
    password = make_password(DEMO_PASSWORD)  # one hash for every demo user: hashing is slow on purpose
    with transaction.atomic():
        out("Skapar organisation och användare …")
        municipality, districts, units = create_organisation(staff, password)
        writer.write(plan, bases, districts, units, out)
        hooks.run(plan, municipality, staff, as_of, demo_today(as_of), out)
        # Rows were written without model signals: every stored statistic is stale.
        invalidation.mark_stale(invalidation.EVERY_MONTH)
    for line in summary.lines(as_of, time.perf_counter() - started):
        out(line)
    return True
