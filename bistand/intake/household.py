"""Dated changes of a household: a child born, someone moving in or out, a partner (sambo) moving in,
a child turning 21. Each is a HouseholdMember validity period, so earlier months keep the household they
had and the calculation for a month uses the members on its last day (cases.services.build_request).

What a change does to the norm (riksnorm, SoF 2025:468 12 kap. 2 §): a new child adds the child's
personal costs for its age and the household's common costs grow by one person; a partner turns the
single adult's amount into the couple's; someone moving out takes their part away. A child who turns 21
is no longer a child living at home (SOSFS 2013:1, "barn och ungdomar under 21 år"): from the month of
the 21st birthday their personal costs and their share of the common costs leave the household's norm,
and a young person who stays applies in a case of their own.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import TextChoices

from bistand.audit.audit import Actor, AuditAction
from bistand.cases.models import Case
from bistand.casework import date_checks, windows
from bistand.intake.services import OLDEST_CHILD_AGE, IntakeRefused, PersonInput, _age, _audit, person_for
from bistand.people.models import HouseholdMember, MemberRole


class ChangeKind(TextChoices):
    BORN = "born", "Barn fött"
    CHILD_MOVED_IN = "child_moved_in", "Barn flyttat in"
    PARTNER_MOVED_IN = "partner_moved_in", "Sambo eller make/maka flyttat in"
    MOVED_OUT = "moved_out", "Flyttat ut"
    TURNED_21 = "turned_21", "Barn fyllt 21 år"


def twenty_first_birthday(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + OLDEST_CHILD_AGE + 1)
    except ValueError:  # born 29 February: the birthday is 1 March in a common year
        return date(birth.year + OLDEST_CHILD_AGE + 1, 3, 1)


def current_members(case: Case, on: date):
    return case.household.members_on(on)


def _check_date(case: Case, day: date, field: str = "on") -> None:
    problem = windows.case_date_problem(day, opened_on=case.opened_on, today=date_checks.today())
    if problem:
        raise IntakeRefused(problem, field)


@transaction.atomic
def add_member(
    *, actor: Actor, case: Case, kind: str, person: PersonInput, on: date | None = None
) -> HouseholdMember:
    """A child born (from the birth date), a child moving in, or a partner moving in (from `on`)."""
    kind = ChangeKind(kind)
    household = case.household
    added = person_for(person, staff=actor.staff, field="personal_number")
    if kind == ChangeKind.BORN:
        on = added.birth_date
        if _age(added.birth_date, date_checks.today()) > 0:
            raise IntakeRefused(
                "Barnet är äldre än ett år. Välj ”Barn flyttat in” och ange datumet barnet kom till hushållet.",
                "personal_number",
            )
    if on is None:
        raise IntakeRefused("Ange datumet för ändringen.", "on")
    if kind != ChangeKind.BORN:
        _check_date(case, on)
    role = MemberRole.CO_APPLICANT if kind == ChangeKind.PARTNER_MOVED_IN else MemberRole.CHILD
    members = household.members_on(on)
    if (
        members.filter(person=added).exists()
        or household.memberships.filter(person=added, valid_to__isnull=True).exists()
    ):
        raise IntakeRefused(f"{added.full_name} ingår redan i hushållet.", "personal_number")
    if (
        role == MemberRole.CO_APPLICANT
        and household.memberships.filter(role=MemberRole.CO_APPLICANT, valid_to__isnull=True).exists()
    ):
        raise IntakeRefused(
            "Hushållet har redan en medsökande. Registrera först att den personen flyttat ut.", "kind"
        )
    if role == MemberRole.CHILD and _age(added.birth_date, on) > OLDEST_CHILD_AGE:
        raise IntakeRefused(
            f"{added.full_name} har fyllt 21 år och kan inte ingå som barn i hushållet. "
            "En vuxen som bor kvar hemma söker i ett eget ärende.",
            "personal_number",
        )
    membership = HouseholdMember.objects.create(household=household, person=added, role=role, valid_from=on)
    _audit(actor, AuditAction.CHANGE, f"Hushåll: {kind.label.lower()} den {on:%Y-%m-%d}", case)
    return membership


@transaction.atomic
def end_membership(
    *, actor: Actor, case: Case, membership: HouseholdMember, kind: str, on: date | None = None
) -> HouseholdMember:
    """Someone moved out (`on` is the moving day: the last day in the household is the day before), or a
    child turned 21 (the last day is the day before the 21st birthday)."""
    kind = ChangeKind(kind)
    membership = HouseholdMember.objects.select_for_update().get(pk=membership.pk, household=case.household)
    if membership.valid_to is not None:
        raise IntakeRefused(f"{membership.person.full_name} har redan lämnat hushållet.", "member")
    if kind == ChangeKind.TURNED_21:
        if membership.role != MemberRole.CHILD:
            raise IntakeRefused("Bara ett barn i hushållet kan fylla 21 år i den här meningen.", "member")
        birthday = twenty_first_birthday(membership.person.birth_date)
        if birthday > windows.latest_day(date_checks.today()):
            raise IntakeRefused(
                f"{membership.person.full_name} fyller 21 år först {birthday:%Y-%m-%d}.", "member"
            )
        last_day = birthday - timedelta(days=1)
    else:
        if on is None:
            raise IntakeRefused("Ange datumet för ändringen.", "on")
        _check_date(case, on)
        if membership.role == MemberRole.APPLICANT:
            raise IntakeRefused(
                "Den sökande kan inte flytta ut ur sitt eget hushåll. Avsluta ärendet i stället.", "member"
            )
        last_day = on - timedelta(days=1)
    if last_day < membership.valid_from:
        raise IntakeRefused(
            f"{membership.person.full_name} kom till hushållet {membership.valid_from:%Y-%m-%d}, "
            "så utflyttningen kan inte ligga före dess.",
            "on",
        )
    HouseholdMember.objects.filter(pk=membership.pk).update(valid_to=last_day)
    membership.valid_to = last_day
    what = f"Hushåll: {kind.label.lower()}, sista dag i hushållet {last_day:%Y-%m-%d}"
    _audit(actor, AuditAction.CHANGE, what, case)
    return membership
