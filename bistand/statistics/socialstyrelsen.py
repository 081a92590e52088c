"""The monthly delivery to Socialstyrelsen's register of financial assistance (HSLF-FS 2015:30).

HSLF-FS 2015:30 3 §: data on "ekonomiskt bistånd, försörjningshinder och kommunala
arbetsmarknadsinsatser" per calendar month, due "senast den 15:e nästkommande månad". The field list
(bilaga 1) and the file format could not be retrieved (HSLF-FS 2015:30 bilaga 1), so this file carries
the variables the reference does know — from the register's variable list and Socialstyrelsen's
description ("personnummer, kön, biståndskommun, biståndsbelopp … försörjningshinder") — in a plain,
documented CSV. docs/socialstyrelsen-delivery.md lists every field, its source and the open questions.

One row per person in a household with assistance for the month (payments for the month summing to more
than 0 kr, as in the monthly report). Household fields are repeated on each member's row and must be
counted once per `hushalls_id`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum

from bistand.cases.models import BarrierRegistration, Payment
from bistand.people.identity import parse_identity_number
from bistand.people.models import HouseholdMember, MemberRole
from bistand.rules.months import Month, age_on
from bistand.selfsupport.models import PlanStep, Responsible

# Socialstyrelsen's variable list (HSLF-FS 2015:30): Hushållstyp.
ONLY_CHILDREN = 1  # enbart barn under 18 år
SINGLE_MAN = 3  # ensamstående man utan barn (4 = med barn)
SINGLE_WOMAN = 5  # ensamstående kvinna utan barn (6 = med barn)
COUPLE = 7  # sammanboende par utan barn (8 = med barn)
UNKNOWN = 9  # okänd
WITH_CHILDREN = 1  # added to 3, 5 and 7 when the household has children under 18
ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)
ROLE_CODES = {MemberRole.APPLICANT: "S", MemberRole.CO_APPLICANT: "M", MemberRole.CHILD: "B"}

FIELDS = (
    "period",
    "kommunkod",
    "distrikt",
    "hushalls_id",
    "personnummer",
    "roll",
    "kon",
    "hushallstyp",
    "antal_personer",
    "antal_barn_under_18",
    "utbetalt_belopp",
    "forsorjningshinder",
    "forsorjningshinder_text",
    "kommunal_arbetsmarknadsinsats",
)


@dataclass(frozen=True)
class Member:
    person_id: int
    personal_number: str
    role: str
    age: int  # on the last day of the month
    female: bool


def household_type(members: list[Member]) -> int:
    """Register code 1, 3–9 (HSLF-FS 2015:30) from the members in the month."""
    if not members:
        return UNKNOWN
    if all(m.age < 18 for m in members):
        return ONLY_CHILDREN
    adults = [m for m in members if m.role in ADULT_ROLES]
    children = any(m.role == MemberRole.CHILD and m.age < 18 for m in members)
    if len(adults) == 2:
        return COUPLE + (WITH_CHILDREN if children else 0)
    if len(adults) == 1:
        base = SINGLE_WOMAN if adults[0].female else SINGLE_MAN
        return base + (WITH_CHILDREN if children else 0)
    return UNKNOWN


@dataclass(frozen=True)
class HouseholdMonth:
    household_id: int
    district_code: str
    amount: int
    members: list[Member]

    @property
    def type_code(self) -> int:
        return household_type(self.members)

    @property
    def children_under_18(self) -> int:
        return sum(1 for m in self.members if m.age < 18)


def households_for_month(month: Month, municipality) -> list[HouseholdMonth]:
    """Households with payments > 0 kr for the month, with their members valid some day in the month."""
    totals = (
        Payment.objects.filter(month=month.first, case__unit__district__municipality=municipality)
        .values("case__household_id", "case__household__district__code")
        .annotate(total=Sum("amount"))
        .filter(total__gt=0)
        .order_by("case__household_id")
    )
    amounts = {
        r["case__household_id"]: (int(r["total"]), r["case__household__district__code"]) for r in totals
    }
    memberships = (
        HouseholdMember.objects.filter(household_id__in=amounts, valid_from__lte=month.last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month.first))
        .order_by("household_id", "role", "person__birth_date", "person_id")
        .values_list("household_id", "person_id", "person__personal_number", "person__birth_date", "role")
    )
    members: dict[int, dict[int, Member]] = defaultdict(dict)
    for household_id, person_id, number, birth, role in memberships:
        members[household_id].setdefault(
            person_id,
            Member(
                person_id, number, role, age_on(birth, month.last), parse_identity_number(number).is_female
            ),
        )
    return [
        HouseholdMonth(h, code, amount, list(members[h].values())) for h, (amount, code) in amounts.items()
    ]


def delivery_rows(month: Month, municipality):
    """Yield FIELDS-ordered rows (lists of strings) for the month."""
    from bistand.cases.codes import BARRIER_BY_CODE

    households = households_for_month(month, municipality)
    person_ids = [m.person_id for h in households for m in h.members]
    barriers = dict(
        BarrierRegistration.objects.filter(month=month.first, person_id__in=person_ids).values_list(
            "person_id", "code"
        )
    )
    in_labour_programme = set(
        PlanStep.objects.filter(plan__person_id__in=person_ids, responsible=Responsible.MUNICIPAL_LABOUR)
        .filter(Q(start_on__isnull=True) | Q(start_on__lte=month.last))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=month.first))
        .values_list("plan__person_id", flat=True)
    )
    period = f"{month.year:04d}{month.month:02d}"
    for h in households:
        for m in h.members:
            adult = m.role in ADULT_ROLES
            code = barriers.get(m.person_id, "") if adult else ""
            yield [
                period,
                municipality.municipality_code,
                h.district_code,
                str(h.household_id),
                m.personal_number,
                ROLE_CODES.get(m.role, ""),
                "K" if m.female else "M",
                str(h.type_code),
                str(len(h.members)),
                str(h.children_under_18),
                str(h.amount),
                code,
                BARRIER_BY_CODE[code].label if code in BARRIER_BY_CODE else "",
                ("1" if m.person_id in in_labour_programme else "0") if adult else "",
            ]


def delivery_text(month: Month, municipality) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(FIELDS)
    writer.writerows(delivery_rows(month, municipality))
    return buffer.getvalue()
