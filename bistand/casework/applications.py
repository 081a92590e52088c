"""Registering and changing applications, with optimistic locking, and preparing their calculation.

The web form and the JSON API both go through these functions, so an application is stored the same way
whichever door it came in by. Every change bumps `Application.version`; a change based on an older
version is refused (StaleVersion) instead of silently overwriting what a colleague just did.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import F

from bistand import rules
from bistand.cases.models import Application, Calculation, DeclaredItem
from bistand.cases.models.application import ApplicationStatus
from bistand.cases.services import build_request, calculate_application

STALE_MESSAGE = (
    "Ansökan har ändrats av någon annan sedan du öppnade den. Dina uppgifter finns kvar i formuläret "
    "nedan men har inte sparats. Jämför med den nya versionen och spara igen."
)
DECIDED_MESSAGE = "Ansökan är redan beslutad och kan inte ändras. Rätta i stället beslutet."


class StaleVersion(Exception):
    def __init__(self, message: str = STALE_MESSAGE):
        super().__init__(message)
        self.message = message


class NotEditable(Exception):
    def __init__(self, message: str = DECIDED_MESSAGE):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Item:
    """One declared amount as entered: category (cost/income/extra_need), rules kind, whole kronor."""

    category: str
    kind: str
    amount: int
    member_id: int | None = None
    year_to_date: int = 0
    description: str = ""


def _store_items(application: Application, items: list[Item]) -> None:
    DeclaredItem.objects.bulk_create(
        DeclaredItem(
            application=application,
            category=item.category,
            kind=item.kind,
            amount=item.amount,
            member_id=item.member_id,
            year_to_date=item.year_to_date,
            description=item.description,
        )
        for item in items
    )


@transaction.atomic
def register_application(
    case, *, month: date, kind: str, channel: str, received_at: datetime, items: list[Item]
) -> Application:
    application = Application.objects.create(
        case=case, month=month.replace(day=1), kind=kind, channel=channel, received_at=received_at
    )
    _store_items(application, items)
    return application


@transaction.atomic
def replace_items(
    application: Application, expected_version: int, items: list[Item], *, allow_decided: bool = False
) -> Application:
    """Replace the declared items if nobody changed the application since `expected_version`.

    The version check and the bump are one conditional UPDATE, so two people saving at the same moment
    cannot both succeed. `allow_decided` is for a correction of a decision, which changes the facts of an
    already decided application and is then decided again as a new, correcting decision.
    """
    if application.status != ApplicationStatus.RECEIVED and not allow_decided:
        raise NotEditable()
    bumped = Application.objects.filter(pk=application.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise StaleVersion()
    application.items.all().delete()
    _store_items(application, items)
    application.refresh_from_db()
    return application


def lock_current(application_id: int, expected_version: int) -> Application:
    """Inside a transaction: lock the application row and check it is still the version the user saw."""
    application = Application.objects.select_for_update().get(pk=application_id)
    if application.version != expected_version:
        raise StaleVersion(
            "Ansökan har ändrats av någon annan sedan du öppnade den, så beslutet har inte fattats. "
            "Läs igenom den nya versionen och besluta igen."
        )
    return application


def items_of(application: Application) -> list[Item]:
    return [
        Item(i.category, i.kind, i.amount, i.member_id, i.year_to_date, i.description)
        for i in application.items.all().order_by("id")
    ]


def current_calculation(application: Application) -> Calculation | None:
    """The newest snapshot whose input is exactly what the application says now, or None."""
    request = build_request(application)
    for calculation in application.calculations.order_by("-created_at", "-id")[:5]:
        if calculation.request == request:
            return calculation
    return None


def prepared_calculation(application: Application, staff) -> tuple[Calculation | None, list[dict]]:
    """The calculation to show and decide on: reuse a matching snapshot or calculate and store a new one.

    Returns (calculation, errors); errors are the calculation contract's {code, message, field} dicts
    when the rules cannot calculate (for example a member too old to be a child living at home).
    """
    existing = current_calculation(application)
    if existing is not None:
        return existing, []
    try:
        return calculate_application(application, staff), []
    except rules.CalculationError as exc:
        return None, list(exc.errors)
