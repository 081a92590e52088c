"""The whole demo city as plain Python objects, before anything touches the database.

`build_plan` is deterministic: the same seed, size, as-of month and staff give the same people,
numbers, histories and amounts, because every random choice comes from a `random.Random` seeded with
"<seed>:<area>" (string seeds hash the same on every platform and Python run). Database ids are part of
the plan (they appear in calculation requests), counted from `bases`, the next free id of each table.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bistand.demo import current, eservice, identities, records
from bistand.demo.barriers import BarrierAllocator
from bistand.demo.caseload import CasePlan, assign_caseworkers, fill_demo_unit, make_cases
from bistand.demo.dates import month_index, month_start
from bistand.demo.decide import decide_history
from bistand.demo.economy import Economy, Item, rent_schedule
from bistand.demo.histories import CURRENT, HistoryFactory, episodes
from bistand.demo.households import HouseholdFactory, HouseholdPlan, PersonPlan, protect
from bistand.demo.names import ORIGIN_BY_CODE
from bistand.demo.organisation import RULES_CODE, StaffSpec
from bistand.demo.records import ApplicationPlan
from bistand.demo.requests import totals, typed_history, typed_request

PROTECTED_SHARE = 0.01  # about 1 % of people have protected personal data
PROTECTED_LEVELS = {"confidentiality_marking": 70, "protected_registration": 25, "fictitious_identity": 5}


def _silent(message: str) -> None:
    pass


@dataclass(eq=False)
class Barrier:
    case: CasePlan
    person: PersonPlan
    month: int
    code: str
    staff: StaffSpec
    registered_at: datetime
    id: int = 0


@dataclass(eq=False)
class Plan:
    seed: int
    as_of: int  # absolute month index of the as-of (current) month
    window_start: int
    staff: list[StaffSpec]
    households: list[HouseholdPlan] = field(default_factory=list)
    persons: list[PersonPlan] = field(default_factory=list)
    cases: list[CasePlan] = field(default_factory=list)
    applications: list[ApplicationPlan] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)
    codes: dict[tuple[int, int], str] = field(default_factory=dict)  # (person key, month) -> barrier
    # (person key, month): current-month barriers deliberately left unregistered (decision blocked)
    missing_barriers: set[tuple[int, int]] = field(default_factory=set)
    failed_calculations: int = 0  # current-month applications the engine could not calculate
    # This month's applications left for the demo residents to make in the e-service (eservice.py).
    held_back: list[ApplicationPlan] = field(default_factory=list)

    def rng(self, area: str) -> random.Random:
        return random.Random(f"{self.seed}:{area}")


def build_plan(
    seed: int,
    size: int,
    as_of: date,
    staff: list[StaffSpec],
    bases: dict[str, int] | None = None,
    progress: Callable[[str], None] = _silent,
) -> Plan:
    bases = bases or {}
    as_of_i = month_index(as_of)
    plan = Plan(seed, as_of_i, as_of_i - CURRENT, staff)
    w0 = plan.window_start

    factory = HouseholdFactory(
        plan.rng("households"), identities.IdentityFactory(plan.rng("identities")), w0, as_of_i
    )
    for key in range(size):
        plan.households.append(factory.household(key))
        if (key + 1) % 1000 == 0 or key + 1 == size:
            progress(f"Skapar hushåll {key + 1}/{size} …")

    progress("Skapar historik för 36 månader …")
    history_factory = HistoryFactory(plan.rng("histories"), (as_of.year - 1) * 12 - w0)
    histories = [history_factory.history(course) for course in history_factory.courses(size)]
    plan.cases = make_cases(
        plan.rng("cases"), plan.households, histories, [episodes(h) for h in histories], w0
    )
    fill_demo_unit(plan.rng("demo-unit"), plan.cases)
    assign_caseworkers(plan.rng("caseworkers"), plan.cases, staff, month_start(as_of_i))
    _settle_members(plan)
    rents = plan.rng("rents")
    for h in plan.households:
        rent_schedule(rents, h, w0, as_of_i)
    _protect_and_bank(plan)
    for i, p in enumerate(plan.persons):
        p.id = bases.get("person", 1) + i
    for i, h in enumerate(plan.households):
        h.id = bases.get("household", 1) + i

    progress("Fördelar försörjningshinder …")
    _applications(plan)
    _barriers(plan)
    progress("Beräknar försörjningsstöd med regelmotorn …")
    economy = Economy(plan.rng("economy"))
    _amounts(plan, economy)
    current.prepare(plan)
    eservice.hold_back(plan)  # two couples yet to apply this month, for the e-service
    progress("Skapar beslut och utbetalningar …")
    decide_history(plan)
    current.calculate(plan)
    _barrier_rows(plan)
    return plan


def _settle_members(plan: Plan) -> None:
    """Members present from the start join at the household's first case; drop those who never overlap."""
    first_case: dict[int, date] = {}
    for case in plan.cases:
        key = case.household.key
        first_case[key] = min(first_case.get(key, case.opened_on), case.opened_on)
    for h in plan.households:
        kept = []
        for m in h.members:
            if m.valid_from is None:
                m.valid_from = max(first_case[h.key], m.person.birth_date)
            if m.valid_to is None or m.valid_to >= m.valid_from:
                kept.append(m)
        h.members = kept
        plan.persons.extend(m.person for m in kept)


