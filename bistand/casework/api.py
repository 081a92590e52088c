"""POST /api/v1/applications: receive an application, e.g. from the municipality's e-service.

Authentication (kept simple on purpose):
- a signed-in browser session (with Django's CSRF token in the X-CSRFToken header), or
- HTTP Basic with a staff account's username and password — meant for the e-service's own service
  account, and only over HTTPS.
The signed-in staff member must be able to open the case (bistand.casework.access.visible_cases); the
creation is written to the audit log like any opening of a case.

Errors use the API's shared shape {"errors": [{"code", "message", "field"}]}: `code` is stable English
snake_case, `message` is Swedish.
"""

from datetime import date, datetime
from typing import Literal

from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.security import HttpBasicAuth, django_auth

from bistand.cases.models import Case
from bistand.casework import access, applications
from bistand.people.models import HouseholdMember
from bistand.rules.params import kinds
from bistand.rules.request import MAX_AMOUNT, MAX_LIST_ITEMS


class StaffBasicAuth(HttpBasicAuth):
    def authenticate(self, request, username, password):
        user = authenticate(request, username=username, password=password)
        if user is not None and access.staff_for(user) is not None:
            request.user = user
            return user
        return None


router = Router(tags=["ansökningar"], auth=[django_auth, StaffBasicAuth()])


class ItemIn(Schema):
    kind: str = Field(description="Slag enligt beräkningskontraktet, t.ex. rent, salary, dental_care.")
    amount: int = Field(ge=0, le=MAX_AMOUNT, description="Belopp per månad i hela kronor.")
    member: str | None = Field(None, description="Personnummer (12 siffror) för den inkomsten gäller.")
    year_to_date: int = Field(
        0, ge=0, le=MAX_AMOUNT, description="Tidigare arbetsinkomst i år (barn/skolungdom)."
    )
    description: str = Field("", max_length=200)


class ApplicationIn(Schema):
    case_number: str = Field(description="Ärendenummer, t.ex. EB-00012.")
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="Månaden ansökan gäller, ÅÅÅÅ-MM.")
    kind: Literal["first", "recurring", "extra_need"] = "recurring"
    channel: Literal["e_service", "paper", "visit"] = "e_service"
    received_at: datetime | None = Field(None, description="När ansökan kom in; standard är nu.")
    costs: list[ItemIn] = Field([], max_length=MAX_LIST_ITEMS)
    incomes: list[ItemIn] = Field([], max_length=MAX_LIST_ITEMS)
    extra_needs: list[ItemIn] = Field([], max_length=MAX_LIST_ITEMS)


class ApplicationOut(Schema):
    id: int
    case_number: str
    month: str
    kind: str
    channel: str
    status: str
    version: int
    url: str


class ErrorItem(Schema):
    code: str
    message: str
    field: str


class ErrorsOut(Schema):
    errors: list[ErrorItem]


def _error(code: str, message: str, field: str = "") -> dict:
    return {"errors": [{"code": code, "message": message, "field": field}]}


def _items(payload: ApplicationIn, case: Case, month: date) -> tuple[list, list[dict]]:
    table = kinds()
    allowed = {"cost": set(table.costs), "income": set(table.incomes), "extra_need": set(table.extra_needs)}
    members = {
        m.person.personal_number: m.person_id
        for m in HouseholdMember.objects.filter(household=case.household).select_related("person")
    }
    found, errors = [], []
    for name, category in (("costs", "cost"), ("incomes", "income"), ("extra_needs", "extra_need")):
        for index, item in enumerate(getattr(payload, name)):
            field = f"{name}[{index}]"
            if item.kind not in allowed[category]:
                errors.append(
                    {
                        "code": "unknown_kind",
                        "message": f"Okänt slag ”{item.kind}”. Tillåtna slag: {', '.join(sorted(allowed[category]))}.",
                        "field": f"{field}.kind",
                    }
                )
                continue
            member_id = None
            if item.member:
                member_id = members.get(item.member.replace("-", ""))
                if member_id is None:
                    errors.append(
                        {
                            "code": "unknown_member",
                            "message": "Personen ingår inte i hushållet i ärendet.",
                            "field": f"{field}.member",
                        }
                    )
                    continue
            found.append(
                applications.Item(
                    category, item.kind, item.amount, member_id, item.year_to_date, item.description
                )
            )
    return found, errors


@router.post(
    "/applications",
    response={
        201: ApplicationOut,
        400: ErrorsOut,
        401: ErrorsOut,
        403: ErrorsOut,
        404: ErrorsOut,
        413: ErrorsOut,
        422: ErrorsOut,
    },
    summary="Ta emot en ansökan",
)
def receive_application(request, payload: ApplicationIn):
    staff = access.staff_for(request.user)
    case = Case.objects.filter(number=payload.case_number.strip()).first()
    if case is None:
        return 404, _error("unknown_case", "Det finns inget ärende med det numret.", "case_number")
    if not access.visible_cases(staff).filter(pk=case.pk).exists():
        access.log(request, staff, case, "denied", "API: ny ansökan")
        return 403, _error("forbidden", "Du har inte behörighet till ärendet.", "case_number")
    try:
        month = date(int(payload.month[:4]), int(payload.month[5:7]), 1)
    except ValueError:
        return 422, _error("invalid_month", "Månaden måste skrivas ÅÅÅÅ-MM, till exempel 2026-12.", "month")
    items, errors = _items(payload, case, month)
    if errors:
        return 422, {"errors": errors}
    application = applications.register_application(
        case,
        month=month,
        kind=payload.kind,
        channel=payload.channel,
        received_at=payload.received_at or timezone.now(),
        items=items,
    )
    access.log(request, staff, case, "create", "API: ny ansökan")
    return 201, {
        "id": application.pk,
        "case_number": case.number,
        "month": payload.month,
        "kind": application.kind,
        "channel": application.channel,
        "status": application.status,
        "version": application.version,
        "url": reverse("casework:application", args=[case.pk, application.pk]),
    }
