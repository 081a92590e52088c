"""Journal notes (journalanteckningar) in a case file.

Förvaltningslagen (2017:900) 27 § requires that information received other than in a document is
documented, and that the documentation shows when it was made and by whom; SOSFS 2014:5 4 kap. 6 § says
the personakt holds a journal. A note is therefore dated and signed by its author on creation and can
never be edited or deleted afterwards (AppendOnlyModel): a mistake is corrected by a new note.

The table kept its name from when the model lived in casework (db_table), so moving it recreated nothing.
"""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class JournalNote(AppendOnlyModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="journal_notes")
    author = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name="skriven av"
    )
    # When the note was written (FL 27 §: "när den har gjorts"); set by the database, never by the user.
    written_at = models.DateTimeField("skriven", auto_now_add=True, db_index=True)
    # The day the contact or event the note describes happened, which may be earlier than written_at.
    occurred_on = models.DateField("händelsedatum")
    heading = models.CharField("rubrik", max_length=120)
    text = models.TextField("anteckning")

    class Meta:
        db_table = "casework_journalnote"
        verbose_name = "journalanteckning"
        verbose_name_plural = "journalanteckningar"
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["case", "written_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.heading}"
