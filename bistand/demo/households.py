"""Households for Demostad: who lives together, their ages, homes and rents.

The mix of household types follows the broad pattern of Swedish statistics on financial assistance —
single men without children the largest group, then single women without and with children, couples
with and without children — but the exact shares below are an approximation chosen for a realistic
demo, not a statistic. Rents are invented but plausible for a Swedish city in 2024–2026 and sometimes
above Demostad's rent caps, so some decisions are partly granted.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from bistand import rules
from bistand.demo import names
from bistand.demo.dates import month_end, month_index, month_start
from bistand.demo.identities import IdentityFactory, check
from bistand.demo.organisation import DISTRICTS, RULES_CODE

# type, weight, adults, children (min, max), applicant age (min, max)
HOUSEHOLD_TYPES: tuple[tuple[str, int, int, tuple[int, int], tuple[int, int]], ...] = (
    ("single_man", 40, 1, (0, 0), (18, 64)),
    ("single_woman", 21, 1, (0, 0), (18, 64)),
    ("single_mother", 18, 1, (1, 4), (20, 50)),
    ("single_father", 3, 1, (1, 3), (25, 55)),
    ("couple_with_children", 13, 2, (1, 6), (24, 55)),
    ("couple", 5, 2, (0, 0), (20, 64)),
)
# Fictional telephone numbers: PTS reserves 070-174 06 05 – 070-174 06 99 for use in fiction
# (PTS via Dagens Nyheter, 2020-09-07).
FICTION_PHONE_FIRST, FICTION_PHONE_LAST = 1740605, 1740699


@dataclass(eq=False)
class PersonPlan:
    key: int
    number: str
    first_name: str
    last_name: str
    birth_date: date
    female: bool
    origin: str
    coordination: bool = False
    protected: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    bank_clearing: str = ""
    bank_account: str = ""
    id: int = 0  # database id, set when the plan is numbered

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(eq=False)
class MemberPlan:
    person: PersonPlan
    role: str  # applicant | co_applicant | child
    valid_from: date | None = None  # None: from the start of the household's first case
    valid_to: date | None = None
    preschool_lunch: bool = False

    def on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(eq=False)
class HouseholdPlan:
    key: int
    kind: str
    district: str  # district code
    unit: str  # unit key, e.g. "N1"
    origin: str
    members: list[MemberPlan]
    dwelling_size: int | None
    rent: int  # rent at the start of the history
    electricity: int
    home_insurance: int
    id: int = 0
    street_address: str = ""
    rent_by_month: dict[int, int] = field(default_factory=dict)  # filled by the history
    _members_cache: dict[int, list] = field(default_factory=dict, repr=False)
    _adults_cache: dict[int, list] = field(default_factory=dict, repr=False)

    @property
    def applicant(self) -> PersonPlan:
        return self.members[0].person

    def members_at(self, month: int) -> list[MemberPlan]:
        """Members in the case at the end of the month (as the calculation counts them)."""
        found = self._members_cache.get(month)
        if found is None:
            end = month_end(month)
            found = self._members_cache[month] = [m for m in self.members if m.on(end)]
        return found

    def adults_at(self, month: int) -> list[PersonPlan]:
        found = self._adults_cache.get(month)
        if found is None:
            found = self._adults_cache[month] = [
                m.person for m in self.members_at(month) if m.role != "child"
            ]
        return found


def move(rng: random.Random, h: HouseholdPlan, district: str, unit: str) -> None:
    """Place the household at an address in the district (and the unit that serves it)."""
    h.district, h.unit = district, unit
    h.street_address = f"{rng.choice(names.STREETS[district])} {rng.randint(1, 60)}"
    postal = f"{names.POSTAL_PREFIX[district]}{rng.randint(0, 9)}"
    for m in h.members:
        m.person.street, m.person.postal_code, m.person.city = h.street_address, postal, names.CITY


@cache
def _rent_cap(persons: int) -> int:
    return rules.municipal_parameters(RULES_CODE, date(2024, 1, 1)).rent_cap_for(persons)


def protect(h: HouseholdPlan, level: str) -> None:
    """Give the whole household protected personal data of the given level."""
    for m in h.members:
        m.person.protected = level
        if level != "confidentiality_marking":
            # Skyddad folkbokföring / fingerade personuppgifter: the real address is not in the system.
            m.person.street = m.person.postal_code = m.person.city = ""


def _birth_date(rng: random.Random, age: int, on: date) -> date:
    """A birth date making the person `age` years old on `on`."""
    latest = date(on.year - age, on.month, min(on.day, 28))
    return latest - timedelta(days=rng.randrange(0, 365))


def _adult_age(rng: random.Random, low: int, high: int) -> int:
    # Younger adults are over-represented among recipients.
    bands = [(18, 24, 22), (25, 34, 30), (35, 44, 24), (45, 54, 15), (55, 64, 9)]
    usable = [(max(a, low), min(b, high), w) for a, b, w in bands if b >= low and a <= high]
    a, b, _ = rng.choices(usable, weights=[w for *_, w in usable])[0]
    return rng.randint(a, b)


class HouseholdFactory:
    def __init__(self, rng: random.Random, identities: IdentityFactory, first_month: int, last_month: int):
        self.rng = rng
        self.ids = identities
        self.first_month = first_month
        self.last_month = last_month
        self.start = month_start(first_month)
        self.start_of_last = month_start(last_month)
        self.people: list[PersonPlan] = []
        self.origin_weights = [o.weight for o in names.ORIGINS]
        self.district_weights = [d[2] for d in DISTRICTS]

    def person(
        self, origin: names.Origin, birth: date, female: bool, last_name: str, adult: bool
    ) -> PersonPlan:
        rng = self.rng
        born_abroad = not origin.swedish_born and (adult or rng.random() < 0.25)
        coordination = born_abroad and rng.random() < (0.09 if adult else 0.04)
        number = self.ids.new(birth, female, coordination)
        check(number, birth, coordination)
        pool = origin.female if female else origin.male
        if not adult and not origin.swedish_born and rng.random() < 0.15:
            swedish = names.ORIGIN_BY_CODE["swedish"]
            pool = swedish.female if female else swedish.male
        person = PersonPlan(
            len(self.people), number, rng.choice(pool), last_name, birth, female, origin.code, coordination
        )
        self.people.append(person)
        return person

    def household(self, key: int) -> HouseholdPlan:
        rng = self.rng
        kind, _w, adults, (cmin, cmax), (amin, amax) = rng.choices(
            HOUSEHOLD_TYPES, weights=[t[1] for t in HOUSEHOLD_TYPES]
        )[0]
        origin = rng.choices(names.ORIGINS, weights=self.origin_weights)[0]
        district = rng.choices(DISTRICTS, weights=self.district_weights)[0][0]
        unit = f"{district}{1 if rng.random() < 0.5 else 2}"
        surname = rng.choice(origin.surnames)
        age = _adult_age(rng, amin, amax)
        female = kind in ("single_woman", "single_mother") or (
            kind.startswith("couple") and rng.random() < 0.2
        )
        applicant = self.person(origin, _birth_date(rng, age, self.start), female, surname, True)
        members = [MemberPlan(applicant, "applicant")]
        mother_age = age
        if adults == 2:
            partner_age = max(18, min(70, age + rng.randint(-6, 6)))
            partner_surname = surname if rng.random() < 0.7 else rng.choice(origin.surnames)
            partner = self.person(
                origin, _birth_date(rng, partner_age, self.start), not female, partner_surname, True
            )
            members.append(MemberPlan(partner, "co_applicant"))
            mother_age = partner_age if not female else age
        if cmax:
            members.extend(self._children(origin, surname, mother_age, rng.randint(cmin, cmax)))
        dwelling_size = None
        if kind in ("single_man", "single_woman") and age <= 25 and rng.random() < 0.35:
            dwelling_size = rng.randint(3, 5)  # a young adult living with their parents
        elif rng.random() < 0.02:
            dwelling_size = len(members) + 1  # shares the home with someone outside the case
        rent, electricity, insurance = self._home(len(members), dwelling_size)
        for m in members:
            if m.role != "child" and rng.random() < 0.7:
                m.person.phone = f"070-{rng.randint(FICTION_PHONE_FIRST, FICTION_PHONE_LAST)}"
        household = HouseholdPlan(
            key,
            kind,
            district,
            unit,
            origin.code,
            members,
            dwelling_size,
            rent,
            electricity,
            insurance,
        )
        move(rng, household, district, unit)
        return household

    def _children(self, origin: names.Origin, surname: str, mother_age: int, count: int) -> list[MemberPlan]:
        """Children with ages counted at the end of the history; those born during it join at birth and
        those who turn 21 during it leave (the calculation's household rule)."""
        rng = self.rng
        years = (self.last_month - self.first_month) // 12
        oldest_possible = min(22, mother_age + years - 18)
        if oldest_possible < 0:
            return []
        ages: list[int] = []
        age = rng.randint(0, oldest_possible)
        for _ in range(count):
            if age < 0 or age in ages:
                break
            ages.append(age)
            age -= rng.randint(1, 4)
        children = []
        for child_age in ages:
            birth = _birth_date(rng, child_age, self.start_of_last - timedelta(days=1))
            child = self.person(origin, birth, rng.random() < 0.5, surname, False)
            member = MemberPlan(child, "child", preschool_lunch=1 <= child_age <= 5 and rng.random() < 0.85)
            if birth > self.start:
                member.valid_from = birth
            turns_21 = date(birth.year + 21, birth.month, min(birth.day, 28))
            if month_index(turns_21) <= self.last_month:
                # Not a household member from the month the child turns 21 (the calculation's rule).
                member.valid_to = month_start(month_index(turns_21)) - timedelta(days=1)
            children.append(member)
        return children

    def _home(self, members: int, dwelling_size: int | None) -> tuple[int, int, int]:
        rng = self.rng
        if dwelling_size and members == 1 and dwelling_size >= 3:
            rent = rng.randrange(1500, 3200, 100)  # share of the parents' rent
        else:
            # Around Demostad's 2024 rent caps (an example parameter of the rules): from about two
            # thirds of the cap to just under it; yearly increases later push some above the cap.
            rent = int(_rent_cap(members) * rng.uniform(0.64, 0.97)) // 10 * 10
        electricity = rng.randrange(200, 650, 10) if rng.random() < 0.6 else 0
        insurance = rng.randrange(100, 260, 5) if rng.random() < 0.7 else 0
        return rent, electricity, insurance
