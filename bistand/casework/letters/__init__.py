"""Decision letters as PDF (WeasyPrint from an HTML template with the DejaVu fonts).

Public API:
    decision_letter_pdf(decision, viewer: StaffMember | None) -> bytes
    decision_letter_html(decision) -> str   (the same letter as HTML, e.g. for a preview)

A letter is a disclosure of case data, so producing one with a known viewer writes an audit entry
("print"). A protected household's address never appears (see letters/context.py).
"""

from __future__ import annotations

from django.template.loader import render_to_string

from bistand.audit import audit
from bistand.cases.models import Decision
from bistand.casework.letters.context import PROTECTED_ADDRESS, household_is_protected, letter_for
from bistand.organisation.models import StaffMember

TEMPLATE = "casework/letters/decision.html"


def decision_letter_html(decision: Decision) -> str:
    return render_to_string(TEMPLATE, {"letter": letter_for(decision)})


def decision_letter_pdf(decision: Decision, viewer: StaffMember | None) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow and most requests never need it

    html = decision_letter_html(decision)
    pdf = HTML(string=html).write_pdf()
    if viewer is not None:
        audit.record(
            action=audit.AuditAction.PRINT,
            what=f"Beslutsbrev (PDF), beslut {decision.decided_on:%Y-%m-%d} för {decision.month:%Y-%m}",
            user=viewer.user,
            staff=viewer,
            case=decision.case,
        )
    return pdf


__all__ = ["PROTECTED_ADDRESS", "decision_letter_html", "decision_letter_pdf", "household_is_protected"]
