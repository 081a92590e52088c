"""Who may produce a register extract, and producing it (JSON or PDF) with its audit rows.

Authorised: a unit manager (enhetschef) for a person all of whose cases belong to the manager's units
and are visible to them — so a person with protected identity only by a manager who holds the case or
has been granted access to it (bistand.casework.access). Other roles get nothing, and the answer is the
same as for a person who does not exist, so the page cannot be used to find out who is a client.

Producing an extract writes one audit row (EXTRACT) per case it contains, in the same transaction.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.template.loader import render_to_string

from bistand.audit import audit
from bistand.casework import access
from bistand.lifecycle.extract.data import cases_of, person_extract
from bistand.organisation.models import Role, StaffMember
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number
from bistand.people.models import Person

EXTRACT_ROLES = {Role.UNIT_MANAGER}
TEMPLATE = "lifecycle/extract.html"
STYLESHEET = Path(__file__).with_name("extract.css")


def may_extract(staff: StaffMember | None) -> bool:
    return staff is not None and staff.role in EXTRACT_ROLES


def person_for(staff: StaffMember | None, *, person_id=None, personal_number: str | None = None):
    """The person if `staff` may produce their extract, else None (also for an unknown person)."""
    if not may_extract(staff):
        return None
    if personal_number is not None:
        try:
            personal_number = parse_identity_number(personal_number).canonical
        except InvalidIdentityNumber:
            return None
        person = Person.objects.filter(personal_number=personal_number).first()
    else:
        person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return None
    case_ids = set(cases_of(person).values_list("pk", flat=True))
    if not case_ids:
        return None
    visible = set(access.visible_cases(staff).filter(pk__in=case_ids).values_list("pk", flat=True))
    return person if visible == case_ids else None


@transaction.atomic
def produce(person: Person, staff: StaffMember, kind: str, path: str = "") -> bytes:
    """The extract as bytes: kind "json" (UTF-8) or "pdf"; audited per case."""
    data = person_extract(person, produced_by=staff)
    if kind == "json":
        content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    else:
        from weasyprint import CSS, HTML  # loading pango is slow; most requests never need it

        html = render_to_string(TEMPLATE, {"x": data, "labels": LABELS})
        content = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
    for case in cases_of(person):
        audit.record(
            action=audit.AuditAction.EXTRACT,
            what=f"Registerutdrag ({kind.upper()}) enligt dataskyddsförordningen art. 15",
            user=staff.user,
            staff=staff,
            case=case,
            path=path,
        )
    return content


LABELS = {
    "personal_number": "Personnummer",
    "first_name": "Förnamn",
    "last_name": "Efternamn",
    "birth_date": "Födelsedatum",
    "protected_identity": "Skyddade personuppgifter",
    "street_address": "Gatuadress",
    "postal_code": "Postnummer",
    "city": "Ort",
    "phone": "Telefon",
    "email": "E-post",
    "bank_clearing": "Clearingnummer",
    "bank_account": "Kontonummer",
}
