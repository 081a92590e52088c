"""What a household declares each month: its costs and incomes, as application items.

Incomes follow the adult's barrier to self-support, so the money and the statistics tell the same
story: "Arbetslös, otillräcklig ersättning" brings aktivitetsstöd or a-kassa, "Arbetar deltid" a part-
time salary, "Sjukskriven, otillräcklig sjukpenning" sjukpenning, and so on; "Arbetslös, ingen
ersättning" brings nothing. Each person's amounts are drawn once, so a month with no change in the
household declares exactly what the month before did.

Facts used: barnbidrag 1 250 kr per child and month, and studiebidrag 1 250 kr a month (paid September
to June) for 16–20-year-olds in upper-secondary school (Försäkringskassan; CSN). Every other amount is
invented for the demo: rents, salaries, benefits, bostadsbidrag and underhållsstöd are plausible, not
official figures.
"""

import random
from dataclasses import dataclass

from bistand.demo.dates import month_end
from bistand.demo.households import HouseholdPlan, PersonPlan
from bistand.rules.months import age_on

CHILD_ALLOWANCE = 1250  # barnbidrag, kr/month (Försäkringskassan, since 1 March 2018)
STUDY_ALLOWANCE = 1250  # studiebidrag, kr/month, ten months a year (CSN)
# Invented yearly rent increases (January), in per cent.
RENT_INCREASE = {2024: 5.0, 2025: 4.5, 2026: 3.5, 2027: 3.0}

# barrier code -> (income kind, description, low, high); an adult with this barrier has this income.
INCOME_BY_BARRIER: dict[str, tuple[str, str, int, int]] = {
    "unemployed_insufficient_benefit": ("activity_support", "", 2500, 7000),
    "part_time_insufficient_income": ("salary", "Deltidsarbete", 3000, 8000),
    "full_time_insufficient_income": ("salary", "Heltidsarbete", 9000, 13000),
    "parental_benefit_insufficient": ("parental_benefit", "", 2000, 6000),
    "sick_certified_insufficient": ("sickness_benefit", "", 3000, 8000),
    "sickness_compensation_insufficient": ("other", "Sjukersättning", 4000, 8500),
    "establishment_insufficient": ("other", "Etableringsersättning", 3000, 7500),
    "pension_insufficient": ("pension", "", 5000, 9000),
}


@dataclass(frozen=True)
class Item:
    category: str  # cost | income | extra_need
    kind: str
    member: PersonPlan | None
    amount: int
    description: str = ""


class Economy:
    """Stable per-person and per-household amounts, drawn lazily from one random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._drawn: dict[tuple, int] = {}
        self.income_factor: dict[int, float] = {}  # household key -> scale (lowered if income >= need)

    def _draw(self, key: tuple, low: int, high: int, step: int = 10) -> int:
        if key not in self._drawn:
            self._drawn[key] = self.rng.randrange(low, high + 1, step)
        return self._drawn[key]

    def _chance(self, key: tuple, p: float) -> bool:
        return self._draw(("chance", *key), 0, 999, 1) < p * 1000

    def rent(self, h: HouseholdPlan, month: int) -> int:
        return h.rent_by_month.get(month) or h.rent

    def items(self, h: HouseholdPlan, month: int, barriers: dict[int, str]) -> list[Item]:
        """The household's declared items for the month; `barriers` maps person key -> barrier code."""
        members = h.members_at(month)
        end = month_end(month)
        costs = [Item("cost", "rent", None, self.rent(h, month))]
        if h.electricity:
            costs.append(Item("cost", "electricity", None, h.electricity))
        if h.home_insurance:
            costs.append(Item("cost", "home_insurance", None, h.home_insurance))
        incomes: list[Item] = []
        factor = self.income_factor.get(h.key, 1.0)
        earners = 0
        for m in members:
            if m.role == "child":
                continue
            code = barriers.get(m.person.key)
            if code in INCOME_BY_BARRIER:
                kind, description, low, high = INCOME_BY_BARRIER[code]
                if kind == "activity_support" and self._chance(("a-kassa", m.person.key), 0.4):
                    kind = "unemployment_benefit"  # a-kassa instead of aktivitetsstöd
                amount = int(self._draw(("income", m.person.key, code), low, high) * factor) // 10 * 10
                if amount > 0:
                    incomes.append(Item("income", kind, m.person, amount, description))
                    earners += kind == "salary"
        for m in members:
            if m.role != "child":
                continue
            age = age_on(m.person.birth_date, end)
            if age < 16:
                incomes.append(Item("income", "child_allowance", m.person, CHILD_ALLOWANCE, "Barnbidrag"))
            elif end.month not in (7, 8):
                incomes.append(Item("income", "child_allowance", m.person, STUDY_ALLOWANCE, "Studiebidrag"))
        children = [m for m in members if m.role == "child"]
        if children and self._chance(("housing_allowance", h.key), 0.55):
            low = 900 + 400 * min(len(children), 4)
            incomes.append(
                Item("income", "housing_allowance", None, self._draw(("ha", h.key), low, low + 2000))
            )
        if children and len(members) - len(children) == 1 and self._chance(("maintenance", h.key), 0.6):
            for m in children:
                if age_on(m.person.birth_date, end) < 18:
                    amount = self._draw(("maintenance", m.person.key), 1500, 2300)
                    incomes.append(Item("income", "maintenance_support", m.person, amount))
        if earners:
            if self._chance(("travel", h.key), 0.5):
                costs.append(
                    Item("cost", "work_travel", None, self._draw(("travel_amount", h.key), 600, 1000))
                )
            if self._chance(("union", h.key), 0.3):
                costs.append(Item("cost", "union_fee", None, self._draw(("union_amount", h.key), 150, 350)))
                costs.append(
                    Item("cost", "unemployment_fund_fee", None, self._draw(("fund", h.key), 100, 160))
                )
        return costs + incomes


def rent_schedule(rng: random.Random, h: HouseholdPlan, first: int, last: int) -> None:
    """Fill h.rent_by_month: yearly January increases, and now and then a move to another home."""
    rent = h.rent
    moves = rng.random() < 0.05
    move_month = rng.randint(first + 1, last) if moves else -1
    for month in range(first, last + 1):
        if month % 12 == 0 and month != first:
            rent = int(rent * (1 + RENT_INCREASE.get(month // 12, 3.0) / 100)) // 10 * 10
        if month == move_month:
            rent = int(rent * rng.uniform(0.85, 1.2)) // 10 * 10
        h.rent_by_month[month] = rent
