"""Per-person records from the case file: forms, the flags switching on at their dates, the start-page
list of adults without an activity, and the administrator's status change."""

from datetime import date

import pytest

from bistand.audit.audit import AuditEvent
from bistand.cases.models import Case
from bistand.people.models import HouseholdMember, MemberRole
from bistand.reforms import hooks, services
from bistand.reforms.models import (
    Activity,
    ActivityExemption,
    Lease,
    MedicalCertificate,
    ReformRuleSetting,
    ResidenceStatus,
)
from bistand.rules import reforms as rules
from tests.casework.decision_fixtures import example_setup
from tests.casework.factories import (
    make_application,
    make_case,
    make_household,
    make_person,
    make_staff,
    make_unit,
    register_barriers,
)
from tests.reforms.helpers import JUL_SEP_2026, paid

pytestmark = pytest.mark.django_db

RENT = [("cost", "rent", 6_000)]


def test_certificate_flag_from_july_2026_and_the_form_clears_it(client):
    unit, staff, person, case, june, _ = example_setup(month=date(2026, 6, 1), items=RENT)
    register_barriers(case, date(2026, 6, 1), code="sick_certified_no_benefit")
    july = make_application(case, month=date(2026, 7, 1), items=RENT)
    assert services.application_flags(june) == []  # before 1 July 2026
    flags = services.application_flags(july)  # the June barrier is the latest registered
    assert len(flags) == 1 and flags[0].startswith("Åsa Öberg: läkarintyg saknas")
    client.force_login(staff.user)
    response = client.post(
        f"/reformer/arenden/{case.pk}/ny/lakarintyg/",
        {"person": person.pk, "issued_on": "2026-06-28", "start": "2026-07-01", "end": "2026-07-31"},
    )
    assert response.status_code == 302
    assert MedicalCertificate.objects.get(person=person).end == date(2026, 7, 31)
    assert AuditEvent.objects.filter(action="create", case=case).exists()
    assert services.application_flags(july) == []
    august = make_application(case, month=date(2026, 8, 1), items=RENT)
    assert "läkarintyget gällde till 2026-07-31" in services.application_flags(august)[0]


def test_lease_and_residence_flags_from_january_2027(client):
    unit, staff, person, case, december, _ = example_setup(month=date(2026, 12, 1), items=RENT)
    january = make_application(case, month=date(2027, 1, 1), items=RENT)
    client.force_login(staff.user)
    for kind, data in [
        ("hyresforhallande", {"second_hand": "on", "consent": "", "start": "2026-05-01"}),
        (
            "vistelse",
            {"person": person.pk, "status": "none", "basis": "Avslag på ansökan", "start": "2026-03-01"},
        ),
    ]:
        assert client.post(f"/reformer/arenden/{case.pk}/ny/{kind}/", data).status_code == 302, kind
    assert Lease.objects.get(case=case).second_hand
    assert ResidenceStatus.objects.get(person=person).status == "none"
    assert services.application_flags(december) == []
    flags = services.application_flags(january)
    assert len(flags) == 2
    assert flags[0].startswith(
        "Åsa Öberg: saknar rätt att vistas i sverige för månaden. Kan bara få nödbistånd"
    )
    assert flags[1].startswith("Hyran avser en andrahandsupplåtelse utan dokumenterat samtycke")
    # consent documented and a permit: no flags
    Lease.objects.update(consent="landlord", consent_documented_on=date(2026, 12, 10))
    ResidenceStatus.objects.create(
        person=person, status="permit", basis="Permanent uppehållstillstånd", start=date(2026, 12, 15)
    )
    assert services.application_flags(january) == []
    # a child of the household with a pending application for a permit is flagged too
    child = make_person(date(2015, 6, 1), "Lo", "Öberg")
    HouseholdMember.objects.create(
        household=case.household, person=child, role=MemberRole.CHILD, valid_from=date(2026, 1, 1)
    )
    ResidenceStatus.objects.create(
        person=child, status="pending", basis="Ansökan inlämnad", start=date(2026, 11, 1)
    )
    flags = services.application_flags(january)
    assert len(flags) == 1 and flags[0].startswith("Lo Öberg: ansökan om tillstånd pågår för månaden.")


