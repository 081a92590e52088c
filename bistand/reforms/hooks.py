"""What the reforms add to the caseworker's pages (bistand.casework.extensions), registered from ready().

The start-page panel computes every adult's aktivitetskrav in a fixed number of queries (members,
memberships, payments per household and month, exemptions, activities), whatever the caseload.
"""

from __future__ import annotations

from datetime import datetime, time

from django.core.exceptions import EmptyResultSet
from django.db.models import Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from bistand.cases.models import Case, Payment
from bistand.casework import access, caseload_figures, extensions
from bistand.casework.extensions import Panel, TimelineEntry
from bistand.people.models import HouseholdMember, Person
from bistand.reforms import services
from bistand.reforms.models import Activity, ActivityExemption, ActivitySanction, ReformRuleSetting
from bistand.rules import reforms as rules
from bistand.rules.months import add_months, age_on, last_of_month
from bistand.selfsupport.common import today

PANEL_LIMIT = 10
HISTORY_MONTHS = 12  # enough to show how many months in a row; the rule needs three


def _compiled(queryset) -> RawSQL:
    """The queryset's SQL, compiled once to be used as a subquery (`field__in=`) in several queries.

    A caseload's queryset (visible_cases) nests several subqueries: Django builds and compiles it anew
    each time a queryset containing it is compiled, which cost more than the database's work here.
    """
    sql, params = queryset.query.sql_with_params()
    return RawSQL(sql, params)


def _assisted_months(person_ids, month, history_months: int = HISTORY_MONTHS) -> dict[int, set[str]]:
    """person_history for many persons at once, for the `history_months` months before `month`: months
    with payments to a household the person belonged to on the month's last day."""
    memberships = list(
        HouseholdMember.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("person_id", "household_id", "valid_from", "valid_to")
    )
    since = add_months(month, -history_months)
    # household id -> {month: total paid}: each membership then looks at its own household's months only
    # (not at every household's, which grew with the square of the caseload).
    totals: dict[int, dict] = {}
    for household_id, paid_month, total in (
        Payment.objects.filter(
            case__household_id__in={m[1] for m in memberships}, month__lt=month, month__gte=since
        )
        .order_by()
        .values_list("case__household_id", "month")
        .annotate(total=Sum("amount"))
    ):
        months_paid = totals.setdefault(household_id, {})
        months_paid[paid_month] = months_paid.get(paid_month, 0) + total
    month_ends: dict = {}  # a dozen distinct months, each looked up for every membership
    per_person: dict[int, dict] = {}
    for person_id, household_id, valid_from, valid_to in memberships:
        for paid_month, total in totals.get(household_id, {}).items():
            if valid_to is not None and paid_month > valid_to:
                continue
            end = month_ends.get(paid_month) or month_ends.setdefault(paid_month, last_of_month(paid_month))
            if end >= valid_from:
                months = per_person.setdefault(person_id, {})
                months[paid_month] = months.get(paid_month, 0) + total
    keys: dict = {}
    return {
        pid: {keys.get(m) or keys.setdefault(m, f"{m:%Y-%m}") for m, t in months.items() if t > 0}
        for pid, months in per_person.items()
    }


