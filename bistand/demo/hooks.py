"""Calling the areas' demo data: `populate(ctx)` in each module of EXTENSIONS, in that order.

Each area's demo data lives here in bistand/demo (the product never imports the demo). A missing module
is skipped quietly; an error inside an existing module is not hidden — it stops the build and rolls the
whole city back.
"""

import importlib
from collections.abc import Callable
from datetime import date

from bistand.demo.context import DemoContext
from bistand.demo.dates import month_start

EXTENSIONS = ("bistand.demo.selfsupport", "bistand.demo.automation")


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise


def run(plan, municipality, staff_specs, as_of: date, today: date, out: Callable[[str], None]) -> None:
    modules = [(name, m) for name in EXTENSIONS if (m := _module(name)) and hasattr(m, "populate")]
    if not modules:
        return
    from bistand.cases.models import Case
    from bistand.organisation.models import StaffMember
    from bistand.people.models import Household

    staff = {
        s.user.username: s
        for s in StaffMember.objects.filter(pk__in=[x.id for x in staff_specs]).select_related("user")
    }
    paid: dict[int, list[date]] = {}
    for a in plan.applications:
        if a.decision and a.decision.payment:
            paid.setdefault(a.case.id, []).append(month_start(a.month))
    ctx = DemoContext(
        seed=plan.seed,
        as_of=as_of,
        today=today,
        municipality=municipality,
        staff=staff,
        cases=list(
            Case.objects.filter(unit__district__municipality=municipality)
            .select_related("household", "unit", "caseworker")
            .order_by("id")
        ),
        households=list(Household.objects.filter(district__municipality=municipality).order_by("id")),
        paid_months={k: sorted(v) for k, v in paid.items()},
        out=out,
    )
    for name, module in modules:
        out(f"Lägger till demodata från {name} …")
        module.populate(ctx)
