"""POST /api/v1/applications: receive an application, e.g. from the municipality's e-service.

Authentication (bistand.apitokens.auth):
- an API token with the scope "applications:write" (`Authorization: Bearer <token>`) — the e-service's
  service account; the case must belong to the token's unit; no CSRF check, since no cookie is involved;
- or a signed-in browser session with Django's CSRF token in the X-CSRFToken header; the staff member
  must be able to open the case (bistand.casework.access.visible_cases).
No credentials → 401 with WWW-Authenticate; missing rights → 403. The creation is written to the audit
log like any opening of a case, naming the staff member or the token.

Errors use the API's shared shape {"errors": [{"code", "message", "field"}]}: `code` is stable English
snake_case, `message` is Swedish.

A case has one application per month and need (bistand.cases.needs): a second first/recurring
application for the same month answers 409 `duplicate_application`. A client that may send the same
application again (a retry after a timeout) sends an `Idempotency-Key` header; the retry then gets the
first answer, same status and body (bistand.casework.idempotency).
"""

from datetime import date, datetime
from typing import Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Header, Router, Schema, Status

from bistand.apitokens.auth import StaffSessionAuth, TokenAuth
from bistand.apitokens.models import ApiToken
from bistand.apitokens.scopes import APPLICATIONS_WRITE
from bistand.audit import audit
from bistand.cases.models import Case
from bistand.casework import access, applications, date_checks, idempotency, windows
from bistand.people.models import HouseholdMember
from bistand.rules.params import kinds
from bistand.rules.request import MAX_AMOUNT, MAX_LIST_ITEMS

router = Router(tags=["ansökningar"], auth=[TokenAuth(APPLICATIONS_WRITE), StaffSessionAuth()])


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


def _caller_cases(request):
    """The calling staff member (None for a token) and the cases the caller may write to.

    A token reaches every case of its unit, protected households included: the e-service must be able to
    hand in their applications too, and the answer shows nothing about the household.
    """
    if isinstance(request.auth, ApiToken):
        return None, Case.objects.filter(unit=request.auth.unit)
    staff = access.staff_for(request.user)
    return staff, access.visible_cases(staff)


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
        409: ErrorsOut,
        413: ErrorsOut,
        422: ErrorsOut,
    },
    summary="Ta emot en ansökan",
    description=(
        "Skicka gärna rubriken Idempotency-Key (en unik text per ansökan, högst 255 tecken): ett omsänt "
        "anrop med samma nyckel och samma innehåll får då samma svar som det första, och ansökan sparas "
        "bara en gång. Samma nyckel med annat innehåll ger 422 idempotency_key_reused. En andra ansökan "
        "om försörjningsstöd för samma ärende och månad ger 409 duplicate_application. En månad mer än "
        f"{windows.MONTHS_BACK} månader bakåt eller {windows.MONTHS_AHEAD} månader framåt ger 422 "
        f"{windows.MONTH_OUT_OF_WINDOW}."
    ),
)
def receive_application(
    request,
    payload: ApplicationIn,
    idempotency_key: str | None = Header(
        None, alias=idempotency.HEADER, description="Unik nyckel per ansökan, för säkra omsändningar."
    ),
):
    status, body = idempotency.answer(
        request,
        "applications",
        idempotency_key,
        payload.model_dump(mode="json"),
        lambda: _receive(request, payload),
    )
    return Status(status, body)


def _receive(request, payload: ApplicationIn) -> tuple[int, dict]:
    staff, reachable = _caller_cases(request)
    case = Case.objects.filter(number=payload.case_number.strip()).first()
    if case is None or not reachable.filter(pk=case.pk).exists():
        # A case the caller may not open answers like a missing one, so case numbers cannot be probed;
        # the refusal is still logged against the case.
        if case is not None:
            access.log(request, staff, case, "denied", "API: ny ansökan")
        return 404, _error("unknown_case", "Det finns inget ärende med det numret.", "case_number")
    try:
        month = date(int(payload.month[:4]), int(payload.month[5:7]), 1)
    except ValueError:
        return (422, _error("invalid_month", "Månaden måste skrivas ÅÅÅÅ-MM, till exempel 2026-12.", "month"))
    problem = windows.month_problem(month, date_checks.today())
    if problem:
        return 422, _error(windows.MONTH_OUT_OF_WINDOW, problem, "month")
    items, errors = _items(payload, case, month)
    if errors:
        return 422, {"errors": errors}
    try:
        application = applications.register_application(
            case,
            month=month,
            kind=payload.kind,
            channel=payload.channel,
            received_at=payload.received_at or timezone.now(),
            items=items,
            actor=audit.Actor(
                user=request.user,
                staff=staff,
                path=request.get_full_path(),
                client=getattr(request, "audit_client", ""),
            ),
        )
    except applications.DuplicateApplication as exc:
        return 409, _error(exc.code, exc.message, "month")
    return (
        201,
        {
            "id": application.pk,
            "case_number": case.number,
            "month": payload.month,
            "kind": application.kind,
            "channel": application.channel,
            "status": application.status,
            "version": application.version,
            "url": reverse("casework:application", args=[case.pk, application.pk]),
        },
    )
