"""Journal notes: list and add. Notes are never edited or deleted (FL 27 §; AppendOnlyModel)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone

from bistand.casework import access
from bistand.casework.forms import JournalNoteForm
from bistand.casework.journal import JournalNote
from bistand.casework.views.common import render_page_or_partial, staff_required


@staff_required
def journal(request, case_id: int):
    case = access.case_for_request(request, case_id, "Akt: journal")
    form = JournalNoteForm(initial={"occurred_on": timezone.localdate()}, case=case)
    saved = False
    if request.method == "POST":
        form = JournalNoteForm(request.POST, case=case)
        if form.is_valid():
            JournalNote.objects.create(case=case, author=request.staff, **form.cleaned_data)
            if not request.htmx:
                messages.success(request, "Journalanteckningen är sparad.")
                return redirect("casework:journal", case_id=case.pk)
            form, saved = JournalNoteForm(initial={"occurred_on": timezone.localdate()}, case=case), True
    notes = JournalNote.objects.filter(case=case).select_related("author__user")
    context = {"case": case, "form": form, "notes": notes, "saved": saved}
    # htmx swaps only the journal region, so a saved note or a form error costs no page load.
    return render_page_or_partial(request, "casework/journal.html", "casework/_journal_body.html", context)
