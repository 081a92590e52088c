"""From an application in the database to a stored calculation snapshot.

The calculation itself is bistand.rules (plain Python); this module only translates the household, the
declared items and the assistance history into the calculation contract's JSON request, runs it and
stores the immutable snapshot.
"""

from datetime import date

from django.db import transaction

from bistand import rules
from bistand.cases.models import Application, Calculation, DeclaredItem, Payment
from bistand.cases.models.application import DeclaredCategory


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def last_day_of_month(first: date) -> date:
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def assistance_history(case, before_month: date) -> list[str]:
    """Months before `before_month` in which the household received income support (paid amount > 0)."""
    totals: dict[date, int] = {}
    for month, amount in Payment.objects.filter(
        case__household=case.household, month__lt=before_month
    ).values_list("month", "amount"):
        totals[month] = totals.get(month, 0) + amount
    return sorted(month_key(m) for m, total in totals.items() if total > 0)


def build_request(application: Application) -> dict:
    """The calculation contract's request for this application (see bistand.rules)."""
    case = application.case
    household = case.household
    month_end = last_day_of_month(application.month)
    members = []
    for membership in household.members_on(month_end):
        member = {
            "id": str(membership.person_id),
            "role": membership.role,
            "birth_date": membership.person.birth_date.isoformat(),
        }
        if membership.preschool_lunch:
            member["preschool_lunch"] = True
        members.append(member)
    request: dict = {
        "month": month_key(application.month),
        "members": members,
        "costs": [],
        "incomes": [],
        "extra_needs": [],
        "assistance_history": assistance_history(case, application.month),
        "municipality": case.unit.district.municipality.rules_code,
    }
    if household.dwelling_size and household.dwelling_size > len(members):
        request["household_size"] = household.dwelling_size
    item: DeclaredItem
    for item in application.items.all().order_by("id"):
        entry: dict = {"kind": item.kind, "amount": item.amount}
        if item.description:
            entry["description"] = item.description
        if item.category == DeclaredCategory.COST:
            request["costs"].append(entry)
        elif item.category == DeclaredCategory.EXTRA_NEED:
            request["extra_needs"].append(entry)
        else:
            if item.member_id:
                entry["member"] = str(item.member_id)
            if item.year_to_date:
                entry["year_to_date"] = item.year_to_date
            request["incomes"].append(entry)
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
