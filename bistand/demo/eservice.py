"""Households that have not yet applied for the current month, so the e-service can be tried in the demo.

Up to two households with two adults, held by the demo user `handlaggare`, whose recurring application
for the current month would have been unchanged, are left without it (one in a small city): a demo resident of either can log in to the
e-service (/mina-sidor/), apply with "nothing has changed", let the other adult sign, and the application
then appears in handlaggare's queue. Their earlier months (decisions, payments) stay as they were.
"""

from bistand.demo.caseload import HANDLAGGARE

HOLD_BACK = 2


def _couple(app) -> bool:
    return any(m.role == "co_applicant" for m in app.case.household.members_at(app.month))


def hold_back(plan) -> None:
    last = {a.case.key for a in plan.applications if a.month == plan.as_of - 1}
    couples = [
        a
        for a in plan.applications
        if a.month == plan.as_of
        and a.kind == "recurring"
        and a.case.is_open
        and a.case.caseworker.username == HANDLAGGARE
        and a.case.key in last
        and "unchanged" in a.flags
        and "missing_barrier" not in a.flags
        and not any(m.person.protected for m in a.case.household.members)
        and _couple(a)
    ]
    # Prefer couples outside the "ready to decide" examples; in a small city there may be none, and then
    # one of those (the last) is taken, leaving the others for the work queue.
    spare = [a for a in couples if "ready" not in a.flags]
    chosen = spare[:HOLD_BACK] or [a for a in couples if "ready" in a.flags][-1:]
    plan.held_back = chosen
    held = {id(a) for a in chosen}
    plan.applications = [a for a in plan.applications if id(a) not in held]
