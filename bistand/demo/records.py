"""Applications, decisions and payments for one month of one case, as plain objects.

Timing follows ordinary practice: a recurring application (återansökan) for a month comes in during
the month before and is decided in time for the regular pay day, the bank day on or before the 25th;
a first application comes in during the month itself and is paid on the bank day after the decision.
Pay dates use the casework area's own rule (bistand.payments.pay_date_for), legal bases and
appeal instructions the decision area's texts (bistand.casework.decisions.legal), so the demo history
looks exactly like decisions made in the application.

History decisions are `migrated` (carried over from an earlier system, no calculation snapshot); their
need items are derived from the engine's totals: the norm, and each declared cost, where only rent can
be reduced (Demostad's rent cap). The previous month's decisions carry the full calculation and the
need items the decision area proposes from it.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from bistand.demo.caseload import CasePlan
from bistand.demo.dates import add_bank_days, at, bank_day_on_or_before, day_in_month
from bistand.demo.economy import Item
from bistand.demo.organisation import StaffSpec
from bistand.rules.formatting import kr


@dataclass(eq=False)
class PaymentPlan:
    amount: int
    pay_date: date
    recipient_name: str
    recipient_account: str
    created_at: datetime
    id: int = 0
    key: str = ""


@dataclass(eq=False)
class DecisionPlan:
    outcome: str
    total: int
    decided_on: date
    decided_at: datetime
    decided_by: StaffSpec
    legal_basis: str
    reasons: str
    items: list[tuple[str, str, int, int, str, str]]  # kind, label, requested, granted, outcome, reason
    migrated: bool = True
    payment: PaymentPlan | None = None
    id: int = 0


@dataclass(eq=False)
class CalculationPlan:
    request: dict
    result: dict
    created_at: datetime
    created_by: StaffSpec | None
    id: int = 0


@dataclass(eq=False)
class ApplicationPlan:
    case: CasePlan
    month: int  # absolute month index
    kind: str  # first | recurring
    channel: str
    received_at: datetime | None
    items: list[Item]
    status: str = "decided"
    decision: DecisionPlan | None = None
    calculation: CalculationPlan | None = None
    flags: set[str] = field(default_factory=set)  # demo markers: "rejected", "changed", "ready", …
    totals: object = None  # the engine's Totals for the month (decided applications)
    id: int = 0


RECURRING_CHANNELS = {"e_service": 72, "paper": 20, "visit": 8}
FIRST_CHANNELS = {"visit": 45, "e_service": 40, "paper": 15}


def channel(rng: random.Random, kind: str) -> str:
    table = FIRST_CHANNELS if kind == "first" else RECURRING_CHANNELS
    return rng.choices(list(table), weights=list(table.values()))[0]


def timing(rng: random.Random, month: int, kind: str, opened: date) -> tuple[datetime, date]:
    """(received_at, decided_on) for a decided application for `month`; a first application is the one
    that opened the case, on `opened`."""
    if kind == "first":
        received = opened
        decided = add_bank_days(received, rng.randint(2, 8))
    else:
        received = day_in_month(month - 1, rng.randint(5, 18))
        decided = min(
            add_bank_days(received, rng.randint(1, 4)), bank_day_on_or_before(day_in_month(month - 1, 22))
        )
        decided = max(decided, received)
    return at(received, rng.randint(8, 20), rng.randint(0, 59)), decided


def pending_received(rng: random.Random, month: int, kind: str, opened: date) -> datetime:
    """received_at of an application for the current month that still waits for a decision."""
    day = day_in_month(month - 1, rng.randint(10, 28)) if kind == "recurring" else opened
    return at(day, rng.randint(8, 20), rng.randint(0, 59))


def migrated_items(items: list[Item], totals, labels: dict[str, str], norm_label: str, persons: int):
    """Need items of a history decision from the engine's totals (norm, costs; only rent can be capped)."""
    rows = [("norm", norm_label, totals.norm_total, totals.norm_total, "granted", "")]
    declared: dict[str, int] = {}
    for item in items:
        if item.category == "cost":
            declared[item.kind] = declared.get(item.kind, 0) + item.amount
    approved_rent = totals.costs_total - sum(v for k, v in declared.items() if k != "rent")
    for kind, amount in declared.items():
        granted = max(0, min(amount, approved_rent)) if kind == "rent" else amount
        if granted >= amount:
            rows.append((kind, labels.get(kind, kind), amount, amount, "granted", ""))
        else:
            reason = (
                f"Boendekostnaden är högre än Demostads högsta skäliga boendekostnad för {persons} "
                f"{'person' if persons == 1 else 'personer'} ({kr(granted)} i månaden). {kr(granted)} av "
                f"{kr(amount)} godkänns."
            )
            rows.append((kind, labels.get(kind, kind), amount, granted, "partly_granted", reason))
    return rows


def outcome_and_reasons(rows, totals) -> tuple[str, str]:
    """Mirrors the decision area's outcome_of and reasons_text for history decisions."""
    need = sum(r[3] for r in rows)
    if totals.assistance <= 0:
        outcome = "rejected"
    elif all(r[4] == "granted" for r in rows):
        outcome = "granted"
    else:
        outcome = "partly_granted"
    parts = [f"{r[1]}: {r[5]}" for r in rows if r[4] != "granted"]
    if totals.income_total and totals.assistance == 0 and need > 0:
        parts.append(
            f"Hushållets inkomster ({kr(totals.income_total)}) täcker det beviljade behovet ({kr(need)}). "
            "Därför betalas inget ekonomiskt bistånd ut för månaden."
        )
    return outcome, "\n".join(parts)
