"""Everything held about one person, as plain data (GDPR art. 15 register extract).

The extract is built from the person outwards: the person row, the households they belonged to, the
cases of those households and everything recorded in them, and the audit rows about those cases. What
is left out, and why (dataskyddsförordningen art. 15.4: the right of access must not harm others):

* Other household members appear only by their role (e.g. "Medsökande"), never by name, personnummer
  or address; declared amounts that concern another member are counted, not shown. The household's
  decisions and payments are shown in full: they were decisions on the person's own application.
* Barriers, assessments and action plans are shown only where they concern the person.
* Audit rows show when, what and the role of the staff member, not their name (the Court of Justice of
  the EU, C-579/21, 22 June 2023: the time and purpose of consultations are part of the right of
  access, the identity of the employees in general not).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from bistand.audit.audit import AuditAction
from bistand.audit.models import AuditEvent
from bistand.cases.models import Application, Case
from bistand.casework.decisions.labels import kind_label
from bistand.organisation.models import Role
from bistand.people.models import HouseholdMember, MemberRole, Person
from bistand.selfsupport.models import ActionPlan, Assessment, Meeting

FORMAT_VERSION = 1
LEGAL_BASIS = "Dataskyddsförordningen (EU) 2016/679 artikel 15"

ROLE_LABELS = dict(MemberRole.choices)
STAFF_ROLE_LABELS = dict(Role.choices)
ACTION_LABELS = dict(AuditAction.choices)


def cases_of(person: Person):
    return Case.objects.filter(household__memberships__person=person).distinct().order_by("opened_on", "pk")


def _day(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value.isoformat() if isinstance(value, date) else str(value)


def _person(person: Person) -> dict:
    return {
        "personal_number": person.personal_number,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": _day(person.birth_date),
        "protected_identity": person.get_protected_identity_display() if person.protected_identity else "",
        "street_address": person.street_address,
        "postal_code": person.postal_code,
        "city": person.city,
        "phone": person.phone,
        "email": person.email,
        "bank_clearing": person.bank_clearing,
        "bank_account": person.bank_account,
    }


def _households(person: Person) -> list[dict]:
    rows = []
    memberships = person.memberships.select_related("household__district").order_by("valid_from", "pk")
    for membership in memberships:
        others = HouseholdMember.objects.filter(household=membership.household).exclude(person=person)
        rows.append(
            {
                "household_id": membership.household_id,
                "district": membership.household.district.name,
                "role": ROLE_LABELS.get(membership.role, membership.role),
                "valid_from": _day(membership.valid_from),
                "valid_to": _day(membership.valid_to),
                "other_members": [
                    {"role": ROLE_LABELS.get(o.role, o.role), "valid_from": _day(o.valid_from)}
                    for o in others.order_by("role", "valid_from")
                ],
            }
        )
    return rows


def _application(application: Application, person: Person) -> dict:
    items, withheld = [], 0
    for item in application.items.all():
        if item.member_id is not None and item.member_id != person.pk:
            withheld += 1
            continue
        items.append(
            {
                "category": item.get_category_display(),
                "kind": item.kind,
                "label": kind_label(item.category, item.kind),
                "amount": item.amount,
                "description": item.description,
            }
        )
    return {
        "month": _day(application.month),
        "kind": application.get_kind_display(),
        "channel": application.get_channel_display(),
        "status": application.get_status_display(),
        "received_at": _day(application.received_at),
        "items": items,
        "items_about_other_members_withheld": withheld,
    }


def _decision(decision) -> dict:
    return {
        "month": _day(decision.month),
        "decided_on": _day(decision.decided_on),
        "outcome": decision.get_outcome_display(),
        "total_granted": decision.total_granted,
        "legal_basis": decision.legal_basis,
        "reasons": decision.reasons,
        "decided_by": str(decision.decided_by) if decision.decided_by else "",
        "corrects_decision_of": _day(decision.corrects.decided_on) if decision.corrects else None,
        "items": [
            {
                "label": item.label,
                "requested": item.requested,
                "granted": item.granted,
                "outcome": item.get_outcome_display(),
                "reason": item.reason,
            }
            for item in decision.items.all()
        ],
    }


def _plan(plan: ActionPlan) -> dict:
    return {
        "established_on": _day(plan.established_on),
        "status": plan.get_status_display(),
        "ended_on": _day(plan.ended_on),
        "client_view": plan.client_view,
        "goals": [g.text for g in plan.goals.all()],
        "steps": [
            {"intervention": s.get_intervention_display(), "description": s.description}
            for s in plan.steps.all()
        ],
        "follow_ups": [_day(f.held_on) for f in plan.follow_ups.order_by("held_on")],
    }


def _case(case: Case, person: Person) -> dict:
    membership = case.household.memberships.filter(person=person).order_by("valid_from").first()
    meetings = Meeting.objects.filter(case=case).filter(Q(persons=person) | Q(persons=None)).distinct()
    return {
        "case_number": case.number,
        "unit": case.unit.name,
        "status": case.get_status_display(),
        "opened_on": _day(case.opened_on),
        "closed_on": _day(case.closed_on),
        "exit_reason": case.get_exit_reason_display() if case.exit_reason else "",
        "role": ROLE_LABELS.get(membership.role, "") if membership else "",
        "caseworker": str(case.caseworker) if case.caseworker else "",
        "applications": [_application(a, person) for a in case.applications.order_by("month", "pk")],
        "calculations": [
            {
                "month": _day(c.month),
                "assistance": c.assistance,
                "parameter_version": c.parameter_version,
                "created_at": _day(c.created_at),
            }
            for c in case.calculations.order_by("month", "created_at", "pk")
        ],
        "decisions": [
            _decision(d)
            for d in case.decisions.select_related("decided_by__user", "corrects").order_by("month", "pk")
        ],
        "payments": [
            {
                "month": _day(p.month),
                "amount": p.amount,
                "pay_date": _day(p.pay_date),
                "recipient_account": p.recipient_account,
            }
            for p in case.payments.order_by("pay_date", "pk")
        ],
        "journal_notes": [
            {
                "written_at": _day(n.written_at),
                "occurred_on": _day(n.occurred_on),
                "heading": n.heading,
                "text": n.text,
                "author": str(n.author),
            }
            for n in case.journal_notes.select_related("author__user").order_by("written_at", "pk")
        ],
        "barriers": [
            {"month": _day(b.month), "barrier": b.get_code_display()}
            for b in case.barriers.filter(person=person).order_by("month")
        ],
        "meetings": [
            {
                "starts_at": _day(m.starts_at),
                "kind": m.get_kind_display(),
                "mode": m.get_mode_display(),
                "status": m.get_status_display(),
                "note": m.note,
            }
            for m in meetings.order_by("starts_at", "pk")
        ],
        "assessments": [
            {"assessed_on": _day(a.assessed_on), "summary": a.summary}
            for a in Assessment.objects.filter(case=case, person=person).order_by("assessed_on")
        ],
        "action_plans": [
            _plan(p) for p in case.action_plans.filter(person=person).order_by("established_on")
        ],
        "audit": [
            {
                "at": _day(e.at),
                "action": ACTION_LABELS.get(e.action, e.action),
                "what": e.what,
                "staff_role": STAFF_ROLE_LABELS.get(e.staff.role, "") if e.staff else "",
            }
            for e in AuditEvent.objects.filter(Q(case=case) | Q(case_links__case=case))
            .distinct()
            .select_related("staff")
            .order_by("at", "pk")
        ],
    }


def person_extract(person: Person, produced_by=None) -> dict:
    """The register extract of `person` as JSON-ready data (strings, integers, lists, dicts)."""
    return {
        "format": "bistand-registerutdrag",
        "format_version": FORMAT_VERSION,
        "legal_basis": LEGAL_BASIS,
        "produced_at": _day(timezone.now()),
        "produced_by": str(produced_by) if produced_by else "",
        "person": _person(person),
        "households": _households(person),
        "cases": [
            _case(c, person) for c in cases_of(person).select_related("unit", "household", "caseworker__user")
        ],
    }
