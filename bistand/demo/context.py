"""What other areas get when they add their own demo data to Demostad.

After the city is saved, `build_demo` calls `populate(ctx)` in `bistand.demo.selfsupport` and
`bistand.demo.automation` (hooks.py), inside the same transaction, so that meetings, action plans,
automated decisions and the like belong to the same city and the same seed.

Fields of DemoContext:
- seed: the --seed value. Use `ctx.rng("my-area")` for a random source of your own: it is seeded with
  "<seed>:my-area", so your data is deterministic and independent of every other area's draws.
- as_of: first day of the as-of (current) month; the history covers the 36 months ending with it.
- today: the day the demo treats as "now": the real date when it lies in the as-of month, otherwise the
  as-of month's last day. Plan upcoming meetings after it and past ones before it.
- municipality: the Municipality "Demostad" (rules_code "demostad").
- staff: StaffMember by username, e.g. ctx.staff["handlaggare"] (see USERS.md for the demo users).
- cases: every Case, ordered by id, with household, unit and caseworker selected.
- households: every Household, ordered by id.
- paid_months: case id -> sorted first days of the months in which the case had a payment, so a plan or
  a meeting can be placed in a period when the household actually received assistance.
- out: prints one progress line (Swedish) to the console.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DemoContext:
    seed: int
    as_of: date
    today: date
    municipality: object  # bistand.organisation.models.Municipality
    staff: dict[str, object]  # username -> StaffMember
    cases: list = field(default_factory=list)  # bistand.cases.models.Case
    households: list = field(default_factory=list)  # bistand.people.models.Household
    paid_months: dict[int, list[date]] = field(default_factory=dict)
    out: Callable[[str], None] = print

    def rng(self, area: str) -> random.Random:
        return random.Random(f"{self.seed}:{area}")

    @property
    def open_cases(self) -> list:
        return [c for c in self.cases if c.status == "open"]
