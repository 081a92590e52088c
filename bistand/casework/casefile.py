"""What the case file page shows, gathered as plain data: members, timeline, current calculation.

Kept out of the view so the same rules (above all: no address of a protected person for a user without
access) are applied in one place and can be tested without rendering a page.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from bistand.cases.models import Calculation, Case
from bistand.cases.services import ADULT_ROLES, person_histories_for
from bistand.casework import access, extensions
from bistand.journal.models import JournalNote
from bistand.people.models import HouseholdMember
from bistand.rules.formatting import kr, month_name
from bistand.rules.months import age_on


@dataclass
class MemberRow:
    membership: HouseholdMember
    age: int
    address: str  # "" when hidden or missing
    address_hidden: bool
    # An adult's own months with försörjningsstöd before this month (jobbstimulans is decided per person);
    # None for children.
    assistance_months: list[str] | None = None


def member_rows(case: Case, staff, day: date | None = None) -> list[MemberRow]:
    """The household on `day`; a protected person's address only for staff who may see it (OSL 26 kap.)."""
    day = day or timezone.localdate()
    may_see = access.can_see_protected(staff, case)
    memberships = list(case.household.members_on(day))
    # Every adult's own months in two queries, not two or more per adult.
    histories = person_histories_for(
        [m.person_id for m in memberships if m.role in ADULT_ROLES], day.replace(day=1)
    )
    rows = []
    for membership in memberships:
        person = membership.person
        hidden = person.is_protected and not may_see
        address = ""
        if not hidden:
            address = ", ".join(
                p for p in (person.street_address, f"{person.postal_code} {person.city}".strip()) if p
            )
        months = None
        if membership.role in ADULT_ROLES:
            months = histories[person.pk]
        rows.append(MemberRow(membership, age_on(person.birth_date, day), address, hidden, months))
    return rows


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, time(0, 0)))


def _link_maker(name: str, case_id: int):
    """A function id -> the address of `name` for this case and that id (e.g. one decision).

    A case with three years of history links a hundred or more applications, decisions and payments;
    resolving the address once and filling in each id keeps the timeline from calling reverse() per row.
    """
    marker = "2147483647"
    head, _, tail = reverse(name, args=[case_id, int(marker)]).rpartition(marker)
    return lambda object_id: f"{head}{object_id}{tail}"


def timeline(case: Case) -> list[extensions.TimelineEntry]:
    """Everything that happened in the case, newest first: our own records plus the extensions' entries."""
    entries: list[extensions.TimelineEntry] = []
    application_url = _link_maker("casework:application", case.pk)
    decision_url = _link_maker("casework:decision", case.pk)
    journal_url = reverse("journal:journal", args=[case.pk])
    for application in case.applications.all():
        entries.append(
            extensions.TimelineEntry(
                application.received_at,
                "application",
                f"{application.get_kind_display()} för {month_name(application.month)} kom in",
                f"{application.get_channel_display()} – {application.get_status_display().lower()}",
                application_url(application.pk),
            )
        )
    for decision in case.decisions.all():
        title = f"Beslut: {decision.get_outcome_display().lower()} för {month_name(decision.month)}"
        if decision.corrects_id:
            title += " (rättelse)"
        text = f"Beviljat {kr(decision.total_granted)}"
        if decision.automated:
            title += " – automatiserat beslut"
            text += f". Beslutat av den automatiserade beslutsfunktionen ({decision.automated})"
        entries.append(
            extensions.TimelineEntry(
                decision.decided_at,
                "decision",
                title,
                text,
                decision_url(decision.pk),
            )
        )
    for payment in case.payments.only("case_id", "decision_id", "month", "amount", "pay_date"):
        entries.append(
            extensions.TimelineEntry(
                payment.pay_date,
                "payment",
                f"Utbetalning för {month_name(payment.month)}",
                kr(payment.amount),
                decision_url(payment.decision_id),
            )
        )
    for note in JournalNote.objects.filter(case=case).select_related("author__user").defer("text"):
        entries.append(
            extensions.TimelineEntry(
                note.occurred_on,
                "journal",
                f"Journalanteckning: {note.heading}",
                f"Skriven {timezone.localtime(note.written_at):%Y-%m-%d} av {note.author.full_name}",
                f"{journal_url}#anteckning-{note.pk}",
            )
        )
    for source in extensions.TIMELINE_SOURCES:
        entries.extend(source(case))
    entries.sort(key=lambda e: _as_datetime(e.when), reverse=True)
    return entries


def current_calculation(case: Case) -> Calculation | None:
    return case.calculations.order_by("-month", "-created_at", "-id").first()
