"""Hand-built case files for the lifecycle tests, every record dated on a chosen day.

`history(...)` writes one month of a case the way the services would leave it: an application, a
calculation, a decision with two items, a payment on a payment-file line, a journal note, a held
meeting, an action plan, an audit row about the case and a list view that named it. Timestamps the database would set to "now" are set to noon of
the given day by freezing `timezone.now`, so a test can place the last entry exactly.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time
from unittest import mock

from django.utils import timezone

from bistand.audit import audit
from bistand.cases.models import Calculation, Decision, DecisionItem, Payment
from bistand.journal.models import JournalNote
from bistand.payments.models import BatchConfirmation, PaymentBatch, PaymentBatchLine
from bistand.people.models import MemberRole
from bistand.selfsupport.models import ActionPlan, Meeting
from tests.casework.factories import make_application, make_case, make_household, make_person

# The decision of every history: rent 6 500 + norm 5 220 (riksnorm 2026, one adult: 3 940 + 1 280)
# − salary 1 000 = 10 720 kr granted; an extra need for a bed of 1 500 kr rejected.
GRANTED = 10_720
REJECTED_NEED = 1_500


@contextmanager
def on_day(day: date):
    moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def person_case(unit, staff, birth: date, first_name: str, last_name: str, opened_on: date, **fields):
    person = make_person(birth=birth, first_name=first_name, last_name=last_name, **fields)
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)], valid_from=opened_on)
    case = make_case(household, unit, caseworker=staff, opened_on=opened_on)
    return person, case


def history(case, staff, month: date, day: date) -> Decision:
    """One month of the case, all recorded on `day` (see the module docstring)."""
    with on_day(day) as moment:
        application = make_application(
            case,
            month=month,
            items=[("cost", "rent", 6_500), ("income", "salary", 1_000), ("extra_need", "bed", 1_500)],
            received_at=moment,
        )
        calculation = Calculation.objects.create(
            case=case,
            application=application,
            month=month,
            request={"month": f"{month:%Y-%m}"},
            result={"assistance": GRANTED},
            parameter_version="test",
            assistance=GRANTED,
            created_by=staff,
        )
        decision = Decision.objects.create(
            case=case,
            application=application,
            calculation=calculation,
            month=month,
            outcome="partly_granted",
            total_granted=GRANTED,
            decided_on=day,
            decided_by=staff,
            legal_basis="4 kap. 1 § SoL",
            reasons="Sängen avslås; behovet kan tillgodoses på annat sätt.",
        )
        DecisionItem.objects.create(
            decision=decision,
            kind="norm",
            label="Riksnorm",
            requested=GRANTED,
            granted=GRANTED,
            outcome="granted",
        )
        DecisionItem.objects.create(
            decision=decision,
            kind="bed",
            label="Säng",
            requested=REJECTED_NEED,
            granted=0,
            outcome="rejected",
        )
        payment = Payment.objects.create(
            key=f"test-{decision.pk}",
            case=case,
            decision=decision,
            month=month,
            amount=GRANTED,
            pay_date=day,
            recipient_name=str(case.applicant),
            recipient_account="8327-9 1234567",
        )
        batch = PaymentBatch.objects.create(pay_date=day, file_name=f"bet-{decision.pk}.txt")
        PaymentBatchLine.objects.create(batch=batch, payment=payment, line_number=1)
        BatchConfirmation.objects.create(batch=batch, line_count=1, total_amount=GRANTED, sha256="0" * 64)
        JournalNote.objects.create(
            case=case, author=staff, occurred_on=day, heading="Besök", text="Samtal om ansökan för månaden."
        )
        meeting = Meeting.objects.create(
            case=case, kind="follow_up_visit", mode="in_person", status="held", starts_at=moment
        )
        meeting.persons.add(case.applicant)
        meeting.staff.add(staff)
        ActionPlan.objects.create(
            case=case, person=case.applicant, established_on=day, next_follow_up_due=day, created_by=staff
        )
        audit.record(
            action=audit.AuditAction.VIEW, what="Akt: tidslinje", user=staff.user, staff=staff, case=case
        )
        # A list page that named the case (linked to it, not the row's own case).
        audit.record(
            action=audit.AuditAction.LIST, what="Startsidan: mina ärenden", staff=staff, cases=[case]
        )
    return decision
