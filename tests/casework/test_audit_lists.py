"""Lists that name clients and the audit search by person.

A start page or a follow-up list shows clients' names: each page view writes one audit row (action
"list") linked to every case it showed, and a unit manager's search by personnummer finds both the case
pages opened for the person and the lists that included the person's case.
"""

from datetime import date

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.cases.models import CaseStatus
from bistand.people.models import MemberRole
from bistand.selfsupport.plans import GoalInput, create_plan
from tests.casework.factories import make_case, make_household, make_person
from tests.casework.views_world import build_world

pytestmark = pytest.mark.django_db
PERSON_AUDIT = "/logg/person/"


@pytest.fixture
def world(settings):
    return build_world()


def listed_numbers(event) -> set[str]:
    return {link.case.number for link in event.case_links.select_related("case")}


def test_the_caseworkers_start_page_writes_one_list_row_naming_her_cases(client, world):
    client.force_login(world.owner.user)
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action="list")
    # Hanna holds two open cases in the world: Anna Ek's and Sara Dold's.
    assert listed_numbers(event) == {"EB-00001", "EB-00002"}
    assert event.staff == world.owner and event.case is None and event.path == "/"
    assert "2 ärenden" in event.what


def test_the_managers_start_page_names_the_cases_without_a_caseworker(client, world):
    person = make_person(date(1979, 1, 9), "Bo", "Utan")
    household = make_household(world.case.unit.district, [(person, MemberRole.APPLICANT)])
    make_case(household, world.case.unit, caseworker=None, number="EB-00003")
    client.force_login(world.manager.user)
    page = client.get("/").content.decode()
    assert "EB-00003" in page
    assert listed_numbers(AuditEvent.objects.get(action="list")) == {"EB-00003"}


def test_the_follow_up_list_names_the_cases_of_its_plans(client, world):
    anna = world.case.household.memberships.get().person
    create_plan(
        world.case,
        anna,
        world.owner,
        established_on=date(2026, 9, 1),
        goals=[GoalInput("Jobb")],
        client_participated=True,
        agreed_on=None,
        agreement_method="",
    )
    client.force_login(world.owner.user)
    assert client.get(reverse("selfsupport:follow_ups")).status_code == 200
    event = AuditEvent.objects.get(action="list")
    assert listed_numbers(event) == {"EB-00001"} and "Uppföljningar" in event.what


def test_a_closed_case_is_not_on_the_start_page_nor_in_its_row(client, world):
    type(world.case).objects.filter(pk=world.case.pk).update(status=CaseStatus.CLOSED)
    client.force_login(world.owner.user)
    client.get("/")
    assert listed_numbers(AuditEvent.objects.get(action="list")) == {"EB-00002"}


def test_the_search_by_person_finds_the_case_view_and_the_list_and_is_audited(client, world):
    anna = world.case.household.memberships.get().person
    client.force_login(world.owner.user)
    client.get("/")  # a list naming EB-00001 (and EB-00002)
    client.get(reverse("casework:case", args=[world.case.pk]))  # Hanna opens Anna's case
    client.force_login(world.manager.user)
    response = client.get(PERSON_AUDIT, {"personal_number": anna.personal_number_display})
    assert response.status_code == 200
    found = {(e.action, e.staff_id, e.case_id) for e in response.context["page"]}
    assert ("view", world.owner.pk, world.case.pk) in found
    assert ("list", world.owner.pk, None) in found
    html = response.content.decode()
    assert "Anna Ek" in html and "EB-00001" in html
    # Sara Dold's case was on the same list, but no event only about her case is in Anna's result.
    assert all(e.case_id != world.protected_case.pk for e in response.context["page"])
    search = AuditEvent.objects.filter(action="audit_search", staff=world.manager).latest("id")
    assert listed_numbers(search) == {"EB-00001"} and anna.personal_number_display in search.what
    again = client.get(PERSON_AUDIT, {"personal_number": anna.personal_number})
    assert search.pk in {e.pk for e in again.context["page"]}  # the first search is in the second one


def test_the_search_by_person_hides_a_protected_name_and_is_for_managers_only(client, world):
    sara = world.protected_case.household.memberships.get().person
    client.force_login(world.owner.user)
    assert client.get(PERSON_AUDIT, {"personal_number": sara.personal_number}).status_code == 403
    client.force_login(world.manager.user)
    html = client.get(PERSON_AUDIT, {"personal_number": sara.personal_number}).content.decode()
    assert "Dold" not in html and "EB-00002" in html


def test_a_bad_personnummer_gets_a_swedish_message(client, world):
    client.force_login(world.manager.user)
    response = client.get(PERSON_AUDIT, {"personal_number": "19900401-0000"})
    assert response.status_code == 200 and "inte ett giltigt personnummer" in response.content.decode()
    assert not AuditEvent.objects.filter(action="audit_search").exists()
