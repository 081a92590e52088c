"""Calculation requests for the demo's applications, and running the real engine on them.

Every amount in the demo comes from bistand.rules: the history through the batch path
(`rules.calculate_many`, totals only, about 35 µs a month), the last two months through
`rules.calculate`, whose full result is stored as a calculation snapshot. The request dict is built
by the same functions as bistand.cases.services.build_request uses on the database (`member_entry`,
`new_request`, `add_entry`), with the members ordered by role and birth date and the items in the order
they are saved, so a snapshot stored by the demo equals the request the application would build — which
the decision step checks before it lets a caseworker decide. The history's totals go through a fast path
(`typed_request`, the engine's dataclasses straight away); tests/demo/test_requests.py checks that it is
the same request.

Per-person assistance histories (members[].assistance_history, for jobbstimulans) are left out on purpose:
build_request adds one only where an adult's own months differ from the household's, and in the demo every
adult belongs to one household from its first case on (MemberPlan.valid_from), so each adult's own months
are the household's. Costs are never accepted in full and no surplus is carried in the demo.
"""

from bisect import bisect_left

from bistand import rules
from bistand.cases.services import add_entry, member_entry, new_request
from bistand.demo.dates import month_key, month_start
from bistand.demo.economy import Item
from bistand.demo.households import HouseholdPlan, MemberPlan


def ordered_members(h: HouseholdPlan, month: int) -> list[MemberPlan]:
    # build_request: household.members_on(last day).order_by("role", "person__birth_date")
    return sorted(h.members_at(month), key=lambda m: (m.role, m.person.birth_date))


def request_dict(
    h: HouseholdPlan, month: int, items: list[Item], history: list[int], municipality: str
) -> dict:
    """The request, made by the product's own request builder (bistand.cases.services) from the plan."""
    members = [
        member_entry(
            person_id=m.person.id,
            role=m.role,
            birth_date=m.person.birth_date,
            preschool_lunch=m.preschool_lunch,
        )
        for m in ordered_members(h, month)
    ]
    request = new_request(
        month=month_start(month),
        members=members,
        history=[month_key(m) for m in history],
        municipality=municipality,
        dwelling_size=h.dwelling_size,
    )
    for item in items:
        add_entry(
            request,
            category=item.category,
            kind=item.kind,
            amount=item.amount,
            description=item.description,
            member_id=item.member.id if item.member is not None else None,
        )
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
