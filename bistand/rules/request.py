"""The calculation request: typed dataclasses, and `parse_request` turning JSON data into them.

`parse_request` checks the shape (types, formats, unknown fields) and then the meaning (roles, ages,
member references, parameters on file — see validate.py), collecting every problem before raising one
CalculationError. Amounts are whole kronor: an int, or a Decimal with no fractional part (so values from
a Django DecimalField pass); floats, fractions and negative numbers are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bistand.rules.errors import CalculationError, ErrorItem, error
from bistand.rules.months import Month

ROLES = ("applicant", "co_applicant", "child")


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    role: str  # "applicant" | "co_applicant" | "child"
    birth_date: date
    preschool_lunch: bool = False  # a 0–6-year-old who eats lunch at preschool five days a week


@dataclass(frozen=True, slots=True)
class Cost:
    kind: str  # see kinds.toml [costs]
    amount: int
    description: str = ""


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


_TOP = {
    "month",
    "members",
    "costs",
    "incomes",
    "extra_needs",
    "assistance_history",
    "household_size",
    "municipality",
}
_ITEM_FIELDS = {
    "members": ({"id", "role", "birth_date"}, {"preschool_lunch"}),
    "costs": ({"kind", "amount"}, {"description"}),
    "extra_needs": ({"kind", "amount"}, {"description"}),
    "incomes": ({"kind", "amount"}, {"member", "year_to_date", "description"}),
}


class _Reader:
    """Collects shape errors while reading values; each reader returns None when the value is unusable."""

    def __init__(self) -> None:
        self.errors: list[ErrorItem] = []

    def fail(self, code: str, field: str, **details) -> None:
        self.errors.append(error(code, field, **details))

    def fields(self, obj, path: str, required: set[str], optional: set[str]) -> bool:
        if not isinstance(obj, dict):
            self.fail("not_an_object", path)
            return False
        prefix = f"{path}." if path else ""
        for name in sorted(required - obj.keys()):
            self.fail("missing_field", prefix + name)
        for name in sorted(obj.keys() - required - optional, key=str):
            self.fail("unknown_field", prefix + str(name))
        return True

    def amount(self, value, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.fail("non_integer_amount", path)
            return None
        if isinstance(value, Decimal) and (not value.is_finite() or value != value.to_integral_value()):
            self.fail("non_integer_amount", path)
            return None
        if value < 0:
            self.fail("negative_amount", path)
            return None
        return int(value)

    def text(self, value, path: str) -> str | None:
        if not isinstance(value, str):
            self.fail("invalid_text", path)
            return None
        return value

    def month(self, value, path: str) -> Month | None:
        try:
            return Month.parse(value)
        except ValueError:
            self.fail("invalid_month", path)
            return None

    def date(self, value, path: str) -> date | None:
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail("invalid_date", path)
        return None

    def items(self, data: dict, name: str, build) -> tuple:
        """Read the list `name`; an unusable entry becomes None (its errors are already recorded)."""
        values = data.get(name, [])
        if not isinstance(values, list):
            self.fail("not_a_list", name)
            return ()
        required, optional = _ITEM_FIELDS[name]
        out = []
        for i, raw in enumerate(values):
            path = f"{name}[{i}]"
            before = len(self.errors)
            ok = self.fields(raw, path, required, optional)
            item = build(raw, path) if ok else None
            out.append(item if len(self.errors) == before else None)
        return tuple(out)


def _member(r: _Reader, raw: dict, path: str) -> Member | None:
    member_id = r.text(raw.get("id"), f"{path}.id")
    role = raw.get("role")
    if role not in ROLES:
        r.fail("invalid_role", f"{path}.role")
    birth = r.date(raw.get("birth_date"), f"{path}.birth_date")
    lunch = raw.get("preschool_lunch", False)
    if not isinstance(lunch, bool):
        r.fail("invalid_boolean", f"{path}.preschool_lunch")
    if member_id is None or role not in ROLES or birth is None or not isinstance(lunch, bool):
        return None
    return Member(member_id, role, birth, lunch)


def _amount_item(cls):
    def build(r: _Reader, raw: dict, path: str):
        kind = r.text(raw.get("kind"), f"{path}.kind")
        amount = r.amount(raw.get("amount"), f"{path}.amount")
        description = r.text(raw.get("description", ""), f"{path}.description")
        return cls(kind, amount, description)

    return build


def _income(r: _Reader, raw: dict, path: str) -> Income | None:
    kind = r.text(raw.get("kind"), f"{path}.kind")
    amount = r.amount(raw.get("amount"), f"{path}.amount")
    member = raw.get("member")
    if member is not None:
        member = r.text(member, f"{path}.member")
    ytd = r.amount(raw.get("year_to_date", 0), f"{path}.year_to_date")
    description = r.text(raw.get("description", ""), f"{path}.description")
    return Income(kind, amount, member, ytd, description)


def _household_size(r: _Reader, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        r.fail("invalid_household_size", "household_size")
        return None
    return value


def _history(r: _Reader, data: dict) -> tuple:
    values = data.get("assistance_history", [])
    if not isinstance(values, list):
        r.fail("not_a_list", "assistance_history")
        return ()
    return tuple(r.month(v, f"assistance_history[{i}]") for i, v in enumerate(values))


def parse_request(data: dict) -> CalculationRequest:
    """JSON data (dict) -> CalculationRequest, or CalculationError listing every problem found."""
    from bistand.rules.validate import check_request  # validate imports this module's dataclasses

    r = _Reader()
    if not r.fields(data, "", {"month", "members"}, _TOP - {"month", "members"}):
        raise CalculationError(r.errors)
    month = r.month(data["month"], "month") if "month" in data else None
    members = r.items(data, "members", lambda raw, p: _member(r, raw, p)) if "members" in data else ()
    municipality = data.get("municipality")
    if municipality is not None:
        municipality = r.text(municipality, "municipality")
    draft = CalculationRequest(
        month=month,
        members=members,
        costs=r.items(data, "costs", lambda raw, p: _amount_item(Cost)(r, raw, p)),
        incomes=r.items(data, "incomes", lambda raw, p: _income(r, raw, p)),
        extra_needs=r.items(data, "extra_needs", lambda raw, p: _amount_item(ExtraNeed)(r, raw, p)),
        assistance_history=_history(r, data),
        household_size=_household_size(r, data.get("household_size")),
        municipality=municipality,
    )
    unreadable = {
        m.get("id")
        for m, ok in zip(data.get("members") or [], members, strict=False)
        if ok is None and isinstance(m, dict)
    }
    semantic = check_request(draft, frozenset(x for x in unreadable if isinstance(x, str)))
    if "members" not in data:  # already reported as missing_field; "no applicant" would only repeat it
        semantic = [e for e in semantic if e.code != "missing_applicant"]
    errors = r.errors + semantic
    if errors:
        raise CalculationError(errors)
    history = tuple(sorted(set(draft.assistance_history)))
    return CalculationRequest(**{**_as_dict(draft), "assistance_history": history})


def _as_dict(request: CalculationRequest) -> dict:
    return {name: getattr(request, name) for name in CalculationRequest.__dataclass_fields__}
