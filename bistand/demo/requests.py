"""Calculation requests for the demo's applications, and running the real engine on them.

Every amount in the demo comes from bistand.rules: the history through the batch path
(`rules.calculate_many`, totals only, about 35 µs a month), the last two months through
`rules.calculate`, whose full result is stored as a calculation snapshot. The request dict is built
exactly as bistand.cases.services.build_request builds it from the database (members ordered by role
and birth date, items in the order they are saved), so a snapshot stored by the demo equals the request
the application would build — which the decision step checks before it lets a caseworker decide.

Per-person assistance histories (members[].assistance_history, for jobbstimulans) are left out on purpose:
build_request adds one only where an adult's own months differ from the household's, and in the demo every
adult belongs to one household from its first case on (MemberPlan.valid_from), so each adult's own months
are the household's. Costs are never accepted in full and no surplus is carried in the demo.
"""

from bisect import bisect_left

from bistand import rules
from bistand.demo.dates import month_key
from bistand.demo.economy import Item
from bistand.demo.households import HouseholdPlan, MemberPlan


def ordered_members(h: HouseholdPlan, month: int) -> list[MemberPlan]:
    # build_request: household.members_on(last day).order_by("role", "person__birth_date")
    return sorted(h.members_at(month), key=lambda m: (m.role, m.person.birth_date))


def request_dict(
    h: HouseholdPlan, month: int, items: list[Item], history: list[int], municipality: str
) -> dict:
    members = []
    for m in ordered_members(h, month):
        member = {"id": str(m.person.id), "role": m.role, "birth_date": m.person.birth_date.isoformat()}
        if m.preschool_lunch:
            member["preschool_lunch"] = True
        members.append(member)
    request: dict = {
        "month": month_key(month),
        "members": members,
        "costs": [],
        "incomes": [],
        "extra_needs": [],
        "assistance_history": [month_key(m) for m in history],
        "municipality": municipality,
    }
    if h.dwelling_size and h.dwelling_size > len(members):
        request["household_size"] = h.dwelling_size
    for item in items:
        entry: dict = {"kind": item.kind, "amount": item.amount}
        if item.description:
            entry["description"] = item.description
        if item.category == "cost":
            request["costs"].append(entry)
        elif item.category == "extra_need":
            request["extra_needs"].append(entry)
        else:
            if item.member is not None:
                entry["member"] = str(item.member.id)
            request["incomes"].append(entry)
    return request


_MONTHS: dict[int, object] = {}


def _month(index: int):
    found = _MONTHS.get(index)
    if found is None:
        found = _MONTHS[index] = rules.Month(index // 12, index % 12 + 1)
    return found


def typed_history(app, window_start: int) -> tuple:
    """`history_before` as a tuple of engine Months, sliced from one tuple per household history."""
    history = app.case.history
    if history.typed is None:
        history.typed = tuple(_month(window_start + i) for i in history.assistance_months)
    return history.typed[: bisect_left(history.assistance_months, app.month - window_start)]


def typed_request(h: HouseholdPlan, month: int, items: list[Item], history: tuple, municipality: str):
    """The same request as `request_dict`, built straight into the engine's dataclasses (fast path)."""
    members = ordered_members(h, month)
    size = h.dwelling_size if h.dwelling_size and h.dwelling_size > len(members) else None
    return rules.CalculationRequest(
        month=_month(month),
        members=tuple(
            rules.Member(str(m.person.id), m.role, m.person.birth_date, m.preschool_lunch) for m in members
        ),
        costs=tuple(rules.Cost(i.kind, i.amount, i.description) for i in items if i.category == "cost"),
        incomes=tuple(
            rules.Income(i.kind, i.amount, str(i.member.id) if i.member else None, 0, i.description)
            for i in items
            if i.category == "income"
        ),
        extra_needs=tuple(
            rules.ExtraNeed(i.kind, i.amount, i.description) for i in items if i.category == "extra_need"
        ),
        assistance_history=history,
        household_size=size,
        municipality=municipality,
    )


def history_before(app, window_start: int) -> list[int]:
    """Months with assistance before the application's month (the household's, over all its cases)."""
    before = app.month - window_start
    return [window_start + i for i in app.case.history.assistance_months if i < before]


def totals(requests: list) -> list:
    """rules.calculate_many, one process (the demo must be deterministic and light)."""
    return rules.calculate_many(requests)
