"""Protected identity and access grants: named roles, reasons, two people to lift, audit, revocation.

World (tests/casework/views_world.py): in Norr 1 Hanna (owner) holds Anna's case EB-00001 and Sara Dold's
protected case EB-00002; Kim is a colleague, Eva the unit manager; Olle works in Söder 1. Here a second
unit manager, Max, joins Norr 1.
"""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from bistand.audit.models import AuditEvent, CaseAccessGrant
from bistand.casework import protection
from bistand.casework.access import visible_cases
from bistand.casework.models import ProtectionChange
from bistand.organisation.models import Role
from tests.casework.factories import make_staff
from tests.casework.views_world import SECRET_ADDRESS, build_world

pytestmark = pytest.mark.django_db

UNIT_PAGE = "/skyddade-arenden/"


@pytest.fixture
def world(settings):
    world = build_world()
    world.manager2 = make_staff(world.case.unit, Role.UNIT_MANAGER, "Max", "Chef")
    world.sara = world.protected_case.applicant
    world.anna = world.case.applicant
    return world


def case_url(case) -> str:
    return reverse("casework:case", args=[case.pk])


def opens(client, staff, case) -> bool:
    client.force_login(staff.user)
    status = client.get(case_url(case)).status_code
    assert status in (200, 403, 404)
    return status == 200


