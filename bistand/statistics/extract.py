"""The household-level extract for analysis: one row per household with assistance in a month.

Identities are replaced by keyed pseudonyms (privacy.Pseudonymiser) unless the user may open the case
file anyway (casework.access.visible_cases) and no member has protected identity. Pseudonymised data
are still personal data (GDPR recital 26): the extract is for analysts bound by secrecy, and every
download is written to the audit log. The export key is constant, so a household keeps its pseudonym
from month to month and can be followed over time; rotating BISTAND_PSEUDONYM_KEY breaks that link.
"""

from __future__ import annotations

import csv
import io

import polars as pl

from bistand.cases.models import BarrierRegistration, Payment
from bistand.casework.access import visible_cases
from bistand.people.models import Person
from bistand.rules.months import Month
from bistand.statistics import durations, privacy, socialstyrelsen, trends

EXPORT_KEY = "analysunderlag"
HEADER = [
    "månad",
    "hushåll",
    "sökande",
    "pseudonymiserad",
    "stadsområde",
    "enhet",
    "hushållstyp",
    "antal_personer",
    "barn_under_18",
    "utbetalt_kr",
    "månader_med_bistånd_i_år",
    "tio_av_tolv",
    "mycket_långvarigt",
    "försörjningshinder_sökande",
]


def extract_rows(month: Month, municipality, staff, secret: bytes, case_ids: set | None = None):
    """The extract's rows, header first. `case_ids`, if given, receives the cases behind the rows (the
    month's payments), so the download's audit row can name every case it contains."""
    pseudo = privacy.Pseudonymiser(secret, EXPORT_KEY)
    households = socialstyrelsen.households_for_month(month, municipality)
    ids = [h.household_id for h in households]
    units: dict[int, str] = {}  # the unit of the household's largest payment for the month
    for household_id, unit, case_id in (
        Payment.objects.filter(month=month.first, case__household_id__in=ids)
        .order_by("case__household_id", "-amount", "pk")
        .values_list("case__household_id", "case__unit__name", "case_id")
    ):
        units.setdefault(household_id, unit)
        if case_ids is not None:
            case_ids.add(case_id)
    visible = set(visible_cases(staff).filter(household_id__in=ids).values_list("household_id", flat=True))
    protected = set(
        Person.objects.filter(memberships__household_id__in=ids)
        .exclude(protected_identity="")
        .values_list("memberships__household_id", flat=True)
    )
    frame = trends.payments_frame(month.shift(-35), month, municipality).filter(
        pl.col("household_id").is_in(ids)
    )
    classified = {
        r["household_id"]: r
        for r in durations.classify_table(
            frame.select("household_id", "month", "amount"), month.first
        ).iter_rows(named=True)
    }
    barriers = dict(BarrierRegistration.objects.filter(month=month.first).values_list("person_id", "code"))
    yield HEADER
    for h in households:
        applicant = next((m for m in h.members if m.role == "applicant"), None)
        identified = h.household_id in visible and h.household_id not in protected
        if identified:
            household, person = str(h.household_id), applicant.personal_number if applicant else ""
        else:
            household = pseudo.household(h.household_id)
            person = pseudo.person(applicant.personal_number) if applicant else ""
        d = classified.get(h.household_id, {})
        yield [
            str(month),
            household,
            person,
            "nej" if identified else "ja",
            h.district_code,
            units.get(h.household_id, ""),
            str(h.type_code),
            str(len(h.members)),
            str(h.children_under_18),
            str(h.amount),
            str(d.get("months_in_year", 0)),
            "1" if d.get("rolling_10_of_12") else "0",
            "1" if d.get("very_long_term") else "0",
            barriers.get(applicant.person_id, "") if applicant else "",
        ]


def extract_text(month: Month, municipality, staff, secret: bytes, case_ids: set | None = None) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        extract_rows(month, municipality, staff, secret, case_ids)
    )
    return "\ufeff" + buffer.getvalue()