def test_forms_refuse_bad_input_in_swedish(client):
    unit, staff, person, case, application, _ = example_setup()
    client.force_login(staff.user)
    response = client.post(
        f"/reformer/arenden/{case.pk}/ny/hyresforhallande/",
        {"second_hand": "on", "consent": "landlord", "start": "2026-05-01", "end": "2026-04-01"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Slutdatum kan inte ligga före startdatum." in page
    assert "Ange när samtycket eller tillståndet dokumenterades." in page
    assert not Lease.objects.exists()
    other = make_person(date(1980, 1, 1), "Ola", "Annan")  # not in the household
    response = client.post(
        f"/reformer/arenden/{case.pk}/ny/aktivitet/",
        {
            "person": other.pk,
            "kind": "studies",
            "provider": "Komvux",
            "hours_per_week": 40,
            "start": "2026-10-01",
        },
    )
    assert response.status_code == 400 and not Activity.objects.exists()
    assert client.get(f"/reformer/arenden/{case.pk}/ny/okand/").status_code == 404


def test_case_page_shows_requirement_and_records(client):
    unit, staff, person, case, application, _ = example_setup(month=date(2026, 10, 1))
    paid(case, JUL_SEP_2026)
    ActivityExemption.objects.create(person=person, kind="sickness_benefit", start=date(2026, 10, 1))
    client.force_login(staff.user)
    case_file = client.get(f"/arenden/{case.pk}/").content.decode()
    assert f"/reformer/arenden/{case.pk}/" in case_file
    page = client.get(f"/reformer/arenden/{case.pk}/?manad=2026-10").content.decode()
    assert (
        "Aktivitetskrav:</strong> gäller inte. Undantag: Sjukpenning, sjukersättning eller liknande." in page
    )
    page = client.get(f"/reformer/arenden/{case.pk}/?manad=2026-09").content.decode()
    assert "Aktivitetskravet tillämpas från och med oktober 2026." in page
    other = make_staff(make_unit(name="Annan enhet", district_name="Norr"))
    client.force_login(other.user)
    assert client.get(f"/reformer/arenden/{case.pk}/").status_code == 404


def test_start_page_lists_adults_without_activity(client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 10, 15))
    unit, staff, person, case, application, _ = example_setup(month=date(2026, 10, 1))
    paid(case, JUL_SEP_2026)
    # a second household: Per (adult, 3 months) with an activity, and his daughter of 16 (never required)
    per, child = make_person(date(1985, 2, 2), "Per", "Holm"), make_person(date(2010, 3, 3), "Lo", "Holm")
    household = make_household(unit.district, [(per, MemberRole.APPLICANT), (child, MemberRole.CHILD)])
    case2 = make_case(household, unit, caseworker=staff, number="EB-2026-002")
    paid(case2, JUL_SEP_2026)
    Activity.objects.create(
        case=case2, person=per, kind="studies", provider="Komvux", hours_per_week=40, start=date(2026, 10, 1)
    )
    rows = hooks.adults_without_activity([case, case2], date(2026, 10, 1))
    assert [(r["case"].number, r["person"].full_name) for r in rows] == [("EB-2026-001", "Åsa Öberg")]
    # before October 2026 nobody is listed
    assert hooks.adults_without_activity([case, case2], date(2026, 9, 1)) == []
    client.force_login(staff.user)
    page = client.get("/").content.decode()
    assert "Aktivitetskrav utan anvisad aktivitet" in page
    assert f"/reformer/arenden/{case.pk}/ny/aktivitet/?person={person.pk}" in page


def test_administrator_marks_a_rule_enacted():
    assert rules.rule(rules.RESIDENCE).status == "proposed"
    ReformRuleSetting.objects.create(
        rule_id=rules.RESIDENCE, status="enacted", legal_basis="SoL (2025:400) 12 kap. x §"
    )
    assert rules.rule(rules.RESIDENCE).status_label == "Beslutad"
    assert rules.rule(rules.RESIDENCE).legal_basis == "SoL (2025:400) 12 kap. x §"
    assert rules.rule(rules.LEASE).status == "proposed"


def test_no_cases_means_nobody_without_activity():
    assert hooks.adults_without_activity([], date(2026, 10, 1)) == []
    assert hooks.adults_without_activity(Case.objects.none(), date(2026, 10, 1)) == []
