"""A small city for the what-if tests, built with the casework factories; every amount worked out by hand.

Month July 2026: riksnorm 2026 (SoF 2025:468 12 kap. 2 §, SFS 2025:1046) — single 3 940, couple 7 100,
children 1–2 år 3 060, 3 år 2 720, 4–6 år 3 060, 7–10 år 3 820, 11–14 år 4 390; common costs for 1, 4 and
5 persons 1 280, 2 030, 2 330. Demostad's rent caps from 2024 (example values): 1 person 5 600, 4 persons
8 200, 5 persons 9 100. Jobbstimulans 25 % after six months in a row with försörjningsstöd.

H1 single, rent 5 000 (no snapshot: the request is built from the application)
    3 940 + 1 280 + 5 000                                   = 10 220
H2 couple + children 10 and 14 years, rent 8 000, salary 10 000 with jobbstimulans (Jan–Jun 2026)
    7 100 + 3 820 + 4 390 + 2 030 + 8 000 − (10 000 − 2 500) = 17 840
H3 single + children 1, 3, 5 and 8 years, rent 9 500 (cap 9 100), child allowance 6 000
    3 940 + 3 060 + 2 720 + 3 060 + 3 820 + 2 330 + 9 100 − 6 000 = 22 030
H4 single, rent 6 000 (cap 5 600), salary 20 000 without jobbstimulans
    3 940 + 1 280 + 5 600 − 20 000 < 0                      = 0 (normöverskott)
E1–E5 five singles like H1                                   = 10 220 each
Also: H1 has a later application (August, ignored for July); H2 an earlier one (May, replaced by July);
and one household whose latest application is from March (outside the three months) is left out.
"""

from dataclasses import dataclass
from datetime import date

from bistand.people.models import MemberRole
from tests.casework.factories import (
    make_application,
    make_calculation,
    make_case,
    make_household,
    make_municipality,
    make_person,
    make_unit,
)

MONTH = date(2026, 7, 1)
HISTORY = [f"2026-0{m}" for m in range(1, 7)]


@dataclass
class City:
    municipality: object
    households: dict  # name -> Household


def _snapshot(case, month, request: dict):
    application = make_application(case, month=month)
    make_calculation(application, {"assistance": 0}, request=request)
    return application


def _member(pid, role, born):
    return {"id": pid, "role": role, "birth_date": born}


def build() -> City:
    city = make_municipality(name="Demostad", code="9999", rules_code="demostad")
    centrum = make_unit("Ekonomiskt bistånd Centrum", "Centrum", municipality=city)
    norr = make_unit("Ekonomiskt bistånd Norr", "Norr", municipality=city)
    households = {}

    def single(name, unit, rent, born=date(1990, 4, 1)):
        person = make_person(birth=born, first_name=name)
        household = make_household(unit.district, [(person, MemberRole.APPLICANT)])
        case = make_case(household, unit)
        make_application(case, month=MONTH, items=[("cost", "rent", rent)])
        households[name] = household
        return case

    h1 = single("H1", centrum, 5000)
    make_application(h1, month=date(2026, 8, 1), items=[("cost", "rent", 99999)])
    for name in ("E1", "E2", "E3", "E4", "E5"):
        single(name, centrum if name in ("E1", "E2") else norr, 5000)

    def snapshot_household(name, unit, request):
        person = make_person(birth=date(1985, 2, 1), first_name=name)
        household = make_household(unit.district, [(person, MemberRole.APPLICANT)])
        case = make_case(household, unit)
        households[name] = household
        return case, request

    case, request = snapshot_household(
        "H2",
        norr,
        {
            "month": "2026-07",
            "members": [
                _member("a", "applicant", "1985-02-01"),
                _member("b", "co_applicant", "1987-03-01"),
                _member("c1", "child", "2016-05-01"),
                _member("c2", "child", "2012-03-01"),
            ],
            "costs": [{"kind": "rent", "amount": 8000}],
            "incomes": [{"kind": "salary", "amount": 10000}],
            "assistance_history": HISTORY,
            "municipality": "demostad",
        },
    )
    _snapshot(case, date(2026, 5, 1), {**request, "month": "2026-05", "assistance_history": []})
    _snapshot(case, MONTH, request)
    case, request = snapshot_household(
        "H3",
        centrum,
        {
            "month": "2026-07",
            "members": [
                _member("a", "applicant", "1988-01-01"),
                _member("c1", "child", "2025-01-15"),
                _member("c2", "child", "2023-02-01"),
                _member("c3", "child", "2021-03-01"),
                _member("c4", "child", "2018-01-01"),
            ],
            "costs": [{"kind": "rent", "amount": 9500}],
            "incomes": [{"kind": "child_allowance", "amount": 6000}],
            "municipality": "demostad",
        },
    )
    _snapshot(case, MONTH, request)
    case, request = snapshot_household(
        "H4",
        norr,
        {
            "month": "2026-07",
            "members": [_member("a", "applicant", "1970-06-01")],
            "costs": [{"kind": "rent", "amount": 6000}],
            "incomes": [{"kind": "salary", "amount": 20000}],
            "municipality": "demostad",
        },
    )
    _snapshot(case, MONTH, request)
    old = single("OLD", norr, 4000)  # only an application from March: not in July's caseload
    old.applications.update(month=date(2026, 3, 1))
    households.pop("OLD")
    return City(city, households)
