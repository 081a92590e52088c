"""The payments view per case and per unit, and recording a payment the bank returned."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bistand.audit.models import AuditEvent
from bistand.cases.immutable import AppendOnlyError
from bistand.casework.views import payments as payment_views
from bistand.payments.models import PaymentBatch, PaymentBatchLine, PaymentReturn
from bistand.payments.returns import ReturnRefused, record_return, status_of
from tests.casework.views_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def send(payment, message_id="BISTAND-20260625-000001"):
    batch = PaymentBatch.objects.create(pay_date=payment.pay_date, file_name="bet.xml", message_id=message_id)
    PaymentBatchLine.objects.create(batch=batch, payment=payment, line_number=1)
    return batch


@pytest.fixture
def today(world, monkeypatch):
    """Five days after the June payment's pay day (which follows the day the test world decided it)."""
    day = world.decision.payments.get().pay_date + timedelta(days=5)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    return day


def test_a_payment_is_planned_then_sent_then_returned(world, today):
    payment = world.decision.payments.get()
    assert status_of(payment) == "planned"
    send(payment)
    payment.refresh_from_db()
    assert status_of(payment) == "sent"
    returned = record_return(payment, world.owner, payment.pay_date, "Kontot är avslutat")
    payment.refresh_from_db()
    assert status_of(payment) == "returned" and returned.recorded_by == world.owner
    assert AuditEvent.objects.filter(action="payment_return", case=world.case).count() == 1
    with pytest.raises(AppendOnlyError):
        returned.save()


def test_a_return_is_refused_with_reasons_and_nothing_is_written(world, today):
    payment = world.decision.payments.get()
    with pytest.raises(ReturnRefused) as exc:
        record_return(payment, world.owner, today, "Kontot är avslutat")
    assert exc.value.messages == [
        "Utbetalningen har inte skickats i någon bankfil och kan inte ha returnerats."
    ]
    send(payment)
    with pytest.raises(ReturnRefused) as exc:
        record_return(payment, world.owner, today + timedelta(days=1), "")
    assert exc.value.messages == [
        "Datumet för returen kan inte ligga i framtiden.",
        "Ange orsaken som banken uppgav.",
    ]
    with pytest.raises(ReturnRefused) as exc:
        record_return(payment, world.owner, payment.pay_date - timedelta(days=1), "Fel kontonummer")
    assert exc.value.messages == ["Utbetalningen kan inte ha returnerats före utbetalningsdagen."]
    record_return(payment, world.owner, today, "Fel kontonummer")
    with pytest.raises(ReturnRefused):
        record_return(payment, world.owner, today, "Igen")
    assert PaymentReturn.objects.count() == 1


def test_the_case_payments_page_names_the_decision_and_the_bank_file(client, world, today):
    payment = world.decision.payments.get()
    send(payment)
    client.force_login(world.owner.user)
    url = reverse("casework:case_payments", args=[world.case.pk])
    html = client.get(url).content.decode()
    assert "Skickad i bankfil" in html and "BISTAND-20260625-000001" in html
    assert reverse("casework:decision", args=[world.case.pk, world.decision.pk]) in html
    response = client.post(
        reverse("casework:payment_return", args=[world.case.pk, payment.pk]),
        {"returned_on": today.isoformat(), "reason": "Kontot är avslutat"},
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Returnerad" in html and "Kontot är avslutat" in html


def test_other_units_get_404(client, world):
    payment = world.decision.payments.get()
    client.force_login(world.other.user)
    assert client.get(reverse("casework:case_payments", args=[world.case.pk])).status_code == 404
    response = client.post(
        reverse("casework:payment_return", args=[world.case.pk, payment.pk]),
        {"returned_on": "2026-07-30", "reason": "x"},
    )
    assert response.status_code == 404 and PaymentReturn.objects.count() == 0
    # The unit view of Söder 1 does not list Norr 1's payments.
    page = client.get(reverse("casework:unit_payments"))
    assert page.status_code == 200 and page.context["page"].paginator.count == 0


def test_the_unit_view_is_paginated_and_filtered(client, world, monkeypatch):
    monkeypatch.setattr(payment_views, "PAGE_SIZE", 1)
    client.force_login(world.manager.user)
    url = reverse("casework:unit_payments")
    first = client.get(url)
    # Two June payments in Norr 1 (Anna's, and Sara's protected case, which the manager has no grant for).
    assert first.context["page"].paginator.count == 1
    send(world.decision.payments.get())
    client.force_login(world.owner.user)
    both = client.get(url)
    assert both.context["page"].paginator.count == 2 and both.context["page"].paginator.num_pages == 2
    assert "Nästa sida" in both.content.decode()
    sent = client.get(url + "?status=skickade")
    assert [p.pk for p, _, _ in sent.context["rows"]] == [world.decision.payments.get().pk]
    planned = client.get(url + "?status=planerade")
    assert planned.context["page"].paginator.count == 1


def test_the_unit_view_is_not_for_analysts(client, world):
    client.force_login(world.analyst.user)
    assert client.get(reverse("casework:unit_payments")).status_code == 404
