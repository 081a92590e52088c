"""Intake through the web pages: search (unit-scoped, audited, protected identities hidden), registering a
new household with its case, and distributing cases. The world is tests/casework/views_world.py: Anna Ek
(EB-00001) and the protected Sara Dold (EB-00002) in Norr 1, both held by Hanna; Kim is Hanna's colleague,
Eva the unit manager, Olle a caseworker in Söder 1."""

from datetime import date

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.cases.models import Case, CaseAssignment
from bistand.intake import services
from bistand.intake.search import search
from bistand.people.models import HouseholdMember, Person
from tests.casework.factories import luhn_check_digit, make_household, make_person
from tests.casework.views_world import SECRET_ADDRESS, build_world

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.fixture
def world():
    return build_world()


def coordination_number(birth: date, serial: int) -> str:
    """A samordningsnummer: the day of birth plus 60, with a correct check digit."""
    short = f"{birth:%y%m}{birth.day + 60:02d}{serial:03d}"
    return f"{birth:%Y%m}{birth.day + 60:02d}{serial:03d}{luhn_check_digit(short)}"


def names(hits) -> list[tuple[str, str]]:
    return [(h.person.full_name, h.case.number) for h in hits]


def test_search_by_name_finds_only_cases_of_ones_own_unit(world):
    assert names(search(staff=world.colleague, query="anna ek", today=TODAY)) == [("Anna Ek", "EB-00001")]
    assert search(staff=world.other, query="Anna Ek", today=TODAY) == []  # Söder 1 does not reach Norr 1


def test_search_by_personnummer_in_any_common_form(world):
    anna = world.case.applicant
    short = anna.personal_number[2:8] + "-" + anna.personal_number[8:]  # ÅÅMMDD-NNNN
    for query in (anna.personal_number, anna.personal_number_display, short):
        assert names(search(staff=world.colleague, query=query, today=TODAY)) == [("Anna Ek", "EB-00001")]


def test_search_by_samordningsnummer_and_case_number(world):
    number = coordination_number(date(1988, 5, 7), 123)
    nils = make_person(date(1988, 5, 7), "Nils", "Nord", personal_number=number)
    HouseholdMember.objects.create(
        household=world.case.household, person=nils, role="co_applicant", valid_from=date(2026, 9, 1)
    )
    assert names(search(staff=world.colleague, query=number[:8] + "-" + number[8:], today=TODAY)) == [
        ("Nils Nord", "EB-00001")
    ]
    assert names(search(staff=world.colleague, query="eb-00001", today=TODAY))[0] == ("Anna Ek", "EB-00001")


def test_a_protected_person_is_found_only_by_staff_who_may_open_the_case(world):
    assert search(staff=world.colleague, query="Sara Dold", today=TODAY) == []
    assert search(staff=world.manager, query="Dold", today=TODAY) == []
    assert names(search(staff=world.owner, query="Dold", today=TODAY)) == [("Sara Dold", "EB-00002")]


def test_the_search_page_is_audited_with_the_cases_found_and_shows_no_address(client, world):
    client.force_login(world.owner.user)
    page = client.get(reverse("intake:intake"), {"q": "Dold"})
    html = page.content.decode()
    assert "Sara Dold" in html and "EB-00002" in html
    assert SECRET_ADDRESS not in html and "Storgatan" not in html
    event = AuditEvent.objects.filter(action="search").latest("id")
    assert event.staff == world.owner and list(event.cases.all()) == [world.protected_case]
    assert "Dold" not in event.what  # the log names the cases, not the words searched for


def test_a_search_that_finds_nothing_offers_to_register(client, world):
    client.force_login(world.colleague.user)
    html = client.get(reverse("intake:intake"), {"q": "Ingen Alls"}).content.decode()
    assert "Ingen person eller inget ärende hittades" in html
    assert reverse("intake:register") in html


