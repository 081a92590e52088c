"""A first application from someone Bistånd does not know yet: signed in with e-legitimation (the demo's
test login stands in for it), the household described by the resident, the case opened in the district's
unit for its manager to distribute, the application written, signed by both adults and in the queue.

Nothing is stored about a new person until they save the household; a partner already in another
household's open case, or a protected person, is refused with words that reveal nothing about them."""

from datetime import date
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from bistand.audit.models import AuditEvent
from bistand.cases.models import Calculation, Case
from bistand.eservice import auth
from bistand.eservice.models import ResidentApplication
from bistand.organisation.models import Role
from bistand.people.models import Household, HouseholdMember, MemberRole, Person
from tests.casework.factories import make_staff, make_unit, personal_number
from tests.eservice.helpers import resident_login
from tests.eservice.test_oidc import CONFIG
from tests.eservice.world import build_world

pytestmark = pytest.mark.django_db

NEW = personal_number(date(1992, 6, 15))  # the applicant, not in Bistånd
PARTNER = personal_number(date(1990, 2, 1))
CHILD = personal_number(date(2019, 9, 30))


@pytest.fixture
def world(settings):
    settings.BISTAND_ESERVICE_DEMO_LOGIN = True
    world = build_world()
    world.manager = make_staff(world.unit, role=Role.UNIT_MANAGER, first_name="Maja", last_name="Chef")
    # A second unit in the same district: first applications go to the district's first unit.
    world.second_unit = make_unit(
        name="Ekonomiskt bistånd Norr 2", district_name="Norr", municipality=world.unit.district.municipality
    )
    return world


def _sign_in_new(client, number=NEW, first="Nora", last="Nyström"):
    return client.post(
        "/mina-sidor/logga-in/test/", {"personnummer": number, "first_name": first, "last_name": last}
    )


def _household_form(world, **overrides):
    data = {
        "district": world.unit.district.pk,
        "phone": "070-123 45 67",
        "partner_number": PARTNER,
        "partner_first_name": "Per",
        "partner_last_name": "Nyström",
        "child0_number": CHILD,
        "child0_first_name": "Nils",
        "child0_last_name": "Nyström",
    }
    data.update(overrides)
    return data


def test_an_unknown_person_signs_in_as_a_new_applicant_and_nothing_is_stored_about_them(client, world):
    people = Person.objects.count()
    response = _sign_in_new(client)
    assert response["Location"] == "/mina-sidor/forsta-ansokan/"
    assert Person.objects.count() == people
    assert auth.SESSION_PERSON not in client.session
    login = AuditEvent.objects.get(action="login", client=auth.NEW_APPLICANT_CLIENT)
    assert NEW not in login.what and "Nora" not in login.what
    page = client.get("/mina-sidor/forsta-ansokan/").content.decode()
    assert "Nora Nyström" in page and "Var bor du?" in page
    # Other pages of Mina sidor send the new applicant back to the first application.
    assert client.get("/mina-sidor/utbetalningar/")["Location"] == "/mina-sidor/forsta-ansokan/"
    assert client.get("/mina-sidor/logga-in/")["Location"] == "/mina-sidor/forsta-ansokan/"
    # …and a new applicant is no staff member.
    assert client.get("/")["Location"].startswith("/logga-in/")


def test_the_household_is_registered_and_a_first_application_begun(client, world):
    _sign_in_new(client)
    response = client.post("/mina-sidor/forsta-ansokan/", _household_form(world))
    draft = ResidentApplication.objects.get()
    assert response["Location"] == f"/mina-sidor/ansokan/{draft.pk}/fyll-i/"
    nora = Person.objects.get(personal_number=NEW)
    assert (nora.first_name, nora.last_name, nora.birth_date) == ("Nora", "Nyström", date(1992, 6, 15))
    assert nora.phone == "070-123 45 67"
    case = draft.case
    assert case.unit == world.unit and case.caseworker is None and case.status == "open"
    assert case.opened_on == timezone.localdate()
    roles = {(m.person.personal_number, m.role) for m in case.household.memberships.all()}
    assert roles == {
        (NEW, MemberRole.APPLICANT),
        (PARTNER, MemberRole.CO_APPLICANT),
        (CHILD, MemberRole.CHILD),
    }
    assert draft.kind == "first" and draft.month == timezone.localdate().replace(day=1)
    assert draft.started_by == nora
    # The session is now Nora's own resident session.
    assert client.session[auth.SESSION_PERSON] == nora.pk
    assert auth.SESSION_NEW_IDENTITY not in client.session
    opened = AuditEvent.objects.get(action="create", case=case, what__contains="första ansökan")
    assert opened.client == auth.NEW_APPLICANT_CLIENT and opened.staff is None


