"""The Django admin as the daily administrator (no superuser): protected persons never shown, protection
never changed, every look and change of persons and the staff register audited, no self-service.

World (tests/casework/views_world.py): Anna Ek (unprotected, case EB-00001) and Sara Dold (protected
registration, address Hemligvägen 7, case EB-00002) in Norr 1; Eva Admin is the administrator.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User

from bistand.audit.models import AuditEvent
from bistand.organisation.models import Role
from bistand.organisation.staff_register import ADMIN_GROUP, sync_admin_access
from tests.casework.factories import make_person, make_staff
from tests.casework.views_world import SECRET_ADDRESS, build_world

pytestmark = pytest.mark.django_db

PERSONS = "/admin/people/person/"
HOUSEHOLDS = "/admin/people/household/"
STAFF = "/admin/organisation/staffmember/"


@pytest.fixture
def world(settings):
    world = build_world()
    world.admin = make_staff(world.case.unit, Role.ADMINISTRATOR, "Eva", "Admin")
    sync_admin_access(world.admin)
    world.sara = world.protected_case.applicant
    world.anna = world.case.applicant
    return world


def secrets(world) -> list[str]:
    number = world.sara.personal_number  # twelve digits; also the dashed form and the short form
    return ["Dold", number, world.sara.personal_number_display, number[2:], SECRET_ADDRESS, "Hemligstad"]


def assert_hidden(world, content: bytes, url: str, searched: str = "") -> None:
    text = content.decode()
    if searched:  # the page repeats what was typed (search box, links); that is not the admin showing her
        assert "0 resultat" in text, url
        text = text.replace(searched, "")
    for secret in secrets(world):
        assert secret not in text, (secret, url)


def test_the_administrator_is_no_superuser_and_does_the_daily_work(client, world):
    user = world.admin.user
    assert not user.is_superuser and user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [ADMIN_GROUP]
    perms = user.get_all_permissions()
    assert {"organisation.change_staffmember", "auth.change_user", "people.change_person"} <= perms
    # No way to raise oneself: no groups, no permissions, no audit log, no access grants.
    assert not any(
        p.startswith(("auth.add_group", "auth.change_group", "auth.change_permission")) for p in perms
    )
    assert not any(p.startswith("casework.") for p in perms)

    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    staff_list = client.get(STAFF)
    assert staff_list.status_code == 200 and "Hanna Holm" in staff_list.content.decode()
    assert AuditEvent.objects.filter(staff=world.admin, action="list", path=STAFF).exists()
    kim = client.get(f"{STAFF}{world.colleague.pk}/change/")
    assert kim.status_code == 200
    event = AuditEvent.objects.filter(staff=world.admin, action="view").latest("id")
    assert f"medarbetare {world.colleague.pk}" in event.what


@pytest.mark.parametrize("superuser", [False, True])
def test_protected_persons_never_appear_in_the_admin(client, world, superuser):
    if superuser:
        client.force_login(User.objects.create_superuser("nodkonto", password="x"))
    else:
        client.force_login(world.admin.user)
    sara, number = world.sara, world.sara.personal_number
    hidden_household = world.protected_case.household
    urls = [
        PERSONS,
        f"{PERSONS}?q=Dold",
        f"{PERSONS}?q={number}",
        f"{PERSONS}?protected_identity__exact=protected_registration",
        f"{PERSONS}?_to_field=id&_popup=1",
        HOUSEHOLDS,
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_hidden(world, response.content, url, searched=response.wsgi_request.GET.get("q", ""))
    # The list works — Anna is there — it is only Sara who is left out.
    assert "Anna Ek" in client.get(PERSONS).content.decode()
    assert "protected_identity" not in client.get(PERSONS).content.decode()  # no filter by protection
    # Her own pages answer like a missing object: back to the admin's start, nothing shown.
    for url in (f"{PERSONS}{sara.pk}/change/", f"{HOUSEHOLDS}{hidden_household.pk}/change/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/", url
        assert_hidden(world, response.content, url)


def test_the_admin_cannot_remove_or_set_protection(client, world):
    client.force_login(world.admin.user)
    data = {
        "personal_number": world.sara.personal_number,
        "first_name": "Sara",
        "last_name": "Synlig",
        "birth_date": "1985-02-03",
        "protected_identity": "",
    }
    client.post(f"{PERSONS}{world.sara.pk}/change/", data)
    world.sara.refresh_from_db()
    assert (world.sara.protected_identity, world.sara.last_name) == ("protected_registration", "Dold")

    # On Anna's page the protection field is not part of the form, so it cannot be set either.
    data = {"personal_number": world.anna.personal_number, "first_name": "Anna", "last_name": "Ek"}
    client.post(
        f"{PERSONS}{world.anna.pk}/change/",
        {**data, "birth_date": "1990-04-01", "protected_identity": "protected_registration"},
    )
    world.anna.refresh_from_db()
    assert world.anna.protected_identity == ""


def test_admin_views_and_edits_of_a_person_are_audited(client, world):
    client.force_login(world.admin.user)
    url = f"{PERSONS}{world.anna.pk}/change/"
    assert client.get(url).status_code == 200
    viewed = AuditEvent.objects.filter(staff=world.admin, action="view").latest("id")
    assert viewed.path == url and f"person {world.anna.pk}" in viewed.what

    data = {"personal_number": world.anna.personal_number, "first_name": "Anna", "last_name": "Ekström"}
    response = client.post(url, {**data, "birth_date": "1990-04-01"})
    assert response.status_code == 302
    world.anna.refresh_from_db()
    assert world.anna.last_name == "Ekström"
    changed = AuditEvent.objects.filter(staff=world.admin, action="admin").latest("id")
    assert f"ändrade person {world.anna.pk}" in changed.what and "efternamn" in changed.what
    assert "Ekström" not in changed.what  # field names only, never the values
    # The admin's own "recent actions" list names her by id: she may be protected one day.
    assert LogEntry.objects.get(object_id=str(world.anna.pk)).object_repr == f"Person {world.anna.pk}"


def staff_form(member, **changes) -> dict:
    data = {
        "user": member.user_id,
        "role": member.role,
        "units": [u.pk for u in member.units.all()],
        "title": member.title,
        "employment_rate": "100",
        "weekly_hours_full_time": "40",
    }
    return {**data, **changes}


def test_admin_changes_of_staff_are_audited_and_admin_access_follows_the_role(client, world):
    client.force_login(world.admin.user)
    url = f"{STAFF}{world.colleague.pk}/change/"
    response = client.post(url, staff_form(world.colleague, role=Role.ADMINISTRATOR))
    assert response.status_code == 302
    world.colleague.refresh_from_db()
    kim = world.colleague.user
    kim.refresh_from_db()
    assert world.colleague.role == Role.ADMINISTRATOR and kim.is_staff and not kim.is_superuser
    assert list(kim.groups.values_list("name", flat=True)) == [ADMIN_GROUP]
    event = AuditEvent.objects.filter(staff=world.admin, action="admin").latest("id")
    assert f"ändrade medarbetare {world.colleague.pk}" in event.what and "roll" in event.what

    client.post(url, staff_form(world.colleague, role=Role.CASEWORKER))
    kim.refresh_from_db()
    assert not kim.is_staff and not kim.groups.exists()
    assert AuditEvent.objects.filter(staff=world.admin, action="admin").count() == 2


def test_the_admin_cannot_change_their_own_record_password_or_superuser_flags(client, world):
    client.force_login(world.admin.user)
    own = f"{STAFF}{world.admin.pk}/change/"
    assert client.post(own, staff_form(world.admin, role=Role.CASEWORKER)).status_code in (403, 404)
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMINISTRATOR
    assert (
        client.post(f"/admin/auth/user/{world.admin.user_id}/change/", {"username": "x"}).status_code == 403
    )

    # Another person's password: refused (it would let the admin sign in as a caseworker).
    hanna = world.owner.user
    url = f"/admin/auth/user/{hanna.pk}/password/"
    response = client.post(
        url, {"password1": "Nytt-lösen-123!", "password2": "Nytt-lösen-123!", "set_usable_password": "true"}
    )
    assert response.status_code in (403, 404)
    hanna.refresh_from_db()
    assert not hanna.check_password("Nytt-lösen-123!")

    # Superuser flag, groups and permissions are read-only; superuser accounts are out of reach.
    kim = world.colleague.user
    client.post(
        f"/admin/auth/user/{kim.pk}/change/",
        {
            "username": kim.username,
            "first_name": "Kim",
            "last_name": "Berg",
            "email": "",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    kim.refresh_from_db()
    assert not kim.is_superuser and not kim.is_staff
    root = User.objects.create_superuser("nodkonto", password="x")
    assert client.get(f"/admin/auth/user/{root.pk}/change/").status_code == 302
    assert "nodkonto" not in client.get("/admin/auth/user/").content.decode()


def test_the_admin_creates_accounts_without_a_password_and_it_is_audited(client, world):
    client.force_login(world.admin.user)
    data = {"username": "ny.handlaggare", "first_name": "Ny", "last_name": "Handläggare", "email": ""}
    response = client.post("/admin/auth/user/add/", {**data, "password1": "x", "is_superuser": "on"})
    assert response.status_code == 302
    user = User.objects.get(username="ny.handlaggare")
    # Signs in through the municipality's login; the admin never knows a password for the account.
    assert not user.has_usable_password() and not user.is_superuser and not user.is_staff
    event = AuditEvent.objects.filter(staff=world.admin, action="admin").latest("id")
    assert event.what == f"Administration: lade till användarkonto {user.pk} (ny.handlaggare)"


def test_a_protected_person_cannot_be_picked_as_a_household_member(client, world):
    client.force_login(world.admin.user)
    household = world.case.household
    anna_member = household.memberships.get()
    url = f"{HOUSEHOLDS}{household.pk}/change/"
    data = {
        "district": household.district_id,
        "dwelling_size": "",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": anna_member.pk,
        "memberships-0-household": household.pk,
        "memberships-0-person": world.anna.pk,
        "memberships-0-role": "applicant",
        "memberships-0-valid_from": "2024-01-01",
        "memberships-1-household": household.pk,
        "memberships-1-person": world.sara.pk,  # typed in by id: refused, and her name is not echoed
        "memberships-1-role": "co_applicant",
        "memberships-1-valid_from": "2026-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with an error
    assert household.memberships.count() == 1
    assert_hidden(world, response.content, url)
    data["memberships-1-person"] = make_person(first_name="Bo", last_name="Ek").pk
    assert client.post(url, data).status_code == 302
    assert household.memberships.count() == 2