def test_a_unit_manager_grants_and_revokes_access_in_the_ui(client, world):
    assert not opens(client, world.colleague, world.protected_case)

    client.force_login(world.manager.user)
    page = client.get(UNIT_PAGE).content.decode()
    # The manager's page names the case by number only, and offers Kim (not Eva herself, not Hanna).
    assert "EB-00002" in page and "EB-00001" not in page
    assert "Dold" not in page and SECRET_ADDRESS not in page
    assert "Kim Berg" in page
    assert (
        f'<option value="{world.manager.pk}"' not in page and f'<option value="{world.owner.pk}"' not in page
    )
    assert AuditEvent.objects.filter(staff=world.manager, action="view", path=UNIT_PAGE).exists()

    response = client.post(
        UNIT_PAGE,
        {
            "action": "grant",
            "case": world.protected_case.pk,
            "staff": world.colleague.pk,
            "reason": "Vikarie",
        },
    )
    assert response.status_code == 302
    grant = CaseAccessGrant.objects.get(case=world.protected_case, staff=world.colleague)
    assert (grant.granted_by, grant.reason, grant.revoked_at) == (world.manager, "Vikarie", None)
    granted = AuditEvent.objects.get(action="grant", case=world.protected_case)
    assert granted.staff == world.manager and "Kim Berg" in granted.what and "Vikarie" in granted.what

    # Kim now opens the case and, holding it, sees the address.
    assert opens(client, world.colleague, world.protected_case)
    assert SECRET_ADDRESS in client.get(case_url(world.protected_case)).content.decode()

    client.force_login(world.manager.user)
    response = client.post(UNIT_PAGE, {"action": "revoke", "grant": grant.pk, "reason": "Vikariatet slut"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_by == world.manager and grant.revoke_reason == "Vikariatet slut"
    assert grant.revoked_at is not None
    revoked = AuditEvent.objects.get(action="revoke", case=world.protected_case)
    assert revoked.staff == world.manager and "Vikariatet slut" in revoked.what

    # The access check honours the revocation, in lists and on the page.
    assert not visible_cases(world.colleague).filter(pk=world.protected_case.pk).exists()
    assert not opens(client, world.colleague, world.protected_case)

    # After a revocation a new grant can be given again (one active grant per person and case).
    protection.grant_access(world.protected_case, world.colleague, staff=world.manager2, reason="Ny vikarie")
    assert CaseAccessGrant.objects.filter(case=world.protected_case, staff=world.colleague).count() == 2
    assert opens(client, world.colleague, world.protected_case)


def test_only_the_unit_manager_grants_with_a_reason_and_never_to_themselves(client, world):
    client.force_login(world.owner.user)
    assert client.get(UNIT_PAGE).status_code in (403, 404)
    assert client.post(UNIT_PAGE, {"action": "grant"}).status_code in (403, 404)

    client.force_login(world.manager.user)
    client.post(UNIT_PAGE, {"action": "grant", "case": world.protected_case.pk, "staff": world.colleague.pk})
    assert not CaseAccessGrant.objects.exists()
    assert "Skriv ett skäl" in client.get(UNIT_PAGE).content.decode()

    refusals = [
        (world.manager, world.manager),  # herself
        (world.manager, world.other),  # Olle works in another unit
        (world.manager, world.analyst),  # no case role
        (world.owner, world.colleague),  # a caseworker cannot grant
    ]
    for granter, grantee in refusals:
        with pytest.raises(protection.ProtectionError):
            protection.grant_access(world.protected_case, grantee, staff=granter, reason="Test")
    with pytest.raises(protection.ProtectionError, match="ingen skyddad person"):
        protection.grant_access(world.case, world.colleague, staff=world.manager, reason="Test")
    assert not CaseAccessGrant.objects.exists()
    assert not AuditEvent.objects.filter(action="grant").exists()

    # Eva cannot take back a grant another manager gave her.
    grant = protection.grant_access(world.protected_case, world.manager, staff=world.manager2, reason="Test")
    with pytest.raises(protection.ProtectionError, match="din egen"):
        protection.revoke_access(grant, staff=world.manager, reason="Test")


def test_lifting_protection_needs_a_second_unit_manager_and_reasons(client, world):
    url = reverse("casework:case_protection", args=[world.protected_case.pk])
    client.force_login(world.owner.user)
    assert client.post(url, {"action": "lift", "person": world.sara.pk, "reason": ""}).status_code == 302
    assert not ProtectionChange.objects.exists()

    client.post(
        url, {"action": "lift", "person": world.sara.pk, "reason": "Skyddet upphört enligt Skatteverket"}
    )
    change = ProtectionChange.objects.get()
    world.sara.refresh_from_db()
    assert change.status == "pending" and world.sara.protected_identity == "protected_registration"
    assert not opens(client, world.colleague, world.protected_case)  # nothing changes before approval

    # Neither a caseworker nor the requester approves; a unit manager of the case's unit does.
    with pytest.raises(protection.ProtectionError):
        protection.approve_lift(change, staff=world.colleague, reason="Ok")
    mine = ProtectionChange.objects.create(
        person=world.anna, case=world.case, requested_by=world.manager, reason="x", status="pending"
    )
    with pytest.raises(protection.ProtectionError, match="din egen"):
        protection.approve_lift(mine, staff=world.manager, reason="Ok")
    with pytest.raises(protection.ProtectionError, match="Skriv ett skäl"):
        protection.approve_lift(change, staff=world.manager, reason="  ")

    client.force_login(world.manager.user)
    # Two wait: Hanna's for Sara and Eva's own for Anna above.
    assert "2 begäranden om att häva skydd väntar" in client.get("/").content.decode()
    page = client.get(UNIT_PAGE).content.decode()
    assert "Skyddet upphört enligt Skatteverket" in page and "Dold" not in page
    client.post(
        UNIT_PAGE, {"action": "approve", "change": change.pk, "reason": "Kontrollerat i folkbokföringen"}
    )
    change.refresh_from_db()
    world.sara.refresh_from_db()
    assert (change.status, change.decided_by, world.sara.protected_identity) == ("applied", world.manager, "")
    assert opens(client, world.colleague, world.protected_case)

    rows = AuditEvent.objects.filter(action="protect", case=world.protected_case).order_by("id")
    assert [r.staff for r in rows] == [world.owner, world.manager]
    assert "Skatteverket" in rows[0].what and "Kontrollerat i folkbokföringen" in rows[1].what
    assert all("Dold" not in r.what for r in rows)


def test_the_database_refuses_one_person_approving_their_own_request(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtectionChange.objects.create(
            person=world.sara,
            case=world.protected_case,
            requested_by=world.manager,
            decided_by=world.manager,
            reason="x",
            status="applied",
        )


def test_the_caseworker_sets_protection_at_once_and_a_colleague_cannot(client, world):
    url = reverse("casework:case_protection", args=[world.case.pk])
    with pytest.raises(protection.ProtectionError):
        protection.set_protection(
            world.anna, "protected_registration", case=world.case, staff=world.colleague, reason="x"
        )
    with pytest.raises(protection.ProtectionError, match="Välj en skyddsnivå"):
        protection.set_protection(world.anna, "", case=world.case, staff=world.owner, reason="x")
    assert opens(client, world.colleague, world.case)

    client.force_login(world.owner.user)
    page = client.get(url).content.decode()
    assert "Skyddad folkbokföring" in page and "Begär att skyddet hävs" not in page
    client.post(
        url,
        {
            "action": "protect",
            "person": world.anna.pk,
            "level": "protected_registration",
            "reason": "Beslut från Skatteverket",
        },
    )
    world.anna.refresh_from_db()
    assert world.anna.protected_identity == "protected_registration"
    event = AuditEvent.objects.get(action="protect", case=world.case)
    assert event.staff == world.owner and "Beslut från Skatteverket" in event.what
    assert not opens(client, world.colleague, world.case)
