"""The quarterly figures on the aktivitetskrav that IVO follows up: persons assigned an activity and
persons whose försörjningsstöd was refused or reduced, by barrier to self-support.

A person counts as assigned in a quarter when an activity of theirs covers some day of it; as refused
or reduced when a decision for a month of the quarter refused or reduced their assistance under the
aktivitetskrav (a person with both in one quarter counts once, as refused). The barrier is the person's
latest registered barrier up to the quarter's end ("Ej registrerat" without one). Counts of 1–4 are
hidden, with secondary suppression so a hidden cell cannot be recomputed from the total
(bistand.statistics.cells.hidden_keys, the same protection as the other statistics).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from bistand.cases.codes import BARRIERS
from bistand.cases.models import BarrierRegistration
from bistand.reforms.models import Activity, ActivitySanction, SanctionKind
from bistand.rules.months import add_months
from bistand.statistics.cells import hidden_keys
from bistand.statistics.privacy import SUPPRESSED

NO_BARRIER = "Ej registrerat"
COLUMNS = (
    ("assigned", "Anvisade aktivitet"),
    ("refused", "Vägrat försörjningsstöd"),
    ("reduced", "Nedsatt försörjningsstöd"),
)
TOTAL = "Totalt"


@dataclass
class IvoTable:
    year: int
    quarter: int
    rows: list[tuple[str, dict[str, str]]]  # (barrier label, column -> shown value)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    return start, add_months(start, 3)  # [start, end)


def quarter_counts(year: int, quarter: int, unit_ids=None) -> dict[str, dict[str, set[int]]]:
    """column -> barrier label -> person ids (before suppression)."""
    start, end = quarter_bounds(year, quarter)
    activities = Activity.objects.filter(start__lt=end).exclude(end__lt=start)
    sanctions = ActivitySanction.objects.filter(decision__month__gte=start, decision__month__lt=end)
    if unit_ids is not None:
        activities = activities.filter(case__unit_id__in=unit_ids)
        sanctions = sanctions.filter(decision__case__unit_id__in=unit_ids)
    assigned = set(activities.values_list("person_id", flat=True))
    kinds: dict[int, str] = {}
    for person_id, kind in sanctions.values_list("person_id", "kind"):
        if kinds.get(person_id) != SanctionKind.REFUSE:
            kinds[person_id] = kind
    people = assigned | set(kinds)
    barrier: dict[int, str] = {}
    for person_id, code in (
        BarrierRegistration.objects.filter(person_id__in=people, month__lt=end)
        .order_by("month", "id")
        .values_list("person_id", "code")
    ):
        barrier[person_id] = code  # the latest wins
    labels = {c.code: c.label for c in BARRIERS}
    counts: dict[str, dict[str, set[int]]] = {col: {} for col, _ in COLUMNS}

    def add(col, person_id):
        label = labels.get(barrier.get(person_id, ""), NO_BARRIER)
        counts[col].setdefault(label, set()).add(person_id)

    for person_id in assigned:
        add("assigned", person_id)
    for person_id, kind in kinds.items():
        add("refused" if kind == SanctionKind.REFUSE else "reduced", person_id)
    return counts


def quarter_table(year: int, quarter: int, unit_ids=None) -> IvoTable:
    counts = quarter_counts(year, quarter, unit_ids)
    labels = [c.label for c in BARRIERS] + [NO_BARRIER]
    values: dict[tuple[str, str], int] = {}
    lines = []
    for col, _ in COLUMNS:
        for label in labels:
            values[(label, col)] = len(counts[col].get(label, ()))
        values[(TOTAL, col)] = sum(values[(label, col)] for label in labels)
        lines.append([(label, col) for label in labels] + [(TOTAL, col)])
    hidden = hidden_keys(values, lines)
    rows = [
        (
            label,
            {col: SUPPRESSED if (label, col) in hidden else str(values[(label, col)]) for col, _ in COLUMNS},
        )
        for label in [*labels, TOTAL]
    ]
    return IvoTable(year, quarter, rows)


def csv_text(table: IvoTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"Aktivitetskrav {table.year} kvartal {table.quarter}"])
    writer.writerow(["Försörjningshinder", *(title for _, title in COLUMNS)])
    for label, cells in table.rows:
        writer.writerow([label, *(cells[col] for col, _ in COLUMNS)])
    writer.writerow(
        [f"Antal 1–4 visas som {SUPPRESSED}; ytterligare celler döljs så att de inte kan räknas fram."]
    )
    return "\ufeff" + out.getvalue()
