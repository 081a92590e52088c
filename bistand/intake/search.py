"""Finding a person or a case by name, personnummer, samordningsnummer or case number.

Only cases the staff member may open are searched (bistand.casework.access.visible_cases): a person is
found through a case of the staff member's own units, and a protected person only by staff who may open
their case. A result never carries an address; the case file shows it to those who may see it.
"""

from dataclasses import dataclass

from django.db.models import Q

from bistand.cases.models import Case
from bistand.casework import access
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number
from bistand.people.models import HouseholdMember, Person

MAX_RESULTS = 50
MIN_DIGITS = 6


@dataclass(frozen=True)
class Hit:
    person: Person
    role: str  # Swedish label of the person's role in the household
    current: bool  # still a member of the household today
    case: Case


def as_identity_number(query: str) -> str:
    """The query as a personnummer or samordningsnummer (ÅÅÅÅMMDD-NNNN), or "" when it is not one."""
    try:
        return parse_identity_number(query).display
    except InvalidIdentityNumber:
        return ""


def _person_filter(query: str) -> Q | None:
    """A filter on Person for the query, or None for an empty query."""
    text = " ".join(query.split())
    if not text:
        return None
    try:
        return Q(personal_number=parse_identity_number(text).canonical)
    except InvalidIdentityNumber:
        pass
    digits = text.replace("-", "").replace("+", "")
    if digits.isdigit():
        # A part of a number: at least a birth date (ÅÅMMDD) or the last four digits with the day, so a
        # search never lists everyone born in a year.
        return Q(personal_number__contains=digits) if len(digits) >= MIN_DIGITS else Q(pk__in=[])
    found = Q()
    for word in text.split(" "):
        found &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return found


def search(*, staff, query: str, today) -> list[Hit]:
    """Persons matching the query in households of cases the staff member may open, newest case first."""
    query = (query or "").strip()
    cases = access.visible_cases(staff)
    hits: list[Hit] = []
    by_number = cases.filter(number__iexact=query).first() if query else None
    if by_number is not None:
        applicant = by_number.applicant
        if applicant is not None:
            hits.append(Hit(applicant, "Sökande", True, by_number))
    person_filter = _person_filter(query)
    if person_filter is None:
        return hits
    memberships = (
        HouseholdMember.objects.filter(household__cases__in=cases.values("pk"))
        .filter(person__in=Person.objects.filter(person_filter))
        .select_related("person")
        .distinct()
    )
    case_of = {}
    for case in cases.filter(household__in=memberships.values("household")).select_related(
        "caseworker__user", "unit"
    ):
        case_of.setdefault(case.household_id, []).append(case)
    seen = {(h.person.pk, h.case.pk) for h in hits}
    for membership in memberships.order_by("person__last_name", "person__first_name", "valid_from"):
        for case in sorted(case_of.get(membership.household_id, []), key=lambda c: c.opened_on, reverse=True):
            if (membership.person_id, case.pk) in seen:
                continue
            seen.add((membership.person_id, case.pk))
            current = membership.valid_from <= today and (
                membership.valid_to is None or membership.valid_to >= today
            )
            hits.append(Hit(membership.person, membership.get_role_display(), current, case))
    return hits[:MAX_RESULTS]
