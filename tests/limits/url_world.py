"""Every page of the site as (name, route): walked from the URL resolver, so a new page is fuzzed too.

The world is the casework view world (a decided case, an open application, a protected case) with the
self-support objects of that case and one staff member of every role, so each page has real ids to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from bistand.organisation.models import Role
from bistand.selfsupport.meetings import book_meeting
from bistand.selfsupport.models import Assessment, Reminder
from bistand.selfsupport.plans import GoalInput, create_plan
from tests.casework.factories import make_staff
from tests.casework.views_world import build_world
from tests.selfsupport.world import aware

SKIPPED_PREFIXES = ("admin/", "api/")  # Django's admin; the API is fuzzed by schemathesis from its schema
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
_GET_READ = re.compile(r"""request\.GET\.get(?:list)?\(\s*["'](\w+)["']""")
BISTAND = Path(__file__).resolve().parents[2] / "bistand"


@dataclass(frozen=True)
class Page:
    name: str  # namespace:name
    route: str  # e.g. "arenden/<int:case_id>/plan/<int:plan_id>/"

    @property
    def parameters(self) -> list[str]:
        return [m.group(2) for m in _PARAMETER.finditer(self.route)]

    def url(self, values: dict) -> str:
        # A parameter the world has no object for gets id 1: the page then answers like for a missing object.
        return "/" + _PARAMETER.sub(lambda m: str(values.get(m.group(2), 1)), self.route)


def pages(resolver=None, prefix: str = "", namespace: str = "") -> list[Page]:
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += pages(entry, route, inner)
        elif isinstance(entry, URLPattern):
            found.append(Page(f"{namespace}{entry.name}", route))
    return found


def query_parameter_names() -> set[str]:
    """Every name a view reads from request.GET (found in the source), the GET forms' fields, and `next`."""
    from bistand.casework.forms import AuditSearchForm

    names = {"next"}  # Django's login view
    for path in BISTAND.rglob("*.py"):
        names.update(_GET_READ.findall(path.read_text(encoding="utf-8")))
    names.update(AuditSearchForm.base_fields)
    return names


@dataclass
class FuzzWorld:
    users: dict  # label -> User (None = not signed in)
    ids: dict  # path parameter name -> an existing id


def build() -> FuzzWorld:
    world = build_world()
    owner, case = world.owner, world.case
    anna = case.household.memberships.first().person
    meeting = book_meeting(
        case, owner, kind="first_visit", mode="in_person", starts_at=aware(2026, 11, 2), duration_minutes=60
    )
    assessment = Assessment.objects.create(case=case, person=anna, assessed_on=date(2026, 10, 1))
    plan = create_plan(
        case,
        anna,
        owner,
        established_on=date(2026, 10, 1),
        goals=[GoalInput("Jobba")],
        client_participated=True,
        agreed_on=None,
        agreement_method="",
    )
    reminder = Reminder.objects.create(case=case, staff=owner, due_on=date(2026, 12, 1), text="Intyg")
    unit = world.owner.units.first()
    users = {
        "anonymous": None,
        "caseworker": owner.user,
        "caseworker_other_unit": world.other.user,
        "unit_manager": world.manager.user,
        "analyst": world.analyst.user,
        "senior_caseworker": make_staff(unit, Role.SENIOR_CASEWORKER, "Stina", "Förste").user,
        "administrator": make_staff(unit, Role.ADMINISTRATOR, "Ada", "Admin").user,
    }
    ids = {
        "case_id": case.pk,
        "application_id": world.application.pk,
        "decision_id": world.decision.pk,
        "meeting_id": meeting.pk,
        "assessment_id": assessment.pk,
        "plan_id": plan.pk,
        "reminder_id": reminder.pk,
    }
    return FuzzWorld(users, ids)
