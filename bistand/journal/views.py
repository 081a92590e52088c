"""Journal notes: list and add. Notes are never edited or deleted (FL 27 §; AppendOnlyModel)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format

from bistand.audit import audit
from bistand.casework import access, extensions
from bistand.casework.access import staff_required
from bistand.casework.extensions import SIGNED_AT
from bistand.journal import services
from bistand.journal.forms import JournalNoteForm
from bistand.journal.models import JournalNote


def journal_entries(case, notes) -> list[extensions.JournalEntry]:
    """Every note of the case: journal notes and what other areas keep (meeting notes), newest first."""
    entries = [
        extensions.JournalEntry(
            occurred_on=note.occurred_on,
            heading=note.heading,
            text=note.text,
            signature=f"Skriven {date_format(timezone.localtime(note.written_at), SIGNED_AT)} av "
            f"{note.author.full_name}" + (f", {note.author.title.lower()}" if note.author.title else ""),
            anchor=f"anteckning-{note.pk}",
            written_at=note.written_at,
        )
        for note in notes
    ]
    for source in extensions.JOURNAL_SOURCES:
        entries.extend(source(case))
    now = timezone.now()  # a record dated ahead (imported data) sorts as if written now, not above new notes
    entries.sort(key=lambda e: min(e.written_at or now, now), reverse=True)
    return entries


@staff_required
def journal(request, case_id: int):
    case = access.case_for_request(request, case_id, "Akt: journal")
    form = JournalNoteForm(initial={"occurred_on": timezone.localdate()}, case=case)
    saved = False
    if request.method == "POST":
        form = JournalNoteForm(request.POST, case=case)
        if form.is_valid():
            services.add_journal_note(case=case, **form.cleaned_data, actor=audit.Actor.from_request(request))
            if not request.htmx:
                messages.success(request, "Journalanteckningen är sparad.")
                return redirect("journal:journal", case_id=case.pk)
            form, saved = JournalNoteForm(initial={"occurred_on": timezone.localdate()}, case=case), True
    notes = JournalNote.objects.filter(case=case).select_related("author__user")
    context = {"case": case, "form": form, "notes": journal_entries(case, notes), "saved": saved}
    # htmx swaps only the journal region, so a saved note or a form error costs no page load.
    return render(request, "journal/_journal_body.html" if request.htmx else "journal/journal.html", context)