def _protect_and_bank(plan: Plan) -> None:
    """About 1 % protected identities (not in Norr 1's open cases: those are chosen in current.py), and
    synthetic bank accounts so that payments can be exported."""
    rng = plan.rng("protected")
    n1_open = {c.household.key for c in plan.cases if c.unit == "N1" and c.is_open}
    eligible = [h for h in plan.households if h.key not in n1_open]
    target = round(len(plan.persons) * PROTECTED_SHARE)
    chosen = 0
    for h in rng.sample(eligible, len(eligible)):
        if chosen >= target:
            break
        level = rng.choices(list(PROTECTED_LEVELS), weights=list(PROTECTED_LEVELS.values()))[0]
        protect(h, level)
        chosen += len(h.members)
    bank = plan.rng("bank")
    for h in plan.households:
        for m in h.members:
            if m.role == "applicant" or (m.role == "co_applicant" and bank.random() < 0.6):
                # Synthetic account numbers (4-digit clearing, 9-digit account): not real accounts.
                m.person.bank_clearing = str(bank.randint(6000, 6999))
                m.person.bank_account = f"{bank.randrange(10**8, 10**9)}"


def _applications(plan: Plan) -> None:
    """One application per case and month with activity: paid months, refused months, the current one."""
    rng = plan.rng("applications")
    w0 = plan.window_start
    for case in plan.cases:
        hist, ep = case.history, case.episode
        wanted = set(hist.assistance_months) | set(hist.rejected) | ({CURRENT} if hist.current else set())
        for i in sorted(m for m in wanted if ep.first <= m <= ep.last):
            month = w0 + i
            kind = "first" if i == ep.first and not ep.started_before else "recurring"
            app = ApplicationPlan(case, month, kind, records.channel(rng, kind), None, [])
            if i == CURRENT:
                app.status = "received"
                app.received_at = records.pending_received(rng, month, kind, case.opened_on)
            elif i in hist.rejected:
                app.flags.add("rejected")
            plan.applications.append(app)


def _adults(plan: Plan, app: ApplicationPlan) -> list[PersonPlan]:
    return app.case.household.adults_at(app.month)


def _barriers(plan: Plan) -> None:
    """Barrier codes per adult and month, allocated month by month (barriers.py)."""
    allocator = BarrierAllocator(plan.rng("barriers"))
    by_month: dict[int, list[ApplicationPlan]] = {}
    for app in plan.applications:
        by_month.setdefault(app.month, []).append(app)
    for month in range(plan.window_start, plan.as_of):
        keys = []
        for app in by_month.get(month, []):
            for p in _adults(plan, app):
                allocator.adult(p.key, not ORIGIN_BY_CODE[p.origin].swedish_born)
                keys.append(p.key)
        for key, code in allocator.allocate(keys).items():
            plan.codes[(key, month)] = code
    # The current month: last month's barrier carries over; newcomers get one by quota.
    new = []
    for app in by_month.get(plan.as_of, []):
        for p in _adults(plan, app):
            before = plan.codes.get((p.key, plan.as_of - 1))
            if before:
                plan.codes[(p.key, plan.as_of)] = before
            else:
                allocator.adult(p.key, not ORIGIN_BY_CODE[p.origin].swedish_born)
                new.append(p.key)
    for key, code in allocator.allocate(new).items():
        plan.codes[(key, plan.as_of)] = code


def codes_for(plan: Plan, app: ApplicationPlan) -> dict[int, str]:
    return {p.key: plan.codes.get((p.key, app.month), "") for p in _adults(plan, app)}


def _amounts(plan: Plan, economy: Economy) -> None:
    """Declared items for every application and the engine's totals for every decided month.

    If a household's incomes would cover its whole need in a month meant to be paid, its incomes are
    lowered and the household recalculated, so the history keeps the intended durations.
    """
    w0 = plan.window_start
    by_household: dict[int, list[ApplicationPlan]] = {}
    for app in plan.applications:
        by_household.setdefault(app.case.household.key, []).append(app)
    todo = [k for k in by_household]
    for _round in range(6):
        for key in todo:
            for app in by_household[key]:
                app.items = economy.items(app.case.household, app.month, codes_for(plan, app))
        decided = [a for k in todo for a in by_household[k] if a.status == "decided"]
        results = totals(
            [
                typed_request(a.case.household, a.month, a.items, typed_history(a, w0), RULES_CODE)
                for a in decided
            ]
        )
        short = set()
        for app, result in zip(decided, results, strict=True):
            app.totals = result
            if "rejected" not in app.flags and result.assistance <= 0:
                short.add(app.case.household.key)
        if not short:
            break
        for key in short:
            economy.income_factor[key] = economy.income_factor.get(key, 1.0) * 0.5 if _round < 4 else 0.0
        todo = sorted(short)
    # Refused months: a one-off income (a tax refund) larger than the month's need.
    rng = plan.rng("refusals")
    refused = [a for a in plan.applications if "rejected" in a.flags]
    for app in refused:
        t = app.totals
        extra = t.norm_total + t.costs_total - t.income_total + rng.randrange(300, 3000, 10)
        app.items = [
            *app.items,
            Item("income", "other", app.case.household.applicant, extra, "Skatteåterbäring"),
        ]
    results = totals(
        [typed_request(a.case.household, a.month, a.items, typed_history(a, w0), RULES_CODE) for a in refused]
    )
    for app, result in zip(refused, results, strict=True):
        app.totals = result


def _barrier_rows(plan: Plan) -> None:
    """One registration per adult and month with an application, by the caseworker holding the case (also
    for the applications left to the e-service: the barrier is registered before the household applies)."""
    for app in plan.applications + plan.held_back:
        # Registered when the application was assessed: at the decision, or on receipt for this month's.
        when = (
            app.decision.decided_at - timedelta(hours=1)
            if app.decision
            else app.received_at + timedelta(hours=1)
        )
        for p in _adults(plan, app):
            code = plan.codes.get((p.key, app.month))
            if code and (p.key, app.month) not in plan.missing_barriers:
                plan.barriers.append(
                    Barrier(app.case, p, app.month, code, app.case.holder_on(when.date()), when)
                )
