"""The one write path of the journal: a note and its audit row, in one transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from bistand.audit.audit import Actor, AuditAction, record_by
from bistand.cases.models import Case
from bistand.journal.models import JournalNote


@transaction.atomic
def add_journal_note(*, case: Case, occurred_on: date, heading: str, text: str, actor: Actor) -> JournalNote:
    """A journal note signed by the actor (FL 27 §); never edited afterwards. The audit row names the
    note, not its text."""
    note = JournalNote.objects.create(
        case=case, author=actor.staff, occurred_on=occurred_on, heading=heading, text=text
    )
    record_by(actor, action=AuditAction.CREATE, what=f"Journalanteckning {occurred_on:%Y-%m-%d}", case=case)
    return note
