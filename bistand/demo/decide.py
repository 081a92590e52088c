"""Decisions and payments for every decided application in the demo history.

Older months become migrated decisions (need items from the engine's totals, see records.py). The
previous month's applications are decided the way the application decides them: a full calculation
snapshot (rules.calculate) and the decision area's proposals, totals, outcome and reasons
(bistand.casework.decisions), so the newest decisions in the demo are indistinguishable from real ones.
"""

from datetime import timedelta

from bistand import rules
from bistand.demo import records
from bistand.demo.dates import at, month_start
from bistand.demo.organisation import MUNICIPALITY_NAME, RULES_CODE
from bistand.demo.records import CalculationPlan, DecisionPlan, PaymentPlan
from bistand.demo.requests import history_before, request_dict
from bistand.rules.params import kinds


def appeal_text() -> str:
    from bistand.casework.decisions.legal import appeal_instruction, committee_name

    return appeal_instruction(committee_name(MUNICIPALITY_NAME))


def decide_history(plan) -> None:
    from bistand.casework.decisions.labels import NORM_LABEL
    from bistand.casework.decisions.legal import legal_basis
    from bistand.payments.bankdays import pay_date_for
    from bistand.payments.creation import recipient_account

    rng = plan.rng("decisions")
    labels = dict(kinds().costs)
    previous = plan.as_of - 1
    for app in plan.applications:
        if app.status != "decided":
            continue
        app.received_at, decided_on = records.timing(rng, app.month, app.kind, app.case.opened_on)
        staff = app.case.holder_on(decided_on)
        decided_at = at(decided_on, rng.randint(9, 15), rng.randint(0, 59))
        h = app.case.household
        if app.month == previous:
            request = request_dict(
                h, app.month, app.items, history_before(app, plan.window_start), RULES_CODE
            )
            result = rules.calculate(request)
            app.calculation = CalculationPlan(request, result, decided_at - timedelta(minutes=12), staff)
            rows, outcome, reasons, total = _from_calculation(request, result)
            migrated = False
        else:
            persons = len(h.members_at(app.month))
            rows = records.migrated_items(app.items, app.totals, labels, NORM_LABEL, persons)
            outcome, reasons = records.outcome_and_reasons(rows, app.totals)
            total = app.totals.assistance
            migrated = True
        decision = DecisionPlan(
            outcome, total, decided_on, decided_at, staff, legal_basis(decided_on), reasons, rows, migrated
        )
        if total > 0:
            applicant = h.applicant
            decision.payment = PaymentPlan(
                total,
                pay_date_for(month_start(app.month), decided_on),
                applicant.full_name,
                recipient_account(applicant),
                at(decided_on, 17, rng.randint(0, 59)),
            )
        app.decision = decision


def _from_calculation(request: dict, result: dict):
    """Need items, outcome, reasons and total exactly as the decision area derives them."""
    from bistand.casework.decisions.proposals import propose_from
    from bistand.casework.decisions.service import outcome_of, reasons_text, totals_for

    proposals = propose_from(request, result)
    totals = totals_for(proposals, int(result.get("income_total", 0)))
    rows = [
        (p.kind, p.label[:200], p.requested, p.granted, p.outcome, p.reason if p.outcome != "granted" else "")
        for p in proposals
    ]
    return rows, outcome_of(proposals, totals), reasons_text(proposals, totals), totals.total_granted
