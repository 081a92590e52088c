"""The calculation request: typed dataclasses, and `parse_request` turning JSON data into them.

`parse_request` checks the shape (types, formats, unknown fields) and then the meaning (roles, ages,
member references, parameters on file — see validate.py), collecting every problem before raising one
CalculationError. Amounts are whole kronor: an int, or a Decimal with no fractional part (so values from
a Django DecimalField pass); floats, fractions and negative numbers are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bistand.rules.errors import CalculationError, ErrorItem, error
from bistand.rules.months import Month

ROLES = ("applicant", "co_applicant", "child")
MAX_AMOUNT = 9_999_999  # kronor; any single amount above this is an input error, never a calculation
MAX_LIST_ITEMS = (
    500  # entries of one list (members, costs, …, months of history): bounds the work of a request
)


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    role: str  # "applicant" | "co_applicant" | "child"
    birth_date: date
    preschool_lunch: bool = False  # a 0–6-year-old who eats lunch at preschool five days a week
    # This member's own months with försörjningsstöd before the month; None = use the household's history.
    assistance_history: tuple[Month, ...] | None = None
    # A child living part of the month with the other parent: days in this household (1–31); None = all month.
    days_in_household: int | None = None


@dataclass(frozen=True, slots=True)
class Cost:
    kind: str  # see kinds.toml [costs]
    amount: int
    description: str = ""
    accepted_in_full: bool = (
        False  # the caseworker accepts the actual cost: no municipal cap (reason required)
    )
    reason: str = ""  # why the cost is accepted in full; shown in the explanation and the decision


@dataclass(frozen=True, slots=True)
class NormSupplement:
    """The norm at a higher level for a special reason (SOSFS 2013:1), e.g. a medically required diet."""

    kind: str  # see kinds.toml [norm_supplements]
    amount: int
    reason: str  # why, in the caseworker's words; required
    member: str | None = None  # member id; None means the applicant


@dataclass(frozen=True, slots=True)
class CarriedSurplus:
    """Normöverskott of an earlier month that the caseworker has decided to count as income this month."""

    amount: int
    from_month: Month


@dataclass(frozen=True, slots=True)
class ExtraNeed:
    kind: str  # see kinds.toml [extra_needs]
    amount: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class Income:
    kind: str  # see kinds.toml [incomes]
    amount: int  # net, for the month
    member: str | None = None  # member id; None means the applicant
    year_to_date: int = 0  # a child's own earnings earlier in the same calendar year
    description: str = ""


@dataclass(frozen=True, slots=True)
class CalculationRequest:
    month: Month
    members: tuple[Member, ...]
    costs: tuple[Cost, ...] = ()
    incomes: tuple[Income, ...] = ()
    extra_needs: tuple[ExtraNeed, ...] = ()
    assistance_history: tuple[Month, ...] = ()  # months with försörjningsstöd before `month`
    household_size: int | None = None  # persons sharing the dwelling's household, if more than members
    municipality: str | None = None  # code of a municipal parameter file, e.g. "demostad"
    norm_supplements: tuple[NormSupplement, ...] = ()
    carried_surplus: CarriedSurplus | None = None


_TOP = {
    "month",
    "members",
    "costs",
    "incomes",
    "extra_needs",
    "assistance_history",
    "household_size",
    "municipality",
    "norm_supplements",
    "carried_surplus",
}
_ITEM_FIELDS = {
    "members": (
        {"id", "role", "birth_date"},
        {"preschool_lunch", "assistance_history", "days_in_household"},
    ),
    "costs": ({"kind", "amount"}, {"description", "accepted_in_full", "reason"}),
    "extra_needs": ({"kind", "amount"}, {"description"}),
    "incomes": ({"kind", "amount"}, {"member", "year_to_date", "description"}),
    "norm_supplements": ({"kind", "amount"}, {"reason", "member"}),  # a missing reason: reason_required
}


# A draft request holds None where a value could not be read; check_request reports every such field
# before anything is calculated, so a draft never reaches the engine.
_UNREAD: Any = None


class _Reader:
    """Collects shape errors while reading values; each reader returns None when the value is unusable."""

    def __init__(self) -> None:
        self.errors: list[ErrorItem] = []

    def fail(self, code: str, field: str, **details: object) -> None:
        self.errors.append(error(code, field, **details))

    def fields(self, obj: object, path: str, required: set[str], optional: set[str]) -> bool:
        if not isinstance(obj, dict):
            self.fail("not_an_object", path)
            return False
        prefix = f"{path}." if path else ""
        for name in sorted(required - obj.keys()):
            self.fail("missing_field", prefix + name)
        for name in sorted(obj.keys() - required - optional, key=str):
            self.fail("unknown_field", prefix + str(name))
        return True

    def amount(self, value: object, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.fail("non_integer_amount", path)
            return None
        if isinstance(value, Decimal) and (not value.is_finite() or value != value.to_integral_value()):
            self.fail("non_integer_amount", path)
            return None
        if value < 0:
            self.fail("negative_amount", path)
            return None
        if value > MAX_AMOUNT:  # checked before int(): converting 1e1000000 alone costs seconds
            self.fail("amount_too_large", path)
            return None
        return int(value)

    def text(self, value: object, path: str) -> str | None:
        if not isinstance(value, str):
            self.fail("invalid_text", path)
            return None
        return value

    def month(self, value: object, path: str) -> Month | None:
        try:
            return Month.parse(value)
        except ValueError:
            self.fail("invalid_month", path)
            return None

    def date(self, value: object, path: str) -> date | None:
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail("invalid_date", path)
        return None

    def boolean(self, value: object, path: str) -> bool | None:
        if not isinstance(value, bool):
            self.fail("invalid_boolean", path)
            return None
        return value

    def months(self, value: object, path: str) -> tuple[Any, ...] | None:
        """A list of "YYYY-MM" months; unreadable entries become None (each reported)."""
        if not isinstance(value, list):
            self.fail("not_a_list", path)
            return None
        return tuple(self.month(v, f"{path}[{i}]") for i, v in enumerate(value))

    def get(
        self, raw: dict[str, Any], key: str, path: str, read: Callable[[Any, str], Any], default: Any = None
    ) -> Any:
        """Read raw[key] with `read`; a missing key gives `default` (missing_field is reported by `fields`).

        Any: the value goes into a draft, where None stands for a value that could not be read."""
        return read(raw[key], f"{path}.{key}") if key in raw else default

    def items(
        self, data: dict[str, Any], name: str, build: Callable[[_Reader, dict[str, Any], str], Any]
    ) -> tuple[Any, ...]:
        """Read the list `name`. An entry that is not an object becomes None; an entry with unreadable
        fields is kept with None in them, so that the meaning checks still see the rest of it."""
        values = data.get(name, [])
        if not isinstance(values, list):
            self.fail("not_a_list", name)
            return ()
        if len(values) > MAX_LIST_ITEMS:
            self.fail("too_many_items", name, limit=MAX_LIST_ITEMS)
            return ()
        required, optional = _ITEM_FIELDS[name]
        out: list[Any] = []  # the built items, None for an entry that is not an object
        for i, raw in enumerate(values):
            path = f"{name}[{i}]"
            out.append(build(self, raw, path) if self.fields(raw, path, required, optional) else None)
        return tuple(out)


def _member(r: _Reader, raw: dict[str, Any], path: str) -> Member:
    role = raw.get("role")
    if "role" in raw and role not in ROLES:
        r.fail("invalid_role", f"{path}.role")
    lunch = raw.get("preschool_lunch", False)
    if not isinstance(lunch, bool):
        r.fail("invalid_boolean", f"{path}.preschool_lunch")
    days = raw.get("days_in_household")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        r.fail("invalid_days_in_household", f"{path}.days_in_household")
        days = None  # unreadable; its error is recorded
    history = raw.get("assistance_history")
    return Member(
        id=r.get(raw, "id", path, r.text),
        role=role if role in ROLES else _UNREAD,
        birth_date=r.get(raw, "birth_date", path, r.date),
        preschool_lunch=lunch is True,
        assistance_history=None if history is None else r.months(history, f"{path}.assistance_history"),
        days_in_household=days,
    )


def _cost(r: _Reader, raw: dict[str, Any], path: str) -> Cost:
    return Cost(
        kind=r.get(raw, "kind", path, r.text),
        amount=r.get(raw, "amount", path, r.amount),
        description=r.get(raw, "description", path, r.text, ""),
        accepted_in_full=r.get(raw, "accepted_in_full", path, r.boolean, False) is True,
        reason=r.get(raw, "reason", path, r.text, "") or "",
    )


def _norm_supplement(r: _Reader, raw: dict[str, Any], path: str) -> NormSupplement:
    return NormSupplement(
        kind=r.get(raw, "kind", path, r.text),
        amount=r.get(raw, "amount", path, r.amount),
        reason=r.get(raw, "reason", path, r.text, "") or "",
        member=r.get(raw, "member", path, lambda v, p: None if v is None else r.text(v, p)),
    )


def _carried_surplus(r: _Reader, data: dict[str, Any]) -> CarriedSurplus | None:
    raw = data.get("carried_surplus")
    if raw is None:
        return None
    if not r.fields(raw, "carried_surplus", {"amount", "from_month"}, set()):
        return None
    path = "carried_surplus"
    return CarriedSurplus(r.get(raw, "amount", path, r.amount), r.get(raw, "from_month", path, r.month))


def _amount_item(cls: type[ExtraNeed]) -> Callable[[_Reader, dict[str, Any], str], ExtraNeed]:
    def build(r: _Reader, raw: dict[str, Any], path: str) -> ExtraNeed:
        return cls(
            kind=r.get(raw, "kind", path, r.text),
            amount=r.get(raw, "amount", path, r.amount),
            description=r.get(raw, "description", path, r.text, ""),
        )

    return build


def _income(r: _Reader, raw: dict[str, Any], path: str) -> Income:
    return Income(
        kind=r.get(raw, "kind", path, r.text),
        amount=r.get(raw, "amount", path, r.amount),
        member=r.get(raw, "member", path, lambda v, p: None if v is None else r.text(v, p)),
        year_to_date=r.get(raw, "year_to_date", path, r.amount, 0),
        description=r.get(raw, "description", path, r.text, ""),
    )


def _household_size(r: _Reader, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        r.fail("invalid_household_size", "household_size")
        return None
    return value


def _history(r: _Reader, data: dict[str, Any]) -> tuple[Any, ...]:
    values = data.get("assistance_history", [])
    if not isinstance(values, list):
        r.fail("not_a_list", "assistance_history")
        return ()
    if len(values) > MAX_LIST_ITEMS:
        r.fail("too_many_items", "assistance_history", limit=MAX_LIST_ITEMS)
        return ()
    return tuple(r.month(v, f"assistance_history[{i}]") for i, v in enumerate(values))


def parse_request(data: dict[str, Any]) -> CalculationRequest:
    """JSON data (dict) -> CalculationRequest, or CalculationError listing every problem found."""
    from bistand.rules.validate import check_request  # validate imports this module's dataclasses

    r = _Reader()
    if not r.fields(data, "", {"month", "members"}, _TOP - {"month", "members"}):
        raise CalculationError(r.errors)
    month: Any = r.month(data["month"], "month") if "month" in data else None  # None in a draft: see _UNREAD
    members = r.items(data, "members", _member)
    municipality = data.get("municipality")
    if municipality is not None:
        municipality = r.text(municipality, "municipality")
    draft = CalculationRequest(
        month=month,
        members=members,
        costs=r.items(data, "costs", _cost),
        incomes=r.items(data, "incomes", _income),
        extra_needs=r.items(data, "extra_needs", _amount_item(ExtraNeed)),
        assistance_history=_history(r, data),
        household_size=_household_size(r, data.get("household_size")),
        municipality=municipality,
        norm_supplements=r.items(data, "norm_supplements", _norm_supplement),
        carried_surplus=_carried_surplus(r, data),
    )
    semantic = check_request(draft)
    if "members" not in data:  # already reported as missing_field; "no applicant" would only repeat it
        semantic = [e for e in semantic if e.code != "missing_applicant"]
    errors = r.errors + semantic
    if errors:
        raise CalculationError(errors)
    history = tuple(sorted(set(draft.assistance_history)))
    members = tuple(
        m
        if m.assistance_history is None
        else replace(m, assistance_history=tuple(sorted(set(m.assistance_history))))
        for m in draft.members
    )
    return replace(draft, assistance_history=history, members=members)
