"""The aktivitetskrav in a case: the flag on the decision proposal, and the caseworker's explicit refuse /
reduce path with reasons and legal basis in the letter (read back with pdftotext).

The example household (tests/casework/decision_fixtures.py), moved to October 2026: Åsa Öberg, born
1 April 1990, single; norm 5 220, costs 6 920 (rent approved 6 500 + el 300 + insurance 120), dental
care 2 000, income 4 000 -> assistance 10 140. Paid July, August and September 2026.
"""

from datetime import date

import pytest

from bistand.audit.audit import AuditEvent
from bistand.cases.models import Decision
from bistand.casework.decisions import DecisionRefused, decide
from bistand.casework.extensions import decision_blockers
from bistand.casework.letters import decision_letter_pdf
from bistand.reforms import sanctions, services
from bistand.reforms.models import Activity, ActivitySanction, Participation
from tests.casework.decision_fixtures import example_result, example_setup
from tests.casework.factories import make_calculation
from tests.casework.test_letters import pdf_text
from tests.reforms.helpers import JUL_SEP_2026, paid

pytestmark = pytest.mark.django_db

OCT = date(2026, 10, 1)
DAY = date(2026, 10, 2)


def _setup(history=JUL_SEP_2026):
    unit, staff, person, case, application, calculation = example_setup(month=OCT, result=example_result())
    if history:
        paid(case, history)
        calculation = make_calculation(application, example_result())  # the request holds the history
    return staff, person, case, application, calculation


def _absent(case, person, month=date(2026, 9, 1), unexcused=16):
    activity = Activity.objects.create(
        case=case,
        person=person,
        kind="work_practice",
        provider="Jobbtorget",
        hours_per_week=20,
        start=date(2026, 9, 1),
    )
    Participation.objects.create(
        activity=activity, month=month, attended_hours=64, unexcused_absence_hours=unexcused
    )


def test_requirement_from_the_payment_history():
    staff, person, case, application, calculation = _setup()
    requirement = services.requirement_for(person, OCT)
    assert requirement.applies and requirement.consecutive_months == 3
    assert not services.requirement_for(person, date(2026, 9, 1)).applies  # applied first to October 2026


def test_the_proposal_flags_without_deciding_anything():
    staff, person, case, application, calculation = _setup()
    assert services.application_flags(application) == [
        "Åsa Öberg: aktivitetskravet gäller men ingen aktivitet är anvisad."
    ]
    _absent(case, person)
    flags = services.application_flags(application)
    assert len(flags) == 1
    assert flags[0].startswith("Åsa Öberg: frånvaro utan godtagbart skäl 16 timmar i september 2026")
    assert decision_blockers(application) == []  # a flag never stops the decision
    assert not Decision.objects.filter(application=application).exists()
    # the ordinary decision is still possible, and grants what the calculation says
    decision = decide(application, calculation, staff, decided_on=DAY)
    assert decision.total_granted == 10_140
    assert not ActivitySanction.objects.exists()


def test_the_application_page_shows_the_flags(client):
    staff, person, case, application, calculation = _setup()
    _absent(case, person)
    client.force_login(staff.user)
    page = client.get(f"/arenden/{case.pk}/ansokningar/{application.pk}/").content.decode()
    assert "Att bedöma innan beslut" in page
    assert "frånvaro utan godtagbart skäl 16 timmar i september 2026" in page
    assert f"/reformer/arenden/{case.pk}/ansokningar/{application.pk}/aktivitetskrav/" in page


def test_reduce_with_reasons_and_legal_basis_in_the_letter(tmp_path):
    staff, person, case, application, calculation = _setup()
    _absent(case, person)
    reasons = "Du har inte kommit till arbetsträningen i september och har inte lämnat något skäl."
    decision = sanctions.decide_with_sanction(
        application, calculation, staff, person, "reduce", reasons, norm_amount=2_610, decided_on=DAY
    )
    # norm 2 610 (half of 5 220) + costs 6 920 + dental 2 000 = 11 530; − income 4 000 = 7 530
    assert decision.total_granted == 7_530
    assert decision.outcome == "partly_granted"
    assert decision.items.get(kind="norm").granted == 2_610
    sanction = ActivitySanction.objects.get(decision=decision)
    assert (sanction.person, sanction.kind) == (person, "reduce")
    assert decision.legal_basis.startswith(
        "12 kap. 1 § socialtjänstlagen (2025:400); bestämmelserna om aktivitetskrav"
    )
    assert AuditEvent.objects.filter(action="decide", case=case).exists()
    text = pdf_text(decision_letter_pdf(decision, staff), tmp_path)
    for expected in [
        "Du beviljas ekonomiskt bistånd med 7 530 kr för oktober 2026.",
        "Försörjningsstödet sätts ned eftersom Åsa Öberg utan godtagbart skäl inte har deltagit i anvisad aktivitet.",
        reasons,
        "Sätts ned enligt aktivitetskravet.",
        "12 kap. 1 § socialtjänstlagen (2025:400); bestämmelserna om aktivitetskrav i socialtjänstlagen",
    ]:
        assert expected in text, expected


