"""The demo city has two-adult households that can try the e-service: not yet applied for this month,
both adults on the demo test login's list, and a recurring application to make."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from bistand.cases.models import Application
from bistand.eservice.services import next_month_to_apply, previous_application
from bistand.eservice.views.session import demo_residents
from bistand.people.models import MemberRole


@pytest.mark.django_db
def test_demo_city_has_couples_ready_for_the_e_service():
    call_command("build_demo", households=120, seed=2026, verbosity=0)
    today = timezone.localdate()
    listed = demo_residents()
    couples = [h for h in listed if h["couple"]]
    assert couples, "no two-adult household on the demo login list"
    cases = [
        h["members"][0]
        .memberships.get(role=MemberRole.APPLICANT, valid_to__isnull=True)
        .household.cases.get(status="open")
        for h in couples
    ]
    theirs = [c for c in cases if c.caseworker.user.username == "handlaggare"]
    assert theirs, "no couple of handlaggare's on the demo login list"
    case = theirs[0]
    assert not Application.objects.filter(case=case, month=today.replace(day=1)).exists()
    assert next_month_to_apply(case, today) == today.replace(day=1)
    assert previous_application(case, today.replace(day=1)) is not None