def register_data(world, **changes) -> dict:
    data = {
        "personal_number": "19850317-1238",
        "first_name": "Omar",
        "last_name": "Haddad",
        "street_address": "Lingonvägen 3",
        "postal_code": "12345",
        "city": "Demostad",
        "household_from": "2026-11-01",
        "unit": world.case.unit_id,
        "child0_personal_number": "20150605-1234",
        "child0_first_name": "Lina",
        "child0_last_name": "Haddad",
    }
    data.update(changes)
    return data


def valid_pnr(birth: date, serial: int) -> str:
    short = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn_check_digit(short)}"


def test_register_a_household_and_open_an_unassigned_case(client, world):
    client.force_login(world.colleague.user)
    data = register_data(
        world,
        personal_number=valid_pnr(date(1985, 3, 17), 123),
        child0_personal_number=valid_pnr(date(2015, 6, 5), 456),
    )
    response = client.post(reverse("intake:register"), data)
    case = Case.objects.get(household__memberships__person__first_name="Omar")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:application_new", args=[case.pk])
    assert case.number == f"EB-{TODAY.year}-00001" and case.caseworker is None  # the manager distributes it
    members = sorted((m.person.first_name, m.role, m.valid_from) for m in case.household.memberships.all())
    assert members == [("Lina", "child", date(2026, 11, 1)), ("Omar", "applicant", date(2026, 11, 1))]
    assert Person.objects.get(first_name="Omar").birth_date == date(1985, 3, 17)
    event = AuditEvent.objects.get(case=case, action="create")
    assert event.staff == world.colleague
    # The first application form offers a first application (nyansökan).
    form = client.get(response["Location"]).context["head"]
    assert form["kind"].value() == "first"