def test_refuse_covers_forsorjningsstod_not_extra_needs(tmp_path):
    staff, person, case, application, calculation = _setup()
    decision = sanctions.decide_with_sanction(
        application,
        calculation,
        staff,
        person,
        "refuse",
        "Avböjt anvisad aktivitet utan godtagbart skäl.",
        decided_on=DAY,
    )
    items = {i.kind: i.granted for i in decision.items.all()}
    # norm and costs refused; dental care 2 000 kept, but income 4 000 covers it: max(0, 2 000 − 4 000) = 0
    assert items == {"norm": 0, "rent": 0, "electricity": 0, "home_insurance": 0, "dental_care": 2_000}
    assert decision.total_granted == 0 and decision.outcome == "rejected"
    text = pdf_text(decision_letter_pdf(decision, staff), tmp_path)
    assert "Din ansökan om ekonomiskt bistånd för oktober 2026 avslås." in text
    assert "Försörjningsstöd vägras eftersom Åsa Öberg" in text
    assert "Avböjt anvisad aktivitet utan godtagbart skäl." in text


@pytest.mark.parametrize(
    "history, kind, reasons, norm, message",
    [
        (JUL_SEP_2026, "refuse", "  ", None, "Skriv skälen till beslutet."),
        ([date(2026, 9, 1)], "refuse", "Skäl.", None, "Aktivitetskravet gäller inte Åsa Öberg för månaden."),
        (JUL_SEP_2026, "reduce", "Skäl.", 5_220, "Ange normbeloppet efter nedsättning"),
        (JUL_SEP_2026, "reduce", "Skäl.", None, "Ange normbeloppet efter nedsättning"),
    ],
)
def test_sanction_refused_without_reasons_or_requirement(history, kind, reasons, norm, message):
    staff, person, case, application, calculation = _setup(history)
    with pytest.raises(DecisionRefused) as refused:
        sanctions.decide_with_sanction(
            application, calculation, staff, person, kind, reasons, norm, decided_on=DAY
        )
    assert any(m.startswith(message) for m in refused.value.messages), refused.value.messages
    assert not Decision.objects.filter(application=application).exists()


def test_the_sanction_form_decides_only_on_the_caseworkers_post(client):
    staff, person, case, application, calculation = _setup()
    _absent(case, person)
    client.force_login(staff.user)
    url = f"/reformer/arenden/{case.pk}/ansokningar/{application.pk}/aktivitetskrav/"
    page = client.get(url).content.decode()
    assert "Vägra eller sätta ned försörjningsstöd för oktober 2026" in page
    assert "frånvaro utan godtagbart skäl 16 timmar" in page
    assert not Decision.objects.filter(application=application).exists()  # showing the form decides nothing
    response = client.post(
        url, {"person": person.pk, "kind": "reduce", "norm_amount": "", "reasons": "Skäl."}
    )
    assert response.status_code == 409
    assert "Ange normbeloppet efter nedsättning" in response.content.decode()
    response = client.post(
        url, {"person": person.pk, "kind": "reduce", "norm_amount": "4000", "reasons": "Skäl."}
    )
    decision = Decision.objects.get(application=application)
    assert response.status_code == 302 and response["Location"] == f"/arenden/{case.pk}/beslut/{decision.pk}/"
    # norm 4 000 + costs 6 920 + dental 2 000 = 12 920; − income 4 000 = 8 920
    assert decision.total_granted == 8_920
    timeline = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Aktivitetskrav: sätta ned försörjningsstöd (Åsa Öberg)" in timeline
    assert "Aktivitet anvisad för Åsa Öberg" in timeline


def test_participation_is_entered_per_month(client):
    staff, person, case, application, calculation = _setup()
    activity = Activity.objects.create(
        case=case,
        person=person,
        kind="studies",
        provider="Komvux",
        hours_per_week=40,
        start=date(2026, 10, 1),
    )
    client.force_login(staff.user)
    url = f"/reformer/arenden/{case.pk}/ny/deltagande/"
    data = {"activity": activity.pk, "month": "2026-10", "attended_hours": 150, "unexcused_absence_hours": 10}
    data["excused_absence_hours"] = 0
    assert client.post(url, data).status_code == 302
    p = Participation.objects.get(activity=activity)
    assert (p.month, p.attended_hours, p.unexcused_absence_hours) == (date(2026, 10, 1), 150, 10)
    again = client.post(url, data)
    assert again.status_code == 400 and "redan registrerat" in again.content.decode()
    assert (
        "frånvaro utan godtagbart skäl 10 timmar i oktober 2026" in services.application_flags(application)[0]
    )


def test_no_sanction_without_a_signed_in_caseworker():
    """The automated decision function and the monthly run have no staff member: the path refuses them."""
    staff, person, case, application, calculation = _setup()
    with pytest.raises(DecisionRefused) as refused:
        sanctions.decide_with_sanction(
            application, calculation, None, person, "refuse", "Skäl.", decided_on=DAY
        )
    assert "Beslutet måste fattas av en inloggad medarbetare." in refused.value.messages
    assert not ActivitySanction.objects.exists()
