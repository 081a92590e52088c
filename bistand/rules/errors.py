"""Errors of the calculation contract: a stable English code, a Swedish message and a field path.

Every door (Python, `bistand calculate`, the JSON API) reports the same error body:
    {"errors": [{"code": "child_over_20", "message": "…", "field": "members[2].birth_date"}, …]}
Codes are part of the contract and never change meaning; messages may be reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# code -> Swedish message template (str.format with the keyword arguments given to `error`).
MESSAGES: dict[str, str] = {
    "malformed_json": "Begäran är inte giltig JSON: {detail}.",
    "not_an_object": "Värdet måste vara ett objekt med namngivna fält.",
    "not_a_list": "Värdet måste vara en lista.",
    "missing_field": "Uppgiften saknas.",
    "unknown_field": "Okänt fält. Kontrollera stavningen.",
    "invalid_text": "Värdet måste vara en text.",
    "invalid_boolean": "Värdet måste vara true eller false.",
    "invalid_month": "Månaden måste vara en riktig månad skriven ÅÅÅÅ-MM, till exempel 2025-06.",
    "invalid_date": "Datumet måste vara ett riktigt datum skrivet ÅÅÅÅ-MM-DD, till exempel 1990-04-01.",
    "invalid_role": "Rollen måste vara applicant (sökande), co_applicant (medsökande) eller child (barn).",
    "non_integer_amount": "Beloppet måste vara ett heltal i hela kronor, utan decimaler.",
    "negative_amount": "Beloppet får inte vara negativt.",
    "unknown_kind": "Okänt slag ”{kind}”. Tillåtna slag: {allowed}.",
    "unknown_member": "Det finns ingen hushållsmedlem med id ”{member}” i begäran.",
    "duplicate_member_id": "Två hushållsmedlemmar har samma id ”{member}”.",
    "missing_applicant": "Hushållet måste ha exakt en sökande (roll applicant).",
    "too_many_applicants": "Hushållet får bara ha en sökande (roll applicant).",
    "too_many_co_applicants": "Hushållet får bara ha en medsökande (roll co_applicant).",
    "member_not_born": "Personen är född efter beräkningsmånaden {month} och kan inte ingå i hushållet.",
    "child_over_20": (
        "Barnet fyller {age} år senast den {last_day} och räknas inte längre som hemmavarande barn "
        "(barn och skolungdomar under 21 år). Personen är ett eget ärende."
    ),
    "preschool_lunch_not_child": "Lunch på förskolan kan bara anges för barn (roll child).",
    "invalid_household_size": "Antalet personer i hushållet måste vara ett heltal, minst 1.",
    "household_size_too_small": (
        "Antalet personer i hushållet ({size}) kan inte vara mindre än antalet medlemmar i ärendet ({members})."
    ),
    "invalid_days_in_household": "Antalet dagar i hushållet måste vara ett heltal från 1 till 31.",
    "days_not_child": "Antalet dagar i hushållet kan bara anges för barn (roll child).",
    "reason_required": "Skriv skälet till bedömningen. Skälet står i beräkningen och i beslutet.",
    "conflicting_year_to_date": (
        "Tidigare arbetsinkomst i år skiljer sig mellan inkomstposterna för ”{member}” ({first} kr och {second} kr). "
        "Beloppet gäller personen och ska vara detsamma på alla poster."
    ),
    "surplus_not_before_month": "Normöverskottet måste komma från en månad före beräkningsmånaden {month}.",
    "history_not_before_month": "Månader med försörjningsstöd i historiken måste ligga före beräkningsmånaden {month}.",
    "no_parameters_for_year": "Det finns ingen riksnorm för år {year} i regelverket. Beräkningen kan inte göras.",
    "no_price_base_amount": (
        "Det finns inget prisbasbelopp för år {year} i regelverket, så barns egna arbetsinkomster kan inte beräknas."
    ),
    "unknown_municipality": "Kommunen ”{code}” finns inte i regelverket.",
    "no_municipal_parameters": "Kommunen ”{code}” har inga parametrar som gäller {month}.",
    "file_not_found": "Filen ”{path}” kunde inte läsas: {detail}.",
    # Refused before or while parsing (bistand.rules.safe_json); the limits are part of the contract.
    "body_too_large": "Begäran är för stor. Den får vara högst {limit} byte.",
    "invalid_encoding": "Begäran är inte text i teckenkodningen UTF-8 (ogiltig byte på position {position}).",
    "nesting_too_deep": "Begäran är för djupt nästlad. Högst {limit} nivåer av listor och objekt tillåts.",
    "number_too_long": "Talet ”{number}” är för långt. Ett tal får ha högst {limit} tecken.",
    "number_out_of_range": "Talet ”{number}” är orimligt stort eller litet (exponenten får vara högst ±{limit}).",
    "non_finite_number": "”{number}” är inget tal. Ange ett belopp i hela kronor.",
    "too_many_items": "Listan har för många poster. Högst {limit} tillåts.",
    "amount_too_large": "Beloppet är orimligt stort. Ett enskilt belopp får vara högst 9 999 999 kr.",
}


@dataclass(frozen=True, slots=True)
class ErrorItem:
    code: str
    message: str
    field: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "field": self.field}


def error(code: str, field: str, /, **details: object) -> ErrorItem:
    """Build an error item; the Swedish message is filled from MESSAGES[code] and `details`."""
    return ErrorItem(code, MESSAGES[code].format(**details), field)


class CalculationError(ValueError):
    """Raised when a request cannot be calculated; `.errors` lists every problem found (never empty).

    Nothing is half-computed: all validation and parameter look-ups happen before any arithmetic.
    """

    def __init__(self, errors: list[ErrorItem]):
        if not errors:
            raise ValueError("CalculationError needs at least one error")
        self.items = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.items))

    def __reduce__(
        self,
    ) -> tuple[
        type[CalculationError], tuple[list[ErrorItem]]
    ]:  # picklable, so batch worker processes can report errors
        return (type(self), (self.items,))

    @property
    def errors(self) -> list[dict[str, Any]]:
        """The errors as JSON-ready dicts: [{"code", "message", "field"}, …]."""
        return [e.to_dict() for e in self.items]

    def to_dict(self) -> dict[str, Any]:
        """The error body shared by the CLI and the API."""
        return {"errors": self.errors}
