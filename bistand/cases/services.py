"""From an application in the database to a stored calculation snapshot.

The calculation itself is bistand.rules (plain Python); this module only translates the household, the
declared items and the assistance history into the calculation contract's JSON request, runs it and
stores the immutable snapshot.
"""

from datetime import date

from django.db import transaction
from django.db.models import Sum

from bistand import rules
from bistand.cases.models import Application, Calculation, Decision, DeclaredItem, Payment
from bistand.cases.models.application import DeclaredCategory
from bistand.people.models import HouseholdMember
from bistand.rules.months import last_of_month, month_key

ADULT_ROLES = ("applicant", "co_applicant")


def assistance_history(case, before_month: date) -> list[str]:
    """Months before `before_month` in which the household received income support (paid amount > 0)."""
    totals: dict[date, int] = {}
    for month, amount in Payment.objects.filter(
        case__household=case.household, month__lt=before_month
    ).values_list("month", "amount"):
        totals[month] = totals.get(month, 0) + amount
    return sorted(month_key(m) for m, total in totals.items() if total > 0)


def person_history(person_id: int, before_month: date) -> list[str]:
    """Months before `before_month` in which this person received income support: a month counts when the
    person was a member (on the month's last day, as in build_request) of a household whose cases were
    paid for it (paid amount > 0). A partner who joins brings the months of their earlier households, and
    none of the months before they joined this one (jobbstimulans is personal: SoL 2001:453 4 kap. 1 b §).
    """
    return person_histories_for([person_id], before_month).get(person_id, [])


def person_histories_for(person_ids, before_month: date) -> dict[int, list[str]]:
    """person_history for several persons in two queries (a household's adults on one page): person id ->
    months, for each of `person_ids` (an empty list when none)."""
    person_ids = list(person_ids)
    memberships = list(
        HouseholdMember.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("person_id", "household_id", "valid_from", "valid_to")
    )
    paid: dict[int, dict[date, int]] = {}  # household id -> {month: total paid}
    if memberships:
        for household_id, month, total in (
            Payment.objects.filter(case__household_id__in={m[1] for m in memberships}, month__lt=before_month)
            .order_by()
            .values_list("case__household_id", "month")
            .annotate(total=Sum("amount"))
        ):
            months = paid.setdefault(household_id, {})
            months[month] = months.get(month, 0) + total
    totals: dict[int, dict[date, int]] = {pid: {} for pid in person_ids}
    for person_id, household_id, valid_from, valid_to in memberships:
        months = totals[person_id]
        for month, amount in paid.get(household_id, {}).items():
            if valid_to is not None and month > valid_to:
                continue
            if last_of_month(month) >= valid_from:
                months[month] = months.get(month, 0) + amount
    return {
        pid: sorted(month_key(m) for m, total in months.items() if total > 0)
        for pid, months in totals.items()
    }


def previous_surplus(case, month: date) -> tuple[int, date] | None:
    """(normöverskott, month) of the month before `month`, from the case's latest decision; None if none."""
    first = month.replace(day=1)
    previous = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    decision = (
        Decision.objects.filter(case=case, month=previous, calculation__isnull=False)
        .select_related("calculation")
        .order_by("-decided_at", "-id")
        .first()
    )
    surplus = int(decision.calculation.result.get("surplus", 0)) if decision is not None else 0
    return (surplus, previous) if surplus > 0 else None


def member_entry(*, person_id: int, role: str, birth_date: date, preschool_lunch: bool) -> dict:
    """One member of a calculation request (the person's own assistance history is added by the caller)."""
    member: dict = {"id": str(person_id), "role": role, "birth_date": birth_date.isoformat()}
    if preschool_lunch:
        member["preschool_lunch"] = True
    return member


def new_request(
    *, month: date, members: list[dict], history: list[str], municipality: str, dwelling_size: int | None
) -> dict:
    """A calculation request without items: the month, the members (ordered as Household.members_on
    orders them), the household's assistance history and the municipality's rules code. A dwelling
    sized for more people than the members gives household_size."""
    request: dict = {
        "month": month_key(month),
        "members": members,
        "costs": [],
        "incomes": [],
        "extra_needs": [],
        "assistance_history": history,
        "municipality": municipality,
    }
    if dwelling_size and dwelling_size > len(members):
        request["household_size"] = dwelling_size
    return request


def build_request(application: Application) -> dict:
    """The calculation contract's request for this application (see bistand.rules)."""
    case = application.case
    household = case.household
    month_end = last_of_month(application.month)
    history = assistance_history(case, application.month)
    members = []
    memberships = list(household.members_on(month_end))
    own_months = person_histories_for(
        [m.person_id for m in memberships if m.role in ADULT_ROLES], application.month
    )
    for membership in memberships:
        member = member_entry(
            person_id=membership.person_id,
            role=membership.role,
            birth_date=membership.person.birth_date,
            preschool_lunch=membership.preschool_lunch,
        )
        if membership.role in ADULT_ROLES:
            # Only where the person's own months differ from the household's (e.g. a partner who joined):
            # for everyone else the household's history is theirs, and the request stays as before.
            own = own_months[membership.person_id]
            if own != history:
                member["assistance_history"] = own
        members.append(member)
    request = new_request(
        month=application.month,
        members=members,
        history=history,
        municipality=case.unit.district.municipality.rules_code,
        dwelling_size=household.dwelling_size,
    )
    item: DeclaredItem
    for item in application.items.all().order_by("id"):
        add_item(request, item)
    if application.carry_surplus:
        carried = previous_surplus(case, application.month)
        if carried is not None:
            request["carried_surplus"] = {"amount": carried[0], "from_month": month_key(carried[1])}
    return request


@transaction.atomic
def calculate_application(application: Application, staff=None) -> Calculation:
    """Run the rules on the application and store the snapshot. Raises rules.CalculationError."""
    request = build_request(application)
    result = rules.calculate(request)
    return Calculation.objects.create(
        case=application.case,
        application=application,
        month=application.month,
        request=request,
        result=result,
        parameter_version=parameter_version(result),
        assistance=result["assistance"],
        created_by=staff,
    )


def parameter_version(result: dict) -> str:
    params = result.get("parameters", {})
    return str(params.get("version") or params.get("id") or params.get("year", ""))[:100]


def add_item(request: dict, item: DeclaredItem) -> None:
    """Put one declared item into a calculation request (shared with the monthly run's bulk path)."""
    add_entry(
        request,
        category=item.category,
        kind=item.kind,
        amount=item.amount,
        description=item.description,
        accepted_in_full=item.accepted_in_full,
        reason=item.judgement_reason,
        member_id=item.member_id,
        year_to_date=item.year_to_date,
    )


def add_entry(
    request: dict,
    *,
    category: str,
    kind: str,
    amount: int,
    description: str = "",
    accepted_in_full: bool = False,
    reason: str = "",
    member_id: int | None = None,
    year_to_date: int | None = None,
) -> None:
    """Put one cost, income or extra need into a calculation request, in the contract's form: a cost
    accepted in full carries its reason, an income the member it belongs to and its year-to-date amount."""
    entry: dict = {"kind": kind, "amount": amount}
    if description:
        entry["description"] = description
    if category == DeclaredCategory.COST:
        if accepted_in_full:
            entry["accepted_in_full"] = True
            entry["reason"] = reason
        request["costs"].append(entry)
    elif category == DeclaredCategory.EXTRA_NEED:
        request["extra_needs"].append(entry)
    else:
        if member_id:
            entry["member"] = str(member_id)
        if year_to_date:
            entry["year_to_date"] = year_to_date
        request["incomes"].append(entry)
