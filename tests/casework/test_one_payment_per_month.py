"""At most one payment per case, month and need: duplicate applications, idempotent retries, decisions.

The world (views_world.py): Anna Ek's case EB-00001 with June 2026 decided and paid (10 520 kr) and a
July 2026 recurring application waiting. Needs (bistand.cases.needs): first and recurring applications
share the month's livelihood; an extra-need application is identified by the extra needs it names.
"""

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from bistand.cases.models import Application, Decision, Payment
from bistand.cases.services import calculate_application
from bistand.casework import applications, decisions
from bistand.casework.idempotency import IdempotentRequest
from bistand.payments.creation import PaymentRefused, create_payments
from tests.casework.concurrency import at_once
from tests.casework.factories import make_application
from tests.casework.views_world import JULY, JUNE, build_world

API = "/api/v1/applications"


@pytest.fixture
def world(settings, db, august_2026):
    return build_world()


def signed_in(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


def body(**overrides) -> str:
    data = {
        "case_number": "EB-00001",
        "month": "2026-08",
        "kind": "recurring",
        "costs": [{"kind": "rent", "amount": 5000}],
        "incomes": [{"kind": "salary", "amount": 1500, "member": None}],
    }
    return json.dumps({**data, **overrides})


def post(client, data, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(API, data, content_type="application/json", **headers)


def august(world):
    return Application.objects.filter(case=world.case, month="2026-08-01")


# --- the API: duplicates and idempotency keys -----------------------------------------------------


def test_the_same_application_posted_twice_is_stored_once(world):
    client = signed_in(world.owner)
    assert post(client, body()).status_code == 201
    second = post(client, body())
    assert second.status_code == 409
    [error] = second.json()["errors"]
    assert (error["code"], error["field"]) == ("duplicate_application", "month")
    assert "Det finns redan en ansökan om försörjningsstöd för augusti 2026" in error["message"]
    assert august(world).count() == 1


def test_a_first_and_a_recurring_application_share_the_month(world):
    client = signed_in(world.owner)
    assert post(client, body(kind="first")).status_code == 201
    assert post(client, body(kind="recurring")).status_code == 409


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer(world):
    client = signed_in(world.owner)
    first = post(client, body(), key="e-tjanst-4711")
    retry = post(client, body(), key="e-tjanst-4711")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert august(world).count() == 1
    assert IdempotentRequest.objects.get().status == 201


def test_the_same_key_with_another_body_is_refused(world):
    client = signed_in(world.owner)
    assert post(client, body(), key="k-1").status_code == 201
    other = post(client, body(month="2026-09"), key="k-1")
    assert other.status_code == 422
    assert other.json()["errors"][0]["code"] == "idempotency_key_reused"
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert not Application.objects.filter(case=world.case, month="2026-09-01").exists()


def test_a_key_belongs_to_the_caller_that_sent_it(world):
    assert post(signed_in(world.owner), body(), key="k-1").status_code == 201
    # Kim works in the same unit and may register for the case; the same key text is his own.
    response = post(signed_in(world.colleague), body(month="2026-09"), key="k-1")
    assert response.status_code == 201


def test_an_unusable_key_is_refused(world):
    response = post(signed_in(world.owner), body(), key="x" * 256)
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "invalid_idempotency_key"
    assert not august(world).exists()


def test_an_extra_need_may_be_added_to_a_month_but_not_asked_for_twice(world):
    client = signed_in(world.owner)
    assert post(client, body()).status_code == 201
    glasses = body(kind="extra_need", costs=[], incomes=[], extra_needs=[{"kind": "glasses", "amount": 1200}])
    assert post(client, glasses).status_code == 201
    assert post(client, glasses).status_code == 409
    both = body(
        kind="extra_need",
        costs=[],
        incomes=[],
        extra_needs=[{"kind": "dental_care", "amount": 900}, {"kind": "glasses", "amount": 1200}],
    )
    refused = post(client, both)
    assert refused.status_code == 409
    assert "Behovet ”Glasögon” är redan sökt för augusti 2026" in refused.json()["errors"][0]["message"]
    dental = body(
        kind="extra_need", costs=[], incomes=[], extra_needs=[{"kind": "dental_care", "amount": 900}]
    )
    assert post(client, dental).status_code == 201
    assert sorted(august(world).values_list("need", flat=True)) == [
        "extra:dental_care",
        "extra:glasses",
        "livelihood",
    ]


# --- the web form -------------------------------------------------------------------------------


def test_the_web_form_refuses_a_second_application_for_a_month_and_keeps_the_input(world):
    client = signed_in(world.owner)
    data = {
        "month": "2026-07", "kind": "recurring", "channel": "paper", "received_on": "2026-06-20",
        "costs-TOTAL_FORMS": "1", "costs-INITIAL_FORMS": "0", "costs-0-kind": "rent", "costs-0-amount": "4321",
        "incomes-TOTAL_FORMS": "0", "incomes-INITIAL_FORMS": "0",
        "extra_needs-TOTAL_FORMS": "0", "extra_needs-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(reverse("casework:application_new", args=[world.case.pk]), data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Det finns redan en ansökan om försörjningsstöd för juli 2026" in html
    assert "Ansökan är inte sparad" in html and 'value="4321"' in html
    assert list(Application.objects.filter(case=world.case, month=JULY)) == [world.application]


# --- decisions and payments -----------------------------------------------------------------------


def june_again(world):
    """A second June application, possible only because the decided one was withdrawn afterwards
    (data from before the constraint, or a withdrawal recorded after the decision)."""
    Application.objects.filter(pk=world.decided.pk).update(status="withdrawn")
    return make_application(world.case, month=JUNE, items=[("cost", "rent", 5_000)])


def test_deciding_a_second_application_for_an_already_decided_month_is_refused(world):
    second = june_again(world)
    with pytest.raises(decisions.DecisionRefused) as refused:
        decisions.decide(second, calculate_application(second, world.owner), world.owner)
    assert "Juni 2026 är redan beslutad i ärendet" in refused.value.messages[0]
    assert Decision.objects.filter(case=world.case, month=JUNE).count() == 1
    assert Payment.objects.filter(case=world.case, month=JUNE).count() == 1


def test_the_database_refuses_a_second_payment_for_a_paid_month(world):
    second = june_again(world)
    bypass = Decision.objects.create(  # as if the service's check had been skipped
        case=world.case,
        application=second,
        month=JUNE,
        outcome="granted",
        total_granted=5_000,
        decided_on=world.decision.decided_on,
        legal_basis="4 kap. 1 § socialtjänstlagen (2001:453)",
    )
    with pytest.raises(PaymentRefused):
        create_payments(bypass)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            key="manual-1",
            case=world.case,
            decision=bypass,
            month=JUNE,
            amount=1,
            pay_date=JUNE,
            recipient_name="x",
        )
    # 10 520 kr for June, paid once.
    assert list(Payment.objects.filter(case=world.case, month=JUNE).values_list("amount", flat=True)) == [
        10_520
    ]


def test_an_application_is_decided_once_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            case=world.case,
            application=world.decided,
            month=JUNE,
            outcome="granted",
            total_granted=1,
            decided_on=world.decision.decided_on,
            legal_basis="x",
        )


def test_a_chain_of_corrections_still_pays_the_differences(world):
    decided = world.decided
    decided.refresh_from_db()
    applications.replace_items(
        decided, decided.version, [applications.Item("cost", "rent", 5_500)], allow_decided=True
    )
    first = decisions.correct(
        world.decision, calculate_application(decided, world.owner), world.owner, "Ny hyra."
    )
    [more] = create_payments(first)
    decided.refresh_from_db()
    applications.replace_items(
        decided, decided.version, [applications.Item("cost", "rent", 4_000)], allow_decided=True
    )
    second = decisions.correct(first, calculate_application(decided, world.owner), world.owner, "Fel hyra.")
    [back] = create_payments(second)
    # June: 5 220 + 5 000 + 300 = 10 520 paid; rent 5 500 alone: 5 220 + 5 500 = 10 720 -> +200;
    # rent 4 000 alone: 5 220 + 4 000 = 9 220 -> 9 220 − 10 720 = −1 500.
    assert (more.amount, back.amount) == (200, -1_500)
    assert (more.corrects, back.corrects) == (Payment.objects.get(decision=world.decision), more)
    assert sum(Payment.objects.filter(case=world.case, month=JUNE).values_list("amount", flat=True)) == 9_220


# --- at the same moment (real threads; meaningful on PostgreSQL) ------------------------------------


@pytest.fixture
def committed_world(settings, transactional_db, august_2026):
    return build_world()


@pytest.mark.concurrency
def test_the_same_application_posted_at_once_is_stored_once(committed_world):
    world = committed_world
    outcomes = at_once(*[lambda: post(signed_in(world.owner), body()) for _ in range(4)])
    assert [o.error for o in outcomes] == [None] * 4
    assert sorted(o.value.status_code for o in outcomes) == [201, 409, 409, 409]
    assert august(world).count() == 1


@pytest.mark.concurrency
def test_retries_with_one_key_at_once_get_one_answer(committed_world):
    world = committed_world
    outcomes = at_once(*[lambda: post(signed_in(world.owner), body(), key="samma") for _ in range(4)])
    assert [o.error for o in outcomes] == [None] * 4
    assert [o.value.status_code for o in outcomes] == [201] * 4
    assert len({json.dumps(o.value.json(), sort_keys=True) for o in outcomes}) == 1
    assert august(world).count() == 1


@pytest.mark.concurrency
def test_deciding_the_same_month_at_once_decides_and_pays_once(committed_world):
    world = committed_world
    july = world.application
    calculation = calculate_application(july, world.owner)

    @transaction.atomic
    def decide_and_pay():  # what the decision view does
        decision = decisions.decide(Application.objects.get(pk=july.pk), calculation, world.owner)
        create_payments(decision)
        return decision

    outcomes = at_once(*[decide_and_pay for _ in range(4)])
    made = [o.value for o in outcomes if o.error is None]
    refused = [o.error for o in outcomes if o.error is not None]
    assert len(made) == 1
    assert len(refused) == 3 and all(isinstance(e, decisions.DecisionRefused) for e in refused)
    assert Decision.objects.filter(case=world.case, month=JULY).count() == 1
    assert Payment.objects.filter(case=world.case, month=JULY).count() == 1