def test_written_signed_by_both_and_in_the_unit_managers_list_of_new_cases(client, world):
    _sign_in_new(client)
    client.post("/mina-sidor/forsta-ansokan/", _household_form(world))
    draft = ResidentApplication.objects.get()
    client.post(
        f"/mina-sidor/ansokan/{draft.pk}/fyll-i/",
        {
            "cost-0-kind": "rent",
            "cost-0-amount": "7200",
            "income-0-kind": "child_allowance",
            "income-0-amount": "1250",
            "reason": "Jag har blivit arbetslös och a-kassan har inte börjat betala.",
            "assets": "Inga",
        },
    )
    response = client.post(f"/mina-sidor/ansokan/{draft.pk}/skriv-under/", {"confirm": "1"})
    draft.refresh_from_db()
    assert draft.status == "awaiting_signature" and draft.application is None
    # Per signs with his own login: he is now an adult of the household and sees the application.
    per = Person.objects.get(personal_number=PARTNER)
    per_client = Client()
    resident_login(per_client, per)
    assert "Väntar på underskrift" in per_client.get("/mina-sidor/").content.decode()
    response = per_client.post(f"/mina-sidor/ansokan/{draft.pk}/skriv-under/", {"confirm": "1"})
    draft.refresh_from_db()
    application = draft.application
    assert response["Location"] == f"/mina-sidor/arende/{draft.case_id}/ansokan/{application.pk}/"
    assert (application.kind, application.channel) == ("first", "e_service")
    assert Calculation.objects.filter(application=application).exists()
    # The unit manager sees the new case among those nobody holds yet, to distribute it.
    manager = Client()
    manager.force_login(world.manager.user)
    intake = manager.get("/intag/").content.decode()
    assert draft.case.number in intake and "ansökan från e-tjänsten" in intake


def test_a_person_alone_gets_a_household_of_one(client, world):
    _sign_in_new(client)
    client.post(
        "/mina-sidor/forsta-ansokan/",
        {"district": world.unit.district.pk, "phone": ""},
    )
    case = ResidentApplication.objects.get().case
    assert [m.person.personal_number for m in case.household.memberships.all()] == [NEW]


