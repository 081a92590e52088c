"""Writing the plan to the database, table by table, with ids counted from each table's next free id.

Rows are written as they would have been recorded: a decided application has version 2 and was last
updated when it was decided (as the decision step does), timestamps are the history's own dates, and a
decision refers to its calculation snapshot where there is one. Past payments were exported: each pay
day's payments are on a confirmed payment batch (bistand.casework), so the payment export of the demo
only ever picks up payments decided in the demo.
"""

from collections.abc import Callable
from datetime import date

from bistand.cases.models import (
    Application,
    BarrierRegistration,
    Calculation,
    Case,
    CaseAssignment,
    Decision,
    DecisionItem,
    DeclaredItem,
    Payment,
)
from bistand.demo import batches
from bistand.demo.dates import at, month_start
from bistand.demo.decide import appeal_text
from bistand.demo.fastinsert import insert, next_id, reset_sequences
from bistand.demo.plan import Plan
from bistand.people.models import Household, HouseholdMember, Person

MODELS = [
    Person,
    Household,
    HouseholdMember,
    Case,
    CaseAssignment,
    Application,
    DeclaredItem,
    Calculation,
    Decision,
    DecisionItem,
    Payment,
    BarrierRegistration,
]


def next_ids() -> dict[str, int]:
    return {m._meta.model_name: next_id(m) for m in MODELS}


