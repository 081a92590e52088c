"""Registering and changing applications, with optimistic locking, and preparing their calculation.

The web form and the JSON API both go through these functions, so an application is stored the same way
whichever door it came in by. Every change bumps `Application.version`; a change based on an older
version is refused (StaleVersion) instead of silently overwriting what a colleague just did.

One application per case, month and need (bistand.cases.needs): a second first/recurring application
for a month that already has one is refused (DuplicateApplication), not merged — the caseworker changes
the existing application instead, so nothing declared is silently combined. An extra-need application
may be added beside it, but not for an extra need already asked for that month. The case row is locked
while checking, so two registrations at the same moment take turns; the database's unique constraint
is the last guard.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from bistand import rules
from bistand.audit.audit import Actor, AuditAction, record, record_by
from bistand.cases.models import Application, Calculation, Case, DeclaredItem
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.cases.needs import LIVELIHOOD, extra_kinds, need_of
from bistand.cases.services import (
    ADULT_ROLES,
    build_request,
    calculate_application,
    person_histories_for,
    previous_surplus,
)
from bistand.casework.decisions.labels import kind_label
from bistand.rules.formatting import long_date, month_name
from bistand.rules.months import last_of_month

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


class DuplicateApplication(Exception):
    """The month already has an application for this need; `message` says so in Swedish.

    `code` is the API's stable error code; `existing` the application that holds the month (or None).
    """

    code = "duplicate_application"

    def __init__(self, message: str, existing: Application | None = None):
        super().__init__(message)
        self.message = message
        self.existing = existing


@dataclass(frozen=True)
class Item:
    """One declared amount as entered: category (cost/income/extra_need), rules kind, whole kronor."""

    category: str
    kind: str
    amount: int
    member_id: int | None = None
    year_to_date: int = 0
    description: str = ""
    accepted_in_full: bool = False  # a cost accepted in full although above the municipal cap
    reason: str = ""  # the caseworker's reason for accepting it in full


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
            accepted_in_full=item.accepted_in_full,
            judgement_reason=item.reason if item.accepted_in_full else "",
        )
        for item in items
    )


def _judgements(items: list[Item], carry_surplus: bool) -> set[str]:
    """The caseworker's judgements on an application, each as a Swedish phrase for the audit log."""
    found = {f"godkände {i.kind} {i.amount} kr i sin helhet: {i.reason}" for i in items if i.accepted_in_full}
    if carry_surplus:
        found.add("förde över normöverskott från föregående månad")
    return found


def _audit_judgements(
    application: Application, before: set[str], after: set[str], actor: Actor | None
) -> None:
    """An audit row (CHANGE) for every judgement made or withdrawn — inside the caller's transaction."""
    if actor is None:
        return
    label = f"ansökan {application.month:%Y-%m}"
    for phrase in sorted(after - before):
        what = f"Bedömning i {label}: {phrase}"
        record(
            action=AuditAction.CHANGE,
            what=what,
            user=actor.user,
            staff=actor.staff,
            case=application.case,
            path=actor.path,
        )
    for phrase in sorted(before - after):
        what = f"Tog bort bedömning i {label}: {phrase}"
        record(
            action=AuditAction.CHANGE,
            what=what,
            user=actor.user,
            staff=actor.staff,
            case=application.case,
            path=actor.path,
        )


def _need(kind: str, items: list[Item]) -> str:
    return need_of(kind, [i.kind for i in items if i.category == "extra_need"])


def _others(case_id: int, month: date, exclude_id: int | None = None):
    others = Application.objects.filter(case_id=case_id, month=month).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    return others.exclude(pk=exclude_id) if exclude_id else others


def duplicate_problem(
    case_id: int, month: date, need: str, exclude_id: int | None = None
) -> DuplicateApplication | None:
    """Why an application with `need` for `month` cannot be added to the case, or None when it can."""
    others = _others(case_id, month, exclude_id)
    same = others.filter(need=need).order_by("received_at", "id").first()
    if same is not None and need == LIVELIHOOD:
        return DuplicateApplication(
            f"Det finns redan en ansökan om försörjningsstöd för {month_name(month)} i ärendet "
            f"(inkom {long_date(same.received_at.date())}). En månad kan bara ha en sådan ansökan. "
            "Ändra den ansökan i stället. Behov utöver försörjningsstödet kan sökas som en ansökan om "
            "extra behov.",
            same,
        )
    asked = extra_kinds(need)
    if same is not None:
        return DuplicateApplication(
            f"Samma extra behov är redan sökt för {month_name(month)} i en annan ansökan i ärendet. "
            "Ändra den ansökan i stället.",
            same,
        )
    if asked:
        taken = others.filter(items__category="extra_need", items__kind__in=asked).first()
        if taken is not None:
            kinds = sorted(
                asked & set(taken.items.filter(category="extra_need").values_list("kind", flat=True))
            )
            labels = ", ".join(f"”{kind_label('extra_need', k)}”" for k in kinds)
            return DuplicateApplication(
                f"Behovet {labels} är redan sökt för {month_name(month)} i en annan ansökan i ärendet. "
                "Ändra den ansökan i stället.",
                taken,
            )
    return None