def test_mistakes_are_explained_and_nothing_typed_is_lost(client, world):
    _sign_in_new(client)
    households = Household.objects.count()
    too_old = personal_number(date(2000, 1, 1))  # 21 or older: applies in a case of their own
    response = client.post(
        "/mina-sidor/forsta-ansokan/",
        _household_form(
            world,
            partner_number="19900201-0000",
            child0_number=too_old,
            child1_number="",
            child1_first_name="Lo",
            district="",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Personnumret stämmer inte" in page
    assert "räknas inte som barn i hushållet" in page
    assert "Skriv personnumret." in page
    assert "Välj var du bor." in page
    assert 'value="Per"' in page and 'value="Lo"' in page and 'value="070-123 45 67"' in page
    assert Household.objects.count() == households and not Person.objects.filter(personal_number=NEW).exists()


def test_the_same_number_twice_is_refused(client, world):
    _sign_in_new(client)
    response = client.post("/mina-sidor/forsta-ansokan/", _household_form(world, partner_number=NEW))
    assert "Samma personnummer står två gånger" in response.content.decode()
    assert not ResidentApplication.objects.exists()


@pytest.mark.parametrize("who", ["in_open_case", "protected"])
def test_a_partner_staff_must_register_is_refused_without_saying_why(client, world, who):
    if who == "in_open_case":
        partner = world.dora  # the applicant of another household's open case
    else:
        partner = Person.objects.create(
            personal_number=PARTNER,
            first_name="Hemlig",
            last_name="Person",
            birth_date=date(1990, 2, 1),
            protected_identity="sekretessmarkering",
        )
    _sign_in_new(client)
    households, cases = Household.objects.count(), Case.objects.count()
    response = client.post(
        "/mina-sidor/forsta-ansokan/",
        _household_form(world, partner_number=partner.personal_number, partner_first_name="X"),
    )
    page = response.content.decode()
    assert "Vi kan inte ta emot ansökan för ert hushåll i e-tjänsten" in page
    assert "Dora" not in page and "Hemlig" not in page and "skydd" not in page
    assert (Household.objects.count(), Case.objects.count()) == (households, cases)
    assert not Person.objects.filter(personal_number=NEW).exists()
    assert not HouseholdMember.objects.filter(person=partner).exclude(household=world.other_case.household)


def test_a_resident_with_an_open_case_applies_from_the_overview(client, world):
    resident_login(client, world.anna)
    assert client.get("/mina-sidor/forsta-ansokan/")["Location"] == "/mina-sidor/"
    assert "Börja ansöka" not in client.get("/mina-sidor/").content.decode()


def test_a_known_person_without_an_open_case_applies_again(client, world):
    Case.objects.filter(pk=world.other_case.pk).update(status="closed")
    resident_login(client, world.dora)
    assert "Börja ansöka" in client.get("/mina-sidor/").content.decode()
    response = client.post("/mina-sidor/forsta-ansokan/", {"district": world.unit.district.pk})
    draft = ResidentApplication.objects.get()
    assert response["Location"] == f"/mina-sidor/ansokan/{draft.pk}/fyll-i/"
    assert draft.case != world.other_case and draft.started_by == world.dora
    assert Person.objects.filter(personal_number=world.dora.personal_number).count() == 1


def test_without_a_sign_in_the_page_asks_for_one(client, world):
    assert client.get("/mina-sidor/forsta-ansokan/")["Location"] == "/mina-sidor/logga-in/"


@override_settings(BISTAND_RESIDENT_OIDC=CONFIG)
def test_e_legitimation_of_an_unknown_person_leads_to_the_first_application(client, world):
    client.get("/mina-sidor/logga-in/e-legitimation/?next=/mina-sidor/")
    state = next(iter(client.session["oidc_states"]))
    identity = auth.NewIdentity(personal_number=NEW, first_name="Nora", last_name="Nyström")
    with mock.patch("bistand.eservice.oidc.ResidentOIDCBackend.authenticate", return_value=identity):
        response = client.get(f"/mina-sidor/logga-in/svar/?code=abc&state={state}")
    assert response["Location"] == "/mina-sidor/forsta-ansokan/"
    assert client.session[auth.SESSION_NEW_IDENTITY]["personal_number"] == NEW
    assert client.session[auth.SESSION_METHOD] == "oidc"
    client.post("/mina-sidor/forsta-ansokan/", {"district": world.unit.district.pk})
    draft = ResidentApplication.objects.get()
    assert draft.started_by.personal_number == NEW
    assert client.session[auth.SESSION_METHOD] == "oidc"


def test_a_new_applicant_whose_sign_in_gave_no_name_types_it(client, world):
    _sign_in_new(client, first="", last="")
    page = client.get("/mina-sidor/forsta-ansokan/").content.decode()
    assert "Ditt förnamn" in page
    response = client.post("/mina-sidor/forsta-ansokan/", {"district": world.unit.district.pk})
    assert "This field is required" not in response.content.decode()
    assert not ResidentApplication.objects.exists()
    client.post(
        "/mina-sidor/forsta-ansokan/",
        {"district": world.unit.district.pk, "first_name": "Nora", "last_name": "Nyström"},
    )
    assert Person.objects.get(personal_number=NEW).full_name == "Nora Nyström"


def test_the_claims_of_an_unknown_valid_number_make_a_new_identity():
    from bistand.eservice.config import DEFAULT_PNR_CLAIM
    from bistand.eservice.oidc import person_for_claims

    claims = {DEFAULT_PNR_CLAIM: f"{NEW[:8]}-{NEW[8:]}", "given_name": " Nora ", "family_name": "Nyström"}
    assert person_for_claims(claims, DEFAULT_PNR_CLAIM) == auth.NewIdentity(NEW, "Nora", "Nyström")
    assert person_for_claims({DEFAULT_PNR_CLAIM: NEW}, DEFAULT_PNR_CLAIM) == auth.NewIdentity(NEW, "", "")


def test_the_first_application_page_in_plain_swedish_and_in_english(client, world):
    from tests.eservice.test_pages import BUREAUCRATIC_WORDS

    _sign_in_new(client)
    text = client.get("/mina-sidor/forsta-ansokan/").content.decode().lower()
    assert [w for w in BUREAUCRATIC_WORDS if w in text] == []
    client.post("/mina-sidor/sprak/", {"language": "en", "next": "/mina-sidor/forsta-ansokan/"})
    page = client.get("/mina-sidor/forsta-ansokan/").content.decode()
    assert "Apply for financial assistance" in page and "Where do you live?" in page
    assert "Spouse or partner who lives with you" in page and "Save and continue" in page


def test_the_same_household_sent_twice_at_once_is_registered_once(client, world):
    """Two requests racing: the second finds the person the first has just stored (unique personnummer)."""
    from django.db import IntegrityError

    _sign_in_new(client)
    with mock.patch("bistand.eservice.services.begin_first_application", side_effect=IntegrityError):
        response = client.post("/mina-sidor/forsta-ansokan/", _household_form(world))
    assert response.status_code == 302 and response["Location"] == "/mina-sidor/logga-in/"
    assert "Ditt hushåll är redan registrerat" in client.get("/mina-sidor/", follow=True).content.decode()
