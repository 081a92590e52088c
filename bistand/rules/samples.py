"""Deterministic, varied sample requests (JSON contract) for the benchmark, batch tests and demos.

`sample_request(rng)` returns a valid request dict: households of one or two adults and 0–6 children of
every age band, preschool lunches, larger dwellings, rents above and below the demo city's caps, extra
needs, counted and non-counted incomes, children's earnings around one prisbasbelopp and assistance
histories that do and do not earn jobbstimulans. Same seed, same households.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from bistand.rules.months import Month

FIRST = Month(2013, 7)
LAST = Month(2026, 12)
_COSTS = ("electricity", "work_travel", "home_insurance", "union_fee", "unemployment_fund_fee")
_EXTRA = (
    "dental_care",
    "glasses",
    "medical_care",
    "medicine",
    "home_equipment",
    "moving_costs",
    "other_need",
)
_ADULT_INCOMES = (
    "unemployment_benefit",
    "sickness_benefit",
    "parental_benefit",
    "activity_support",
    "pension",
)
_NOT_COUNTED = (
    "disability_allowance_tax_free",
    "csn_extra_supplement",
    "small_charity_grant",
    "damages_non_income",
)


def _birth(rng: random.Random, month: Month, age: int) -> str:
    """A birth date giving roughly `age` completed years at the end of `month` (never after the month)."""
    days = rng.randint(int(age * 365.25) + 1, int((age + 1) * 365.25) - 2) if age else rng.randint(0, 360)
    return (month.last - timedelta(days=days)).isoformat()


def _history(rng: random.Random, month: Month) -> list[str]:
    """Months with assistance before `month`: nothing, one long run, or on-and-off spells."""
    shape = rng.random()
    if shape < 0.25:
        return []
    before = month.index
    if shape < 0.6:
        start = before - rng.randint(1, 40)
        return [str(Month.from_index(m)) for m in range(start, before)]
    months = [m for m in range(before - 48, before) if rng.random() < 0.6]
    return [str(Month.from_index(m)) for m in months]


def sample_request(rng: random.Random, month: Month | None = None) -> dict[str, Any]:
    if month is None:
        month = Month.from_index(rng.randint(FIRST.index, LAST.index))
    members = [{"id": "a1", "role": "applicant", "birth_date": _birth(rng, month, rng.randint(21, 66))}]
    if rng.random() < 0.4:
        members.append(
            {"id": "a2", "role": "co_applicant", "birth_date": _birth(rng, month, rng.randint(21, 66))}
        )
    for i in range(rng.choice((0, 0, 0, 1, 1, 2, 2, 3, 4, 6))):
        age = rng.randint(0, 19)
        child: dict[str, Any] = {"id": f"c{i + 1}", "role": "child", "birth_date": _birth(rng, month, age)}
        if age <= 6 and rng.random() < 0.5:
            child["preschool_lunch"] = True
        members.append(child)
    request: dict[str, Any] = {"month": str(month), "members": members}
    if rng.random() < 0.1:
        request["household_size"] = len(members) + rng.randint(1, 4)
    if rng.random() < 0.5:
        request["municipality"] = "demostad"
    costs = [{"kind": "rent", "amount": rng.randint(25, 130) * 100}]
    costs += [{"kind": k, "amount": rng.randint(1, 80) * 10} for k in _COSTS if rng.random() < 0.35]
    request["costs"] = costs
    request["extra_needs"] = [
        {"kind": rng.choice(_EXTRA), "amount": rng.randint(1, 400) * 10} for _ in range(rng.random() < 0.15)
    ]
    incomes = []
    for adult in members[:2]:
        if adult["role"] == "child":
            continue
        if rng.random() < 0.35:
            incomes.append({"kind": "salary", "member": adult["id"], "amount": rng.randint(5, 300) * 100})
        if rng.random() < 0.25:
            incomes.append(
                {
                    "kind": rng.choice(_ADULT_INCOMES),
                    "member": adult["id"],
                    "amount": rng.randint(5, 150) * 100,
                }
            )
    for child in members[1:]:
        if child["role"] != "child":
            continue
        incomes.append({"kind": "child_allowance", "member": child["id"], "amount": 1250})
        if rng.random() < 0.1:
            ytd = rng.choice((0, 20000, 40000, 44000, 60000))
            incomes.append(
                {
                    "kind": "salary",
                    "member": child["id"],
                    "amount": rng.randint(1, 80) * 100,
                    "year_to_date": ytd,
                }
            )
    if rng.random() < 0.2:
        incomes.append({"kind": "housing_allowance", "member": "a1", "amount": rng.randint(5, 40) * 100})
    if rng.random() < 0.05:
        incomes.append({"kind": rng.choice(_NOT_COUNTED), "member": "a1", "amount": rng.randint(1, 50) * 100})
    request["incomes"] = incomes
    request["assistance_history"] = _history(rng, month)
    _judgements(rng, month, request)
    return request


def _judgements(rng: random.Random, month: Month, request: dict[str, Any]) -> None:
    """Per-person histories, part-time children, a second salary item of a child, costs accepted in full,
    norm supplements and carried normöverskott — drawn last, so the fields above stay as they were."""
    members = request["members"]
    for member in members:
        if member["role"] != "child" and rng.random() < 0.2:
            member["assistance_history"] = _history(rng, month)
        elif member["role"] == "child" and rng.random() < 0.1:
            member["days_in_household"] = rng.randint(1, 31)
    for income in list(request["incomes"]):
        if income["kind"] == "salary" and income["member"].startswith("c") and rng.random() < 0.5:
            second = {"kind": "salary", "member": income["member"], "amount": rng.randint(1, 300) * 100}
            if income.get("year_to_date") and rng.random() < 0.5:
                second["year_to_date"] = income["year_to_date"]
            request["incomes"].append(second)
    if rng.random() < 0.1:
        request["costs"][0].update(accepted_in_full=True, reason="Kortvarigt behov")
    if rng.random() < 0.1:
        request["norm_supplements"] = [
            {"kind": "medical_diet", "amount": rng.randint(1, 80) * 10, "reason": "Läkarintyg om specialkost"}
        ]
    if rng.random() < 0.1:
        back = rng.randint(1, 3)
        request["carried_surplus"] = {
            "amount": rng.randint(1, 300) * 10,
            "from_month": str(Month.from_index(month.index - back)),
        }
