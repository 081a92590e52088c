"""Cases and who holds them: numbers, opening and closing, exit reasons, caseworkers over time.

Each household's history is split into cases (histories.episodes): a pause of three months or more
closes a case, and a household that comes back gets a new one. Open cases are spread over the unit's
caseworkers in proportion to their working time (senior caseworkers hold a few); the demo user
`handlaggare` holds about 40 (HANDLAGGARE_CASES). Some cases changed caseworker during the last year,
as happens when staff leave or caseloads are evened out.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from bistand.demo.dates import day_in_month, month_start
from bistand.demo.histories import CURRENT, Episode, History
from bistand.demo.households import HouseholdPlan, move
from bistand.demo.organisation import StaffSpec

HANDLAGGARE = "handlaggare"
HANDLAGGARE_CASES = 40
DEMO_UNIT = "N1"  # handlaggare's unit
MIN_DEMO_UNIT_OPEN = 30
# Exit reasons (bistand.cases.codes) with invented but plausible weights.
EXIT_WEIGHTS = {
    "work": 28,
    "other_benefit": 18,
    "studies": 8,
    "parental_benefit": 4,
    "moved": 12,
    "household_change": 7,
    "no_contact": 18,
    "deceased": 1,
    "other": 4,
}


@dataclass(eq=False)
class Assignment:
    staff: StaffSpec
    start: date
    end: date | None = None


@dataclass(eq=False)
class CasePlan:
    key: int
    household: HouseholdPlan
    history: History
    episode: Episode
    unit: str
    opened_on: date
    closed_on: date | None = None
    exit_reason: str = ""
    number: str = ""
    assignments: list[Assignment] = field(default_factory=list)
    id: int = 0

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def caseworker(self) -> StaffSpec:
        return self.assignments[-1].staff

    def holder_on(self, day: date) -> StaffSpec:
        for a in reversed(self.assignments):
            if a.start <= day:
                return a.staff
        return self.assignments[0].staff


def make_cases(
    rng: random.Random,
    households: list[HouseholdPlan],
    histories: list[History],
    episodes: list[list[Episode]],
    window_start: int,
) -> list[CasePlan]:
    """One CasePlan per episode, with opening and closing dates and numbers EB-<year>-<nnnnn>."""
    cases: list[CasePlan] = []
    for h, hist, eps in zip(households, histories, episodes, strict=True):
        for ep in eps:
            if ep.started_before:
                # An older case: opened up to six years before the window, after the applicant turned 18.
                birth = h.applicant.birth_date
                adult = date(birth.year + 18, birth.month, min(birth.day, 28))
                room = (month_start(window_start) - adult).days
                opened = month_start(window_start) - timedelta(
                    days=rng.randint(1, max(1, min(6 * 365, room)))
                )
            else:
                opened = day_in_month(window_start + ep.first, rng.randint(1, 12))
                if ep.first == CURRENT:
                    opened = day_in_month(window_start + ep.first - 1, rng.randint(20, 28))
            case = CasePlan(len(cases), h, hist, ep, h.unit, opened)
            if ep.closed_month is not None:
                case.closed_on = day_in_month(window_start + ep.closed_month, rng.randint(5, 28))
                case.exit_reason = rng.choices(list(EXIT_WEIGHTS), weights=list(EXIT_WEIGHTS.values()))[0]
            cases.append(case)
    per_year: dict[int, int] = {}
    for case in sorted(cases, key=lambda c: (c.opened_on, c.key)):
        per_year[case.opened_on.year] = per_year.get(case.opened_on.year, 0) + 1
        case.number = f"EB-{case.opened_on.year}-{per_year[case.opened_on.year]:05d}"
    return cases


def fill_demo_unit(rng: random.Random, cases: list[CasePlan]) -> None:
    """Make sure the demo caseworker's unit has a work queue even in a small demo city.

    In the full city Norr 1 has well over MIN_DEMO_UNIT_OPEN open cases and nothing moves. In a city of a
    hundred households it would have a handful, so households with an application waiting this month
    move there from other districts (a new address in Norr), first applications among them.
    """
    by_household: dict[int, list[CasePlan]] = {}
    for c in cases:
        by_household.setdefault(c.household.key, []).append(c)
    in_unit = [c for c in cases if c.unit == DEMO_UNIT and c.is_open]
    firsts = sum(1 for c in in_unit if c.episode.first == CURRENT)
    waiting = [c for c in cases if c.unit != DEMO_UNIT and c.is_open and c.episode.last == CURRENT]
    waiting.sort(key=lambda c: (c.episode.first != CURRENT, c.key))  # first applications first
    need = MIN_DEMO_UNIT_OPEN - len(in_unit)
    for case in waiting:
        if need <= 0 and firsts >= 2:
            break
        if need <= 0 and case.episode.first != CURRENT:
            continue
        move(rng, case.household, DEMO_UNIT[0], DEMO_UNIT)
        for c in by_household[case.household.key]:
            c.unit = DEMO_UNIT
        need -= 1
        firsts += case.episode.first == CURRENT


def assign_caseworkers(
    rng: random.Random, cases: list[CasePlan], staff: list[StaffSpec], as_of_start: date
) -> None:
    """Give every case its caseworkers over time (the last one holds it now)."""
    by_unit: dict[str, list[StaffSpec]] = {}
    for s in staff:
        if s.case_weight > 0:
            for unit in s.units:
                by_unit.setdefault(unit, []).append(s)
    load: dict[str, float] = {s.username: 0.0 for s in staff}

    def weight(s: StaffSpec) -> float:
        return s.case_weight * float(s.employment_rate) / 100

    def least_loaded(pool: list[StaffSpec]) -> StaffSpec:
        return min(pool, key=lambda s: ((load[s.username] + 1) / weight(s), s.username))

    open_cases = [c for c in cases if c.is_open]
    closed_cases = [c for c in cases if not c.is_open]
    handlaggare = next((s for s in staff if s.username == HANDLAGGARE), None)
    mine: set[int] = set()
    if handlaggare is not None:
        candidates = [c.key for c in open_cases if c.unit in handlaggare.units]
        # About 40; in a small demo city all but ten, so that colleagues hold some cases too.
        count = min(HANDLAGGARE_CASES, max(len(candidates) // 2, len(candidates) - 10))
        mine = set(rng.sample(candidates, count))
    for group in (open_cases, closed_cases):
        for s in staff:
            load[s.username] = 0.0
        for case in group:
            pool = by_unit[case.unit]
            if handlaggare is not None and case.key in mine:
                holder = handlaggare
            else:
                others = [s for s in pool if s is not handlaggare] if group is open_cases else pool
                holder = least_loaded(others)
            load[holder.username] += 1
            _history_of_holders(rng, case, holder, pool, as_of_start)


def _history_of_holders(
    rng, case: CasePlan, holder: StaffSpec, pool: list[StaffSpec], as_of_start: date
) -> None:
    end = case.closed_on or as_of_start
    others = [s for s in pool if s is not holder]
    changes: list[date] = []
    year_ago = as_of_start - timedelta(days=365)
    if others and rng.random() < 0.2:
        low = max(case.opened_on + timedelta(days=30), year_ago if case.is_open else case.opened_on)
        if low < end - timedelta(days=10):
            changes.append(low + timedelta(days=rng.randrange(0, (end - timedelta(days=10) - low).days)))
    if others and changes and rng.random() < 0.3 and (changes[0] - case.opened_on).days > 90:
        changes.insert(
            0, case.opened_on + timedelta(days=rng.randrange(30, (changes[0] - case.opened_on).days - 30))
        )
    holders = [holder]
    for _ in changes:  # earlier holders, each different from the one who took over from them
        holders.insert(0, rng.choice([s for s in pool if s is not holders[0]]))
    starts = [case.opened_on, *changes]
    case.assignments = [Assignment(s, start) for s, start in zip(holders, starts, strict=True)]
    for a, nxt in zip(case.assignments, case.assignments[1:], strict=False):
        a.end = nxt.start - timedelta(days=1)
    case.assignments[-1].end = case.closed_on