@transaction.atomic
def register_application(
    case,
    *,
    month: date,
    kind: str,
    channel: str,
    received_at: datetime,
    items: list[Item],
    carry_surplus: bool = False,
    actor: Actor | None = None,
) -> Application:
    """Store a new application with its items; DuplicateApplication when the month already has its need.

    With an `actor` (every caller but the demo city) the registration gets its audit row (CREATE).
    """
    month = month.replace(day=1)
    need = _need(kind, items)
    list(Case.objects.select_for_update().filter(pk=case.pk))  # registrations for one case take turns
    problem = duplicate_problem(case.pk, month, need)
    if problem is not None:
        raise problem
    try:
        with transaction.atomic():
            application = Application.objects.create(
                case=case,
                month=month,
                kind=kind,
                need=need,
                channel=channel,
                received_at=received_at,
                carry_surplus=carry_surplus,
            )
    except IntegrityError:
        # A concurrent registration won between the check and the insert (SQLite has no row locks).
        raise duplicate_problem(case.pk, month, need) or DuplicateApplication(
            f"Det finns redan en ansökan för {month_name(month)} i ärendet."
        ) from None
    _store_items(application, items)
    if actor is not None:
        record_by(actor, action=AuditAction.CREATE, what=f"Ny ansökan {month:%Y-%m}", case=case)
    _audit_judgements(application, set(), _judgements(items, carry_surplus), actor)
    return application


@transaction.atomic
def replace_items(
    application: Application,
    expected_version: int,
    items: list[Item],
    *,
    allow_decided: bool = False,
    carry_surplus: bool | None = None,
    actor: Actor | None = None,
) -> Application:
    """Replace the declared items if nobody changed the application since `expected_version`.

    The version check and the bump are one conditional UPDATE, so two people saving at the same moment
    cannot both succeed. `allow_decided` is for a correction of a decision, which changes the facts of an
    already decided application and is then decided again as a new, correcting decision. `carry_surplus`
    None keeps the application's choice about last month's normöverskott. Judgements made or withdrawn
    (a cost accepted in full, the carried surplus) are audited with `actor`.
    """
    if application.status != ApplicationStatus.RECEIVED and not allow_decided:
        raise NotEditable()
    changes = {"version": F("version") + 1}
    if carry_surplus is not None:
        changes["carry_surplus"] = carry_surplus
    bumped = Application.objects.filter(pk=application.pk, version=expected_version).update(**changes)
    if not bumped:
        raise StaleVersion()
    if application.kind == ApplicationKind.EXTRA_NEED:
        _renew_need(application, _need(application.kind, items))
    before = _judgements(items_of(application), application.carry_surplus)
    application.items.all().delete()
    _store_items(application, items)
    application.refresh_from_db()
    _audit_judgements(application, before, _judgements(items, application.carry_surplus), actor)
    return application


def _renew_need(application: Application, need: str) -> None:
    """An extra-need application whose extra needs change asks for another need: check and store it."""
    if need == application.need:
        return
    problem = duplicate_problem(application.case_id, application.month, need, exclude_id=application.pk)
    if problem is not None:
        raise problem
    try:
        with transaction.atomic():
            Application.objects.filter(pk=application.pk).update(need=need)
    except IntegrityError:
        raise DuplicateApplication(
            f"Samma extra behov är redan sökt för {month_name(application.month)} i en annan ansökan."
        ) from None


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
        Item(
            i.category,
            i.kind,
            i.amount,
            i.member_id,
            i.year_to_date,
            i.description,
            i.accepted_in_full,
            i.judgement_reason,
        )
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


@dataclass(frozen=True)
class PersonHistory:
    """An adult's own months with försörjningsstöd before the month (jobbstimulans is decided per person)."""

    person: object
    role: str
    months: list[str]


def person_histories(case, month: date) -> list[PersonHistory]:
    """Each adult of the household in `month` with their own months of assistance before it: a partner
    who joined brings the months of their earlier households, or none."""
    adults = [m for m in case.household.members_on(last_of_month(month)) if m.role in ADULT_ROLES]
    months = person_histories_for([m.person_id for m in adults], month)
    return [PersonHistory(m.person, m.get_role_display(), months[m.person_id]) for m in adults]


def surplus_to_carry(case, month: date) -> tuple[int, date] | None:
    """Last month's normöverskott that the caseworker may decide to count as income in `month`."""
    return previous_surplus(case, month)
