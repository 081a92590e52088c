"""Shared view helpers: the case header context and household members (changes are audited by the
services in bistand.selfsupport.services)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from bistand.casework import access
from bistand.people.models import MemberRole, Person
from bistand.selfsupport.common import municipal_labour_unit_name, municipality_of, today

SUBNAV = [
    ("overview", "Översikt", "selfsupport:overview"),
    ("meetings", "Möten", "selfsupport:meetings"),
    ("assessment", "Livsområden", "selfsupport:assessment_history"),
    ("plans", "Genomförandeplan", "selfsupport:plans"),
    ("barriers", "Försörjningshinder", "selfsupport:barriers"),
    ("reminders", "Bevakningar", "selfsupport:reminders"),
    ("close", "Avsluta ärende", "selfsupport:close_case"),
]


def open_case(request, case_id, what: str):
    """The case if the user may open it (logged as a view), else 404 (logged as denied)."""
    return access.case_for_request(request, case_id, f"Självförsörjning: {what}")


def members_qs(case, on: date | None = None, adults_only=False):
    """Persons in the case's household on a day (today by default), applicant first."""
    on = on or today()
    qs = Person.objects.filter(
        memberships__household_id=case.household_id,
        memberships__valid_from__lte=on,
    ).filter(Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=on))
    if adults_only:
        qs = qs.filter(memberships__role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT])
    return qs.distinct().order_by("birth_date", "id")


def adults_qs(case, on: date | None = None):
    qs = members_qs(case, on, adults_only=True)
    if not qs.exists():  # a closed household: fall back to everyone who was ever an adult in it
        qs = (
            Person.objects.filter(
                memberships__household_id=case.household_id,
                memberships__role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT],
            )
            .distinct()
            .order_by("birth_date", "id")
        )
    return qs


def labour_unit_name(case) -> str:
    return municipal_labour_unit_name(municipality_of(case))


def case_context(case, active: str, **extra) -> dict:
    applicant = case.applicant
    return {
        "case": case,
        "applicant": applicant,
        "subnav": SUBNAV,
        "active": active,
        "page_title": next((label for key, label, _ in SUBNAV if key == active), ""),
        "today": today(),
        **extra,
    }