def test_a_wrong_personnummer_keeps_everything_typed(client, world):
    client.force_login(world.colleague.user)
    response = client.post(reverse("intake:register"), register_data(world, personal_number="19850317-1230"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "”19850317-1230” är inte ett giltigt personnummer eller samordningsnummer" in html
    assert 'value="Lingonvägen 3"' in html and 'value="Lina"' in html
    assert not Case.objects.filter(number__startswith="EB-2026-").exists()


def test_a_child_row_half_filled_is_pointed_out(client, world):
    client.force_login(world.colleague.user)
    data = register_data(world, personal_number=valid_pnr(date(1985, 3, 17), 123))
    data.update(child0_personal_number=valid_pnr(date(2015, 6, 5), 456), child0_first_name="")
    response = client.post(reverse("intake:register"), data)
    assert response.status_code == 400
    assert "Fyll i det här också, eller töm raden." in response.content.decode()


def test_a_person_known_in_another_unit_is_not_registered_again(client, world):
    olle_unit = world.other.units.get()
    stina = make_person(date(1970, 1, 2), "Stina", "Söder")
    services.Case.objects.create(
        number="EB-S-1",
        household=make_household(olle_unit.district, [(stina, "applicant")]),
        unit=olle_unit,
        opened_on=date(2025, 1, 2),
    )
    client.force_login(world.colleague.user)
    data = register_data(world, personal_number=stina.personal_number_display, child0_personal_number="")
    data.update(child0_first_name="", child0_last_name="")
    response = client.post(reverse("intake:register"), data)
    assert response.status_code == 409
    assert (
        "det finns redan uppgifter om personen som du inte har behörighet till" in response.content.decode()
    )
    assert Case.objects.filter(household__memberships__person=stina).count() == 1


def test_a_child_who_has_turned_21_cannot_be_registered_as_a_child(world):
    actor = services.Actor(world.colleague.user, world.colleague, "/intag/ny/")
    with pytest.raises(services.IntakeRefused, match="har fyllt 21 år"):
        services.open_case(
            actor=actor,
            unit=world.case.unit,
            applicant=services.PersonInput(valid_pnr(date(1970, 3, 17), 111), "Eva", "Al"),
            children=[services.PersonInput(valid_pnr(date(2005, 1, 10), 222), "Adam", "Al")],
            household_from=date(2026, 11, 1),
            opened_on=TODAY,
        )
    assert not Person.objects.filter(first_name="Eva").exists()  # the transaction left nothing behind


def open_unassigned(world):
    actor = services.Actor(world.colleague.user, world.colleague, "/intag/ny/")
    return services.open_case(
        actor=actor,
        unit=world.case.unit,
        applicant=services.PersonInput(valid_pnr(date(1980, 2, 2), 333), "Per", "Ny"),
        household_from=date(2026, 11, 1),
        opened_on=TODAY,
    )


def test_a_caseworker_takes_an_unassigned_case_from_the_intake_page(client, world):
    case = open_unassigned(world)
    client.force_login(world.colleague.user)
    page = client.get(reverse("intake:intake")).content.decode()
    assert case.number in page and "Ta ärendet" in page
    client.post(reverse("intake:assign", args=[case.pk]), {"take": "1"})
    case.refresh_from_db()
    assert case.caseworker == world.colleague
    assert CaseAssignment.objects.get(case=case).caseworker == world.colleague
    assert AuditEvent.objects.filter(case=case, action="assign", staff=world.colleague).exists()


def test_only_the_unit_manager_moves_a_case_someone_holds(world):
    case = open_unassigned(world)
    kim = services.Actor(world.colleague.user, world.colleague, "")
    eva = services.Actor(world.manager.user, world.manager, "")
    services.assign_case(actor=kim, case=case, caseworker=world.colleague, on=date(2026, 12, 1))
    with pytest.raises(services.IntakeRefused, match="Bara enhetschefen fördelar ärenden"):
        services.assign_case(
            actor=services.Actor(None, world.owner, ""), case=case, caseworker=world.owner, on=TODAY
        )
    services.assign_case(actor=eva, case=case, caseworker=world.owner, on=date(2026, 12, 10))
    periods = list(
        CaseAssignment.objects.filter(case=case).values_list("caseworker", "start_date", "end_date")
    )
    assert periods == [
        (world.colleague.pk, date(2026, 12, 1), date(2026, 12, 9)),
        (world.owner.pk, date(2026, 12, 10), None),
    ]
    assert AuditEvent.objects.filter(case=case, action="assign", staff=world.manager).count() == 1


def test_the_unit_manager_distributes_a_new_case_from_the_intake_page(client, world):
    case = open_unassigned(world)
    client.force_login(world.manager.user)
    page = client.get(reverse("intake:intake"))
    assert f'name="c{case.pk}-caseworker"' in page.content.decode()
    response = client.post(
        reverse("intake:assign", args=[case.pk]), {f"c{case.pk}-caseworker": world.owner.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.caseworker == world.owner
    event = AuditEvent.objects.get(case=case, action="assign")
    assert event.what == f"Fördelade ärende {case.number} till Hanna Holm" and event.staff == world.manager


def test_a_household_with_a_protected_person_is_held_by_the_one_who_registers_it(world):
    hidden = make_person(date(1979, 6, 6), "Dolda", "Person", protected_identity="protected_registration")
    actor = services.Actor(world.colleague.user, world.colleague, "/intag/ny/")
    case = services.open_case(
        actor=actor,
        unit=world.case.unit,
        applicant=services.PersonInput(valid_pnr(date(1980, 2, 2), 333), "Per", "Ny"),
        partner=services.PersonInput(hidden.personal_number, "Dolda", "Person"),
        household_from=date(2026, 11, 1),
        opened_on=TODAY,
    )
    # Unassigned, nobody could reach it (a protected case is visible only to its caseworker and grantees).
    assert case.caseworker == world.colleague
    assert names(search(staff=world.colleague, query="Dolda Person", today=TODAY)) == [
        ("Dolda Person", case.number)
    ]
    assert search(staff=world.owner, query="Dolda Person", today=TODAY) == []


def test_a_few_digits_list_nobody_but_a_birth_date_finds_the_person(world):
    anna = world.case.applicant
    assert search(staff=world.colleague, query="19", today=TODAY) == []
    assert search(staff=world.colleague, query=anna.personal_number[:4], today=TODAY) == []
    found = search(staff=world.colleague, query=anna.personal_number[2:8], today=TODAY)  # ÅÅMMDD
    assert names(found) == [("Anna Ek", "EB-00001")]
