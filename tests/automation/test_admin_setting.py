"""The administrator (no superuser) enters the committee's decision to switch automated decisions on in a
unit, in /admin/; the addition and the change are in the audit log, and a caseworker cannot do it."""

import pytest

from bistand.audit.models import AuditEvent
from bistand.automation.models import AutomationSetting
from bistand.organisation.models import Role
from bistand.organisation.staff_register import sync_admin_access
from tests.casework.factories import make_staff
from tests.casework.views_world import build_world

pytestmark = pytest.mark.django_db

ADD = "/admin/automation/automationsetting/add/"


def form(unit, enabled: bool) -> dict:
    data = {
        "unit": unit.pk,
        "committee_decision": "Socialnämnden 2026-11-17 § 84",
        "sample_percent": "10",
        "seed": "bistand",
    }
    if enabled:
        data["enabled"] = "on"
    return data


def test_the_administrator_switches_automation_on_and_off_and_both_are_audited(client):
    world = build_world()
    unit = world.case.unit
    admin = make_staff(unit, Role.ADMINISTRATOR, "Eva", "Admin")
    sync_admin_access(admin)
    client.force_login(admin.user)

    assert client.post(ADD, form(unit, enabled=True)).status_code == 302
    setting = AutomationSetting.objects.get(unit=unit)
    assert setting.enabled
    added = AuditEvent.objects.filter(staff=admin, action="admin").latest("id")
    assert added.what == f"Administration: lade till automatiserade beslut för enhet {setting.pk}"

    change = f"/admin/automation/automationsetting/{setting.pk}/change/"
    assert client.post(change, form(unit, enabled=False)).status_code == 302
    setting.refresh_from_db()
    assert not setting.enabled
    changed = AuditEvent.objects.filter(staff=admin, action="admin").latest("id")
    assert changed.what == (
        f"Administration: ändrade automatiserade beslut för enhet {setting.pk} "
        "(automatiserade beslut påslagna)"
    )


def test_a_caseworker_cannot_switch_automation_on(client):
    world = build_world()
    client.force_login(world.owner.user)
    response = client.post(ADD, form(world.case.unit, enabled=True))
    assert response.status_code in (302, 403)  # the admin sends non-staff users to its login page
    assert not AutomationSetting.objects.exists()