def _without_activity(
    cases, month, history_months: int = HISTORY_MONTHS, rule: rules.ReformRule | None = None
) -> list[tuple]:
    """(case id, case number, person id, birth date, reason) of each adult of these cases for whom the aktivitetskrav
    applies this month but no activity is assigned, by case number and birth date; no person rows read.

    The payment history read is `history_months` long: whether the requirement applies needs only the
    rule's number of consecutive months, the reason's count of months in a row is capped by it.
    `rule` is the aktivitetskrav as the caller read it (read here otherwise)."""
    month = month.replace(day=1)
    rule = rule or rules.rule(rules.ACTIVITY)  # read once: the stored status is the same for every person
    if not rule.applies_to(month):
        return []
    if not isinstance(cases, QuerySet):
        cases = Case.objects.filter(pk__in=[c.pk for c in cases])
    # The caseload goes into the queries as subqueries, not as lists of thousands of ids, compiled once.
    try:
        case_ids = _compiled(cases.order_by().values("pk"))
    except EmptyResultSet:  # a caseload that cannot hold a case (no cases given, or none visible)
        return []
    end = last_of_month(month)
    current = (
        HouseholdMember.objects.filter(
            household_id__in=Case.objects.filter(pk__in=case_ids).values("household_id"), valid_from__lte=end
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .order_by()
    )
    members = [
        (household_id, person_id, birth_date)
        for household_id, person_id, birth_date in current.values_list(
            "household_id", "person_id", "person__birth_date"
        )
        if age_on(birth_date, end) >= 18
    ]
    if not members:
        return []
    person_ids = _compiled(current.values("person_id"))
    by_household = {
        household_id: (pk, number)
        for pk, number, household_id in Case.objects.filter(pk__in=case_ids).values_list(
            "pk", "number", "household_id"
        )
    }
    history = _assisted_months(person_ids, month, history_months)
    exemptions: dict[int, list] = {}
    # Each person's exemptions by start, as the model's ordering gives them (without reading the names
    # it sorts the persons by).
    for person_id, kind, start, stop in (
        ActivityExemption.objects.filter(person_id__in=person_ids)
        .order_by("start")
        .values_list("person_id", "kind", "start", "end")
    ):
        exemptions.setdefault(person_id, []).append(rules.Exemption(kind, start, stop))
    with_activity = {
        (case_id, person_id)
        for case_id, person_id, start, stop in Activity.objects.filter(
            case_id__in=case_ids, person_id__in=person_ids
        )
        .order_by()
        .values_list("case_id", "person_id", "start", "end")
        if rules.overlaps(start, stop, month)
    }
    rows = []
    for household_id, person_id, birth_date in members:
        case_id, number = by_household[household_id]
        if (case_id, person_id) in with_activity:
            continue
        requirement = rules.activity_requirement(
            birth_date, month, history.get(person_id, ()), exemptions.get(person_id, ()), rule
        )
        if requirement.applies:
            rows.append((case_id, number, person_id, birth_date, requirement.reason))
    return sorted(rows, key=lambda r: (r[1], r[3], r[2]))


def _with_persons(rows: list[tuple]) -> list[dict]:
    """The rows with their Case and Person read (two queries, however many rows)."""
    cases = Case.objects.in_bulk([row[0] for row in rows])
    persons = Person.objects.in_bulk([row[2] for row in rows])
    return [
        {"case": cases[case_id], "person": persons[person_id], "reason": reason}
        for case_id, _, person_id, _, reason in rows
    ]


def adults_without_activity(cases, month) -> list[dict]:
    """Adults of these cases for whom the aktivitetskrav applies this month but no activity is assigned."""
    return _with_persons(_without_activity(cases, month))


def missing_activity_panel(staff, request):
    if staff.role not in access.CASE_ROLES:
        return None
    from bistand.selfsupport.hooks import _own_cases

    month = today().replace(day=1)
    rule = rules.rule(rules.ACTIVITY)  # the stored status is read once for the whole panel
    if not rule.applies_to(month):
        return None
    # The panel shows who, not the reason: the rule's own number of months in a row is history enough.
    needed = int(rule.extra.get("consecutive_months", 3))
    # Every adult of the caseload is checked: kept a few minutes per staff member (caseload_figures).
    rows = caseload_figures.kept(
        request,
        staff,
        "aktivitetskrav",
        month,
        (needed, rule.applies_to(month)),
        lambda: _without_activity(_own_cases(staff), month, history_months=needed, rule=rule),
    )
    shown = _with_persons(rows[:PANEL_LIMIT])  # the count covers everyone; only the listed are read
    return Panel(
        title="Aktivitetskrav utan anvisad aktivitet",
        template="reforms/panels/missing_activity.html",
        context={
            "adults_without_activity": shown,
            "adults_count": len(rows),
            "adults_more": max(0, len(rows) - PANEL_LIMIT),
        },
        order=22,
        cases=sorted({r["case"].pk for r in shown}),
    )


def case_file_section(case, request):
    return Panel(
        title="Aktivitetskrav och reformer",
        template="reforms/panels/case_section.html",
        context={"case": case, "reform_rules": rules.all_rules()},
        order=12,
    )


def timeline(case) -> list[TimelineEntry]:
    """Assigned activities and the caseworker's aktivitetskrav decisions, in the case timeline."""
    url = reverse("reforms:case", args=[case.pk])
    entries = [
        TimelineEntry(
            timezone.make_aware(datetime.combine(a.start, time(12, 0))),
            "activity",
            f"Aktivitet anvisad för {a.person.full_name}",
            f"{a.get_kind_display()} hos {a.provider}, {a.hours_per_week} timmar/vecka",
            url,
        )
        for a in Activity.objects.filter(case=case).select_related("person")
    ]
    for s in ActivitySanction.objects.filter(decision__case=case).select_related("person", "decision"):
        entries.append(
            TimelineEntry(
                s.created_at,
                "activity_sanction",
                f"Aktivitetskrav: {s.get_kind_display().lower()} ({s.person.full_name})",
                s.reasons,
                reverse("casework:decision", args=[case.pk, s.decision_id]),
            )
        )
    return entries


def _stored_settings() -> dict[str, dict]:
    return {
        s.rule_id: {"status": s.status, "legal_basis": s.legal_basis} for s in ReformRuleSetting.objects.all()
    }


def register() -> None:
    rules.set_override_source(_stored_settings)
    for registry, fn in (
        (extensions.START_PAGE_PANELS, missing_activity_panel),
        (extensions.CASE_FILE_SECTIONS, case_file_section),
        (extensions.TIMELINE_SOURCES, timeline),
        (extensions.DECISION_WARNINGS, services.application_flags),
    ):
        if fn not in registry:
            registry.append(fn)
