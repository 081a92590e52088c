"""Fill the monthly tallies from cases, payments and decisions (aggregate queries, one pass per figure).

Definitions (each DECIDED here unless a source is named; see docs/socialstyrelsen-delivery.md §Definitions):

* Caseworkers of a unit: staff with the role caseworker or senior caseworker attached to the unit.
  Staff membership is not dated in the data model, so past months use today's staffing. A caseworker
  attached to several units counts as a head in each and once in their district and the city; their
  employment rate (full-time equivalents) is split equally between the units, so units add up.
* Households granted: households whose payments *for* the month (Payment.month) sum to more than 0 kr —
  the same "month with assistance" as bistand.statistics.durations, so the dashboards' duration shares
  and this count rest on one definition. Cost is the sum of all payments for the month, corrections
  included. Both are attributed to the unit of the case the payment belongs to.
* Open case at month end: opened on or before the last day and not closed by then.
* Who holds a case at month end: the CaseAssignment covering the last day; a case without any
  assignment history falls back to Case.caseworker.
* Days from application to decision (Kolada U31402 mean, U31403 median): first applications
  (nyansökan) whose first decision — corrections not counted — falls in the month; days = decision date
  − the date the application was received (local time).
* Returns within 12 months (Kolada U31462 "ej återaktualiserade … ett år efter avslutat"): adults
  (applicant, co-applicant) of the cases closed in the month twelve months before the report month,
  excluding exit reason "deceased"; returned = adult in any household with payments > 0 kr for one of
  the twelve months after the closing month.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Exists, Min, OuterRef, Q, Sum
from django.utils import timezone

from bistand.cases.codes import EXIT_REASONS
from bistand.cases.models import Case, CaseAssignment, Decision, Payment
from bistand.lifecycle.models import PurgedMonthTotals
from bistand.organisation.models import Role, Unit
from bistand.people.models import HouseholdMember, MemberRole
from bistand.rules.months import Month

CASEWORKER_ROLES = (Role.CASEWORKER, Role.SENIOR_CASEWORKER)
ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)
SELF_SUPPORT_EXITS = tuple(r.code for r in EXIT_REASONS if r.self_support)
NOT_IN_RETURN_COHORT = ("deceased",)


def fill_tallies(month: Month, tallies: dict) -> dict:
    """Fill the tallies; returns what the self-support figures reuse (open cases and their holders).

    Long id lists are never sent back to the database: cases open at month end are a subquery
    (`open_cases_query`), so a city with 10 000+ open cases costs one scan, not a 10 000-item `IN (…)`.
    """
    unit_ids = list(tallies)
    _staff(unit_ids, tallies)
    _payments(month, unit_ids, tallies)
    open_cases = _open_cases(month, unit_ids, tallies)
    holders = holders_at(month.last, open_cases_query(month.last, unit_ids))
    _caseload(open_cases, holders, tallies)
    _decision_days(month, unit_ids, tallies)
    _exits(month, unit_ids, tallies)
    _returns(month, unit_ids, tallies)
    return {"open_cases": open_cases, "holders": holders}


def open_case_filter(day: date) -> Q:
    """Cases open at the end of `day`."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True, status="open") | Q(closed_on__gt=day))


def open_cases_query(day: date, unit_ids):
    """Cases of the units open at the end of `day`, as a queryset to use as a subquery."""
    return Case.objects.filter(open_case_filter(day), unit_id__in=unit_ids).order_by()


def _staff(unit_ids, tallies) -> None:
    """Each caseworker's employment rate, split equally between the units they work in.

    So the units' full-time equivalents add up to the district's and the city's (a caseworker at 100 %
    in two units is 0.5 in each, 1.0 in the district); the head count of a district counts the person once.
    """
    through = Unit.staff.through
    rows = list(
        through.objects.filter(unit_id__in=unit_ids, staffmember__role__in=CASEWORKER_ROLES).values_list(
            "unit_id", "staffmember_id", "staffmember__employment_rate"
        )
    )
    units_of = Counter(
        through.objects.filter(staffmember_id__in={staff_id for _, staff_id, _ in rows}).values_list(
            "staffmember_id", flat=True
        )
    )
    for unit_id, staff_id, rate in rows:
        tallies[unit_id].staff[staff_id] = Decimal(rate) / units_of[staff_id]