def write(
    plan: Plan, bases: dict[str, int], districts: dict, units: dict, progress: Callable[[str], None]
) -> dict:
    """Insert everything; returns row counts per table (Swedish labels)."""
    counts: dict[str, int] = {}

    def put(label: str, model, names, rows):
        progress(f"Sparar {label} …")
        counts[label] = insert(model, names, rows)

    put(
        "personer",
        Person,
        [
            "id",
            "personal_number",
            "first_name",
            "last_name",
            "birth_date",
            "protected_identity",
            "street_address",
            "postal_code",
            "city",
            "phone",
            "email",
            "bank_clearing",
            "bank_account",
        ],
        (
            (
                p.id,
                p.number,
                p.first_name,
                p.last_name,
                p.birth_date,
                p.protected,
                p.street,
                p.postal_code,
                p.city,
                p.phone,
                p.email,
                p.bank_clearing,
                p.bank_account,
            )
            for p in plan.persons
        ),
    )
    first_opened: dict[int, date] = {}
    for c in plan.cases:
        first_opened[c.household.key] = min(first_opened.get(c.household.key, c.opened_on), c.opened_on)
    put(
        "hushåll",
        Household,
        ["id", "district", "dwelling_size", "created_at"],
        (
            (h.id, districts[h.district].pk, h.dwelling_size, at(first_opened[h.key], 9))
            for h in plan.households
        ),
    )
    member_rows = []
    for h in plan.households:
        for m in h.members:
            member_rows.append(
                (
                    bases["householdmember"] + len(member_rows),
                    h.id,
                    m.person.id,
                    m.role,
                    m.preschool_lunch,
                    m.valid_from,
                    m.valid_to,
                )
            )
    put(
        "hushållsmedlemmar",
        HouseholdMember,
        ["id", "household", "person", "role", "preschool_lunch", "valid_from", "valid_to"],
        member_rows,
    )

    for i, c in enumerate(plan.cases):
        c.id = bases["case"] + i
    put(
        "ärenden",
        Case,
        [
            "id",
            "number",
            "household",
            "unit",
            "caseworker",
            "status",
            "opened_on",
            "closed_on",
            "exit_reason",
        ],
        (
            (
                c.id,
                c.number,
                c.household.id,
                units[c.unit].pk,
                c.caseworker.id,
                "open" if c.is_open else "closed",
                c.opened_on,
                c.closed_on,
                c.exit_reason,
            )
            for c in plan.cases
        ),
    )
    assignments = [(c.id, a) for c in plan.cases for a in c.assignments]
    put(
        "handläggarperioder",
        CaseAssignment,
        ["id", "case", "caseworker", "start_date", "end_date"],
        (
            (bases["caseassignment"] + i, cid, a.staff.id, a.start, a.end)
            for i, (cid, a) in enumerate(assignments)
        ),
    )

    _number(plan, bases)
    apps_ = plan.applications
    put(
        "ansökningar",
        Application,
        ["id", "case", "month", "kind", "channel", "status", "received_at", "version", "updated_at"],
        (
            (
                a.id,
                a.case.id,
                month_start(a.month),
                a.kind,
                a.channel,
                a.status,
                a.received_at,
                2 if a.decision else 1,
                a.decision.decided_at if a.decision else a.received_at,
            )
            for a in apps_
        ),
    )
    put(
        "uppgifter i ansökningar",
        DeclaredItem,
        ["id", "application", "category", "kind", "member", "amount", "year_to_date", "description"],
        _declared_rows(plan, bases["declareditem"]),
    )
    calcs = [a for a in apps_ if a.calculation]
    put(
        "beräkningar",
        Calculation,
        [
            "id",
            "case",
            "application",
            "month",
            "request",
            "result",
            "parameter_version",
            "assistance",
            "created_at",
            "created_by",
        ],
        (
            (
                a.calculation.id,
                a.case.id,
                a.id,
                month_start(a.month),
                a.calculation.request,
                a.calculation.result,
                _version(a.calculation.result),
                a.calculation.result["assistance"],
                a.calculation.created_at,
                a.calculation.created_by.id if a.calculation.created_by else None,
            )
            for a in calcs
        ),
    )
    decided = [a for a in apps_ if a.decision]
    appeal = appeal_text()
    put(
        "beslut",
        Decision,
        [
            "id",
            "case",
            "application",
            "calculation",
            "month",
            "outcome",
            "total_granted",
            "decided_on",
            "decided_at",
            "decided_by",
            "legal_basis",
            "reasons",
            "appeal_instruction",
            "migrated",
        ],
        (
            (
                a.decision.id,
                a.case.id,
                a.id,
                a.calculation.id if a.calculation else None,
                month_start(a.month),
                a.decision.outcome,
                a.decision.total,
                a.decision.decided_on,
                a.decision.decided_at,
                a.decision.decided_by.id,
                a.decision.legal_basis,
                a.decision.reasons,
                appeal,
                a.decision.migrated,
            )
            for a in decided
        ),
    )
    put(
        "beslutsposter",
        DecisionItem,
        ["id", "decision", "kind", "label", "requested", "granted", "outcome", "reason"],
        (
            (bases["decisionitem"] + n, did, *row)
            for n, (did, row) in enumerate((a.decision.id, row) for a in decided for row in a.decision.items)
        ),
    )
    paid = [a for a in decided if a.decision.payment]
    put(
        "utbetalningar",
        Payment,
        [
            "id",
            "key",
            "case",
            "decision",
            "month",
            "amount",
            "pay_date",
            "recipient_name",
            "recipient_account",
            "created_at",
        ],
        (
            (
                a.decision.payment.id,
                a.decision.payment.key,
                a.case.id,
                a.decision.id,
                month_start(a.month),
                a.decision.payment.amount,
                a.decision.payment.pay_date,
                a.decision.payment.recipient_name,
                a.decision.payment.recipient_account,
                a.decision.payment.created_at,
            )
            for a in paid
        ),
    )
    put(
        "försörjningshinder",
        BarrierRegistration,
        ["id", "case", "person", "month", "code", "registered_by", "registered_at"],
        (
            (
                bases["barrierregistration"] + i,
                b.case.id,
                b.person.id,
                month_start(b.month),
                b.code,
                b.staff.id,
                b.registered_at,
            )
            for i, b in enumerate(plan.barriers)
        ),
    )
    batch_models = batches.batch_models()
    batches.write_batches(batch_models, paid, put)
    reset_sequences([*MODELS, *batch_models])
    return counts


def _number(plan: Plan, bases: dict[str, int]) -> None:
    counters = {"application": 0, "calculation": 0, "decision": 0, "payment": 0}
    for a in plan.applications:
        a.id = bases["application"] + counters["application"]
        counters["application"] += 1
        if a.calculation:
            a.calculation.id = bases["calculation"] + counters["calculation"]
            counters["calculation"] += 1
        if a.decision:
            a.decision.id = bases["decision"] + counters["decision"]
            counters["decision"] += 1
            if a.decision.payment:
                a.decision.payment.id = bases["payment"] + counters["payment"]
                a.decision.payment.key = f"D{a.decision.id}-1"  # as bistand.payments.payment_key
                counters["payment"] += 1


def _declared_rows(plan: Plan, base: int):
    n = base
    for a in plan.applications:
        for i in a.items:
            yield (n, a.id, i.category, i.kind, i.member.id if i.member else None, i.amount, 0, i.description)
            n += 1


def _version(result: dict) -> str:
    # As bistand.cases.services.parameter_version.
    params = result.get("parameters", {})
    return str(params.get("version") or params.get("id") or params.get("year", ""))[:100]
