"""The quarterly figures for IVO: persons assigned an activity and persons refused/reduced, by barrier,
with counts 1–4 hidden and secondary suppression (bistand.statistics.cells.hidden_keys)."""

from datetime import date

import pytest

from bistand.cases.models import BarrierRegistration, Decision
from bistand.organisation.models import Role
from bistand.people.models import MemberRole
from bistand.reforms import ivo
from bistand.reforms.models import Activity, ActivitySanction
from tests.casework.factories import make_case, make_household, make_person, make_staff, make_unit

pytestmark = pytest.mark.django_db

UNEMPLOYED = "Arbetslös, ingen ersättning/stöd"
SICK = "Sjukskriven med läkarintyg, ingen sjukpenning"


def _world():
    """Q4 2026: 6 unemployed + 2 sick persons with activities; one more whose activity ended in September;
    one reduction (decision for November). All in one case (only persons are counted)."""
    unit = make_unit()
    people = [make_person(date(1980 + i, 1, 1), f"P{i}", "Test") for i in range(9)]
    household = make_household(unit.district, [(p, MemberRole.APPLICANT) for p in people])
    case = make_case(household, unit, number="EB-IVO")
    for i, person in enumerate(people):
        code = "sick_certified_no_benefit" if i in (6, 7) else "unemployed_no_benefit"
        BarrierRegistration.objects.create(case=case, person=person, month=date(2026, 11, 1), code=code)
        start, end = (date(2026, 10, 1), None) if i < 8 else (date(2026, 6, 1), date(2026, 9, 30))
        Activity.objects.create(
            case=case, person=person, kind="other", provider="X", hours_per_week=20, start=start, end=end
        )
    decision = Decision.objects.create(
        case=case,
        month=date(2026, 11, 1),
        outcome="partly_granted",
        total_granted=1,
        decided_on=date(2026, 11, 2),
        legal_basis="x",
    )
    ActivitySanction.objects.create(
        decision=decision, person=people[0], kind="reduce", reasons="x", legal_basis="x"
    )
    return unit


def test_counts_and_suppression():
    _world()
    counts = ivo.quarter_counts(2026, 4)
    # assigned in Q4: persons 0–5 unemployed (6), persons 6–7 sick (2); person 8 ended 30 Sep -> not counted
    assert {k: len(v) for k, v in counts["assigned"].items()} == {UNEMPLOYED: 6, SICK: 2}
    assert {k: len(v) for k, v in counts["reduced"].items()} == {UNEMPLOYED: 1}
    table = dict(ivo.quarter_table(2026, 4).rows)
    # assigned column: sick 2 is hidden; then it alone is hidden in the column, so the smallest other
    # non-zero part (unemployed 6) is hidden too; the total 8 is shown
    assert table[SICK]["assigned"] == "–" and table[UNEMPLOYED]["assigned"] == "–"
    assert table["Totalt"]["assigned"] == "8"
    # reduced column: 1 is hidden, and with no other non-zero part the total (1) is hidden as well
    assert table[UNEMPLOYED]["reduced"] == "–" and table["Totalt"]["reduced"] == "–"
    assert table["Totalt"]["refused"] == "0"
    # Q3: only person 8's activity (June–September) -> 1, hidden
    assert dict(ivo.quarter_table(2026, 3).rows)["Totalt"]["assigned"] == "–"


def test_export_view(client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))
    unit = _world()
    analyst = make_staff(unit, role=Role.ANALYST)
    client.force_login(analyst.user)
    response = client.get("/reformer/ivo/?kvartal=2026-4")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Försörjningshinder;Anvisade aktivitet;Vägrat försörjningsstöd;Nedsatt försörjningsstöd" in text
    assert "Totalt;8;0;–" in text
    assert client.get("/reformer/ivo/?kvartal=2026-5").status_code == 400
    form = client.get("/reformer/ivo/").content.decode()
    assert '<option value="2026-4">2026 kvartal 4</option>' in form  # the current quarter first
    worker = make_staff(unit, role=Role.CASEWORKER, first_name="Kim")
    client.force_login(worker.user)
    assert client.get("/reformer/ivo/?kvartal=2026-4").status_code == 403