def _payments(month: Month, unit_ids, tallies) -> None:
    per_household = (
        Payment.objects.filter(month=month.first, case__unit_id__in=unit_ids)
        .values("case__unit_id", "case__household_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    paid: dict[int, set[int]] = defaultdict(set)
    for row in per_household:
        tally = tallies[row["case__unit_id"]]
        tally.cost += int(row["total"])
        if row["total"] > 0:
            tally.households_paid.add(row["case__household_id"])
            paid[row["case__unit_id"]].add(row["case__household_id"])
    _purged(month, unit_ids, tallies)
    # Persons: members valid at some point in the month.
    paid_here = Payment.objects.filter(
        month=month.first, case__unit_id__in=unit_ids, case__household_id=OuterRef("household_id")
    )
    members = (
        HouseholdMember.objects.filter(valid_from__lte=month.last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month.first))
        .filter(Exists(paid_here))
        .order_by()
    )
    persons_by_household: dict[int, set[int]] = defaultdict(set)
    for household_id, person_id in members.values_list("household_id", "person_id"):
        persons_by_household[household_id].add(person_id)
    for unit_id, hs in paid.items():
        for h in hs:
            tallies[unit_id].persons_paid |= persons_by_household[h]


def _purged(month: Month, unit_ids, tallies) -> None:
    """Payments of cases deleted by gallring, kept as totals (bistand.lifecycle, docs/gallring.md).

    The households and persons of a deleted case no longer exist; they are kept as their former ids,
    negated so they cannot collide with a living row's id (ids are positive) and stay plain integers in
    the stored monthly aggregates, and the sets then merge per district and city exactly as before.
    """
    for row in PurgedMonthTotals.objects.filter(month=month.first, unit_id__in=unit_ids):
        tally = tallies[row.unit_id]
        tally.cost += row.cost
        tally.households_paid |= {-h for h in row.households_paid}
        tally.persons_paid |= {-p for p in row.persons_paid}


def _open_cases(month: Month, unit_ids, tallies) -> dict[int, tuple[int, date]]:
    """Open cases at month end: case id -> (unit id, opened on)."""
    rows = open_cases_query(month.last, unit_ids).values_list("pk", "unit_id", "opened_on")
    result = {}
    for case_id, unit_id, opened_on in rows:
        tallies[unit_id].open_cases.add(case_id)
        result[case_id] = (unit_id, opened_on)
    return result


def holders_at(day: date, cases) -> dict[int, int | None]:
    """The responsible caseworker of each case at the end of `day` (see module docstring).

    `cases` is a Case queryset (used as a subquery) or an iterable of case ids.
    """
    if not hasattr(cases, "query"):
        cases = Case.objects.filter(pk__in=list(cases)).order_by()
    holders: dict[int, int | None] = {}
    covering = (
        CaseAssignment.objects.filter(case__in=cases.values("pk"), start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("case_id", "start_date", "pk")
        .values_list("case_id", "caseworker_id")
    )
    for case_id, caseworker_id in covering:
        holders[case_id] = caseworker_id  # the latest start wins
    history = CaseAssignment.objects.filter(case_id=OuterRef("pk"))
    without_history = cases.filter(~Exists(history)).values_list("pk", "caseworker_id")
    for case_id, caseworker_id in without_history:
        holders[case_id] = caseworker_id
    return holders


def _caseload(open_cases, holders, tallies) -> None:
    for case_id, holder in holders.items():
        if holder is not None and case_id in open_cases:
            tallies[open_cases[case_id][0]].caseload[holder] += 1


def _decision_days(month: Month, unit_ids, tallies) -> None:
    # Only applications with a decision in the month can have their first decision in it.
    decided_in_month = Decision.objects.filter(
        decided_on__gte=month.first, decided_on__lte=month.last, corrects__isnull=True
    ).order_by()
    first_decisions = (
        Decision.objects.filter(case__unit_id__in=unit_ids, application__kind="first", corrects__isnull=True)
        .filter(application__in=decided_in_month.values("application_id"))
        .values("application_id", "case__unit_id", "application__received_at")
        .annotate(first=Min("decided_on"))
        .filter(first__gte=month.first, first__lte=month.last)
        .order_by()
    )
    for row in first_decisions:
        received = timezone.localdate(row["application__received_at"])
        tallies[row["case__unit_id"]].decision_days.append((row["first"] - received).days)


def _exits(month: Month, unit_ids, tallies) -> None:
    closed = (
        Case.objects.filter(unit_id__in=unit_ids, closed_on__gte=month.first, closed_on__lte=month.last)
        .order_by()
        .values_list("pk", "unit_id", "exit_reason")
    )
    for case_id, unit_id, reason in closed:
        tallies[unit_id].exits.add(case_id)
        if reason in SELF_SUPPORT_EXITS:
            tallies[unit_id].exits_self_support.add(case_id)


def _returns(month: Month, unit_ids, tallies) -> None:
    cohort_month = month.shift(-12)
    closed = list(
        Case.objects.filter(
            unit_id__in=unit_ids, closed_on__gte=cohort_month.first, closed_on__lte=cohort_month.last
        )
        .exclude(exit_reason__in=NOT_IN_RETURN_COHORT)
        .order_by()
        .values_list("household_id", "unit_id", "closed_on")
    )
    adults: dict[int, int] = {}  # person -> unit of the closed case
    closing = defaultdict(list)
    for household_id, unit_id, closed_on in closed:
        closing[household_id].append((unit_id, closed_on))
    members = HouseholdMember.objects.filter(household_id__in=closing, role__in=ADULT_ROLES).values_list(
        "household_id", "person_id", "valid_from", "valid_to"
    )
    for household_id, person_id, valid_from, valid_to in members:
        for unit_id, closed_on in closing[household_id]:
            if valid_from <= closed_on and (valid_to is None or valid_to >= closed_on):
                adults[person_id] = unit_id
    for person_id, unit_id in adults.items():
        tallies[unit_id].return_cohort.add(person_id)
    if not adults:
        return
    after_first, after_last = cohort_month.shift(1), cohort_month.shift(12)
    memberships = list(
        HouseholdMember.objects.filter(person_id__in=adults, role__in=ADULT_ROLES).values_list(
            "person_id", "household_id", "valid_from", "valid_to"
        )
    )
    paid_months = (
        Payment.objects.filter(
            case__household_id__in={m[1] for m in memberships},
            month__gte=after_first.first,
            month__lte=after_last.first,
        )
        .values("case__household_id", "month")
        .annotate(total=Sum("amount"))
        .filter(total__gt=0)
        .order_by()
    )
    months_by_household: dict[int, list[date]] = defaultdict(list)
    for row in paid_months:
        months_by_household[row["case__household_id"]].append(row["month"])
    for person_id, household_id, valid_from, valid_to in memberships:
        for first_day in months_by_household.get(household_id, ()):
            last_day = Month.of(first_day).last
            if valid_from <= last_day and (valid_to is None or valid_to >= first_day):
                tallies[adults[person_id]].returned.add(person_id)
                break
