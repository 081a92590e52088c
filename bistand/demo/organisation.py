"""Demostad's organisation: five districts, two units each, about 40 caseworkers, and the demo users.

Demostad is fictitious. Its municipality code 9999 is not an SCB code (real codes run from 0114 to
2584), so it can never be confused with a real municipality; its rules code "demostad" names the
example municipal parameters shipped with the rules (rent caps, caseload cap 35).

The demo users (password DEMO_PASSWORD, demo data only) cover every role; USERS.md lists them.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from bistand.demo.names import ORIGIN_BY_CODE, ORIGINS

MUNICIPALITY_NAME = "Demostad"
MUNICIPALITY_CODE = "9999"  # fictitious: not an SCB municipality code
RULES_CODE = "demostad"
DEMO_PASSWORD = "demo-2026"  # demo only — never use demo users in production

# code, name, share of the city's households (weights), caseworkers in unit 1 and unit 2
DISTRICTS: tuple[tuple[str, str, int, tuple[int, int]], ...] = (
    ("N", "Norr", 18, (4, 4)),
    ("S", "Söder", 24, (3, 3)),
    ("V", "Väster", 16, (3, 3)),
    ("O", "Öster", 22, (4, 3)),
    ("I", "Innerstaden", 20, (4, 3)),
)

ROLE_TITLES = {
    "caseworker": "Socialsekreterare",
    "senior_caseworker": "Förste socialsekreterare",
    "unit_manager": "Enhetschef",
    "administrator": "Systemförvaltare",
    "analyst": "Verksamhetsanalytiker",
}


@dataclass(eq=False)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    units: list[str]  # unit keys, e.g. "N1"
    employment_rate: Decimal = Decimal("100")
    demo_user: bool = False
    note: str = ""  # what the demo user is for (USERS.md)
    # Share of a full caseload this person holds (0 for staff who hold no cases).
    case_weight: float = 0.0
    id: int | None = field(default=None)

    @property
    def title(self) -> str:
        return ROLE_TITLES[self.role]


# The demo users: username, name, role, unit, purpose. Caseworkers' case weights are set in `plan_staff`.
DEMO_USERS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "handlaggare",
        "Sara",
        "Lindqvist",
        "caseworker",
        "N1",
        "Socialsekreterare i Norr 1 med cirka 40 ärenden "
        "och en arbetskö för innevarande månad (används i webbläsartesterna)",
    ),
    (
        "handlaggare2",
        "Ahmed",
        "Karimi",
        "caseworker",
        "S1",
        "Socialsekreterare i Söder 1 (ett annat stadsområde: ser inte Norr 1:s ärenden)",
    ),
    ("forste", "Maria", "Holm", "senior_caseworker", "N1", "Förste socialsekreterare i Norr 1"),
    ("enhetschef", "Johan", "Bergström", "unit_manager", "N1", "Enhetschef för Norr 1"),
    (
        "admin",
        "Eva",
        "Sandberg",
        "administrator",
        "*",
        "Administratör i /admin/ med behörighetsgruppen administrator (ingen superanvändare)",
    ),
    ("analytiker", "Lina", "Nordström", "analyst", "*", "Analytiker (statistik, inga akter)"),
)


DEMO_PAYER_IBAN = "SE0000000000000000009999"
DEMO_PAYER_BIC = "DEMOSEXX"


def unit_keys() -> list[str]:
    return [f"{code}{n}" for code, *_ in DISTRICTS for n in (1, 2)]


def unit_name(key: str) -> str:
    names = {code: name for code, name, *_ in DISTRICTS}
    return f"Ekonomiskt bistånd {names[key[0]]} {key[1]}"


_ASCII = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "ö": "o",
        "é": "e",
        "ü": "u",
        "ø": "o",
        "æ": "ae",
        "ç": "c",
        "ş": "s",
        "ı": "i",
        "ğ": "g",
        "č": "c",
        "ć": "c",
        "š": "s",
        "ž": "z",
        "đ": "d",
        "ł": "l",
        "ś": "s",
        "ń": "n",
        "ó": "o",
        "í": "i",
        "á": "a",
        "ú": "u",
        "-": "",
    }
)


def _username(first: str, last: str, used: set[str]) -> str:
    base = f"{first}.{last}".lower().translate(_ASCII)
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base}{n}"
    used.add(name)
    return name


def _rate(rng: random.Random) -> Decimal:
    # Most work full time; some part time (75–90 %).
    return Decimal(rng.choices(["100", "90", "80", "75"], weights=[80, 8, 8, 4])[0])


def plan_staff(rng: random.Random) -> list[StaffSpec]:
    """Every staff member, demo users first; deterministic for the given random source."""
    staff: list[StaffSpec] = []
    used = {u[0] for u in DEMO_USERS}
    all_units = unit_keys()
    for username, first, last, role, unit, note in DEMO_USERS:
        units = all_units if unit == "*" else [unit]
        staff.append(StaffSpec(username, first, last, role, units, demo_user=True, note=note))
    weights = [o.weight for o in ORIGINS]
    taken_names = {(s.first_name, s.last_name) for s in staff}

    def person() -> tuple[str, str]:
        while True:
            origin = rng.choices(ORIGINS, weights=weights)[0]
            origin = ORIGIN_BY_CODE["swedish"] if rng.random() < 0.35 else origin
            first = rng.choice(origin.female if rng.random() < 0.7 else origin.male)  # mostly women
            last = rng.choice(origin.surnames)
            if (first, last) not in taken_names:
                taken_names.add((first, last))
                return first, last

    def add(role: str, units: list[str], weight: float = 0.0) -> None:
        first, last = person()
        rate = _rate(rng) if role in ("caseworker", "senior_caseworker") else Decimal("100")
        staff.append(
            StaffSpec(_username(first, last, used), first, last, role, units, rate, case_weight=weight)
        )

    for code, _name, _share, per_unit in DISTRICTS:
        for n, count in zip((1, 2), per_unit, strict=True):
            key = f"{code}{n}"
            existing = sum(1 for s in staff if s.role == "caseworker" and s.units == [key])
            for _ in range(count - existing):
                add("caseworker", [key], 1.0)
            if key != "N1":  # Norr 1's manager is the demo user `enhetschef`
                add("unit_manager", [key])
        if code != "N":  # Norr's senior caseworker is the demo user `forste`
            add("senior_caseworker", [f"{code}1", f"{code}2"], 0.25)
    add("analyst", all_units)
    for spec in staff:
        if spec.demo_user and spec.role == "caseworker":
            spec.case_weight = 1.0
        elif spec.username == "forste":
            spec.case_weight = 0.25
            spec.units = ["N1", "N2"]
    return staff


def create_organisation(staff: list[StaffSpec], password_hash: str):
    """Save the municipality, districts, units, users and staff; returns (municipality, units by key)."""
    from django.contrib.auth.models import User

    from bistand.organisation.models import District, Municipality, StaffMember, Unit
    from bistand.organisation.staff_register import ensure_administrator_group

    municipality = Municipality.objects.create(
        name=MUNICIPALITY_NAME,
        municipality_code=MUNICIPALITY_CODE,
        rules_code=RULES_CODE,
        # Obviously fake: check digits 00 make the IBAN invalid at every bank, and DEMOSEXX is no BIC.
        payer_iban=DEMO_PAYER_IBAN,
        payer_bic=DEMO_PAYER_BIC,
        payer_org_number="2120009999",
    )
    districts = {
        code: District.objects.create(municipality=municipality, name=name, code=code)
        for code, name, *_ in DISTRICTS
    }
    units = {key: Unit.objects.create(district=districts[key[0]], name=unit_name(key)) for key in unit_keys()}
    for spec in staff:
        user = User.objects.create(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@demostad.example",
            password=password_hash,
            # Daily administration through the permission group, never a superuser (break-glass only).
            is_staff=spec.role == "administrator",
            is_superuser=False,
        )
        if spec.role == "administrator":
            user.groups.add(ensure_administrator_group())
        member = StaffMember.objects.create(
            user=user, role=spec.role, title=spec.title, employment_rate=spec.employment_rate
        )
        member.units.set([units[k] for k in spec.units])
        spec.id = member.pk
    return municipality, districts, units
