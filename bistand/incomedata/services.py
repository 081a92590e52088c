"""Fetching income data for an application, comparing it with what was declared, and handling warnings.

Every fetch writes an audit row (who asked, whose data, which period, why) in the same transaction as
its snapshots; the snapshots are never changed. Differences become warnings a caseworker handles.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from bistand.audit.audit import AuditAction, record
from bistand.cases.models import Application, DeclaredItem
from bistand.casework.decisions.labels import kind_label
from bistand.incomedata.models import IncomeFetch, IncomeWarning, WarningStatus
from bistand.incomedata.provider import (
    KIND_SOURCE,
    SOURCES,
    Difference,
    IncomeProvider,
    compare,
    household_totals,
)
from bistand.rules.formatting import month_name
from bistand.rules.months import last_of_month

WARNING_MOVES = {
    WarningStatus.OPEN: (WarningStatus.ACKNOWLEDGED, WarningStatus.CLOSED),
    WarningStatus.ACKNOWLEDGED: (WarningStatus.CLOSED,),
    WarningStatus.CLOSED: (),
}


class IncomeDataUnavailable(Exception):
    """No provider is set up, or the agencies did not answer (a provider raises this on failure)."""

    message = (
        "Ingen anslutning till myndigheternas inkomstuppgifter är inställd. Kommunen behöver avtal och "
        "certifikat för SSBTEK innan uppgifter kan hämtas."
    )


class WarningMoveRefused(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Who:
    """Who asks: a staff member (with the signed-in user and the page) or a named system function."""

    staff: object = None
    user: object = None
    path: str = ""
    system: str = ""


def provider() -> IncomeProvider:
    path = getattr(settings, "INCOME_DATA_PROVIDER", "")
    if not path:
        raise IncomeDataUnavailable()
    return import_string(path)()


def _members(application: Application):
    day = last_of_month(application.month)
    return [m.person for m in application.case.household.members_on(day)]


@transaction.atomic
def fetch_for_application(application: Application, who: Who, purpose: str) -> list[IncomeFetch]:
    """Fetch every household member's data for the application's month, store it and raise warnings."""
    source = provider()
    people = _members(application)
    by_number = {p.personal_number: p for p in people}
    reports = source.fetch(list(by_number), application.month)
    fetches = [
        IncomeFetch.objects.create(
            application=application,
            person=by_number[report.personal_number],
            period=application.month,
            provider=source.name,
            records=[{"source": r.source, "kind": r.kind, "amount": r.amount} for r in report.records],
            registered_af=report.registered_af,
            purpose=purpose[:200],
            fetched_by=who.staff,
            fetched_by_system=who.system,
        )
        for report in reports
    ]
    record(
        action=AuditAction.FETCH,
        what=f"Inkomstuppgifter för {month_name(application.month)}, {len(fetches)} personer i hushållet. "
        f"Ändamål: {purpose}",
        user=who.user,
        staff=who.staff,
        case=application.case,
        path=who.path,
        client=who.system,
    )
    raise_warnings(application, differences(application, fetches))
    return fetches


def latest_fetches(application: Application) -> list[IncomeFetch]:
    """The newest snapshot per person of the application's latest fetch."""
    newest: dict[int, IncomeFetch] = {}
    for fetch in application.income_fetches.order_by("fetched_at", "id"):
        newest[fetch.person_id] = fetch
    return list(newest.values())


def declared_totals(application: Application) -> dict[str, int]:
    rows = DeclaredItem.objects.filter(application=application, category="income")
    return household_totals(rows.values_list("kind", "amount"))


def fetched_totals(fetches: list[IncomeFetch]) -> dict[str, int]:
    return household_totals((r["kind"], r["amount"]) for f in fetches for r in f.records)


def differences(application: Application, fetches: list[IncomeFetch] | None = None) -> list[Difference]:
    fetches = latest_fetches(application) if fetches is None else fetches
    return compare(declared_totals(application), fetched_totals(fetches))


def raise_warnings(application: Application, found: list[Difference]) -> list[IncomeWarning]:
    """One warning per difference; the same difference found again does not make a second one."""
    return [
        IncomeWarning.objects.get_or_create(
            application=application, kind=d.kind, declared=d.declared, fetched=d.fetched
        )[0]
        for d in found
    ]


@dataclass(frozen=True)
class Row:
    kind: str
    label: str
    source: str
    declared: int
    fetched: int

    @property
    def differs(self) -> bool:
        return self.declared != self.fetched


def comparison(application: Application) -> list[Row]:
    """Declared against fetched per income kind, for the application page."""
    declared = declared_totals(application)
    fetched = fetched_totals(latest_fetches(application))
    return [
        Row(
            kind,
            kind_label("income", kind),
            SOURCES[KIND_SOURCE[kind]],
            declared.get(kind, 0),
            fetched.get(kind, 0),
        )
        for kind in sorted(declared.keys() | fetched.keys())
    ]


@transaction.atomic
def move_warning(
    warning: IncomeWarning, to: str, staff, note: str, user=None, path: str = ""
) -> IncomeWarning:
    """open → acknowledged → closed (or open → closed); a note is required to close."""
    warning = IncomeWarning.objects.select_for_update().get(pk=warning.pk)
    note = (note or "").strip()
    if to not in WARNING_MOVES[WarningStatus(warning.status)]:
        raise WarningMoveRefused(
            f"Varningen är {warning.get_status_display().lower()} och kan inte få den statusen."
        )
    if to == WarningStatus.CLOSED and not note:
        raise WarningMoveRefused("Skriv hur skillnaden är utredd innan varningen avslutas.")
    warning.status = to
    warning.note = note[:500] or warning.note
    warning.handled_by = staff
    warning.handled_at = timezone.now()
    warning.save()
    record(
        action=AuditAction.CHANGE,
        what=f"Inkomstvarning ({kind_label('income', warning.kind)}): {warning.get_status_display().lower()}",
        user=user,
        staff=staff,
        case=warning.application.case,
        path=path,
    )
    return warning
