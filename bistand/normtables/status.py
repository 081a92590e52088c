"""From 1 November: is next year's riksnorm (and prisbasbelopp) in place, and is it official?

Applications for January arrive in December, so from 1 November administrators and unit managers are
warned on their start page (and `bistand check` warns) while next year's table is missing or preliminary.
`today()` is the one clock; tests replace it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from bistand.rules import params

WARN_FROM = (11, 1)  # month, day


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class TableWarning:
    code: str  # stable id of the system check, e.g. "normtables.W001"
    message: str  # Swedish


def next_year_warnings(day: date) -> list[TableWarning]:
    """What is missing or preliminary for the year after `day`; nothing before 1 November."""
    if (day.month, day.day) < WARN_FROM:
        return []
    year = day.year + 1
    warnings = []
    table = params.norm_table(year)
    if table is None:
        warnings.append(
            TableWarning(
                "normtables.W001",
                f"Riksnormen för {year} saknas. Ansökningar som avser {year} kan inte beräknas förrän "
                "tabellen har förts in.",
            )
        )
    elif table.preliminary:
        warnings.append(
            TableWarning(
                "normtables.W002",
                f"Riksnormen för {year} är preliminär. För in den officiella tabellen när förordningen "
                "är publicerad.",
            )
        )
    amount = params.price_base_amount(year)
    if amount is None:
        warnings.append(
            TableWarning(
                "normtables.W003",
                f"Prisbasbeloppet för {year} saknas. Barns och skolungdomars arbetsinkomster kan inte "
                f"beräknas för {year} förrän det har förts in.",
            )
        )
    elif amount.source.confidence == "preliminary":
        warnings.append(TableWarning("normtables.W004", f"Prisbasbeloppet för {year} är preliminärt."))
    return warnings


def current_year_warnings(day: date) -> list[TableWarning]:
    """This year's riksnorm is preliminary: decisions are being calculated on amounts that may change."""
    table = params.norm_table(day.year)
    if table is not None and table.preliminary:
        return [
            TableWarning(
                "normtables.W005",
                f"Riksnormen för {day.year} är preliminär; besluten beräknas på belopp som kan ändras. "
                "För in den officiella tabellen när förordningen är publicerad.",
            )
        ]
    return []
