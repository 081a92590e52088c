"""Swedish personal identity numbers (personnummer and samordningsnummer).

python-stdnum rejects samordningsnummer (day of birth + 60), which many applicants have, so the
maintained `personnummer` package validates both. Numbers are stored in one canonical form,
twelve digits with the century and no separator (YYYYMMDDNNNN), so that a search for a person never
depends on how the number was typed.
"""

from dataclasses import dataclass
from datetime import date

from personnummer import personnummer as _pnr


class InvalidIdentityNumber(ValueError):
    """Raised with a Swedish message meant for the person who typed the number."""


@dataclass(frozen=True)
class IdentityNumber:
    canonical: str  # YYYYMMDDNNNN
    birth_date: date
    is_coordination_number: bool
    is_female: bool

    @property
    def display(self) -> str:
        """The form used on screen and in letters: YYYYMMDD-NNNN."""
        return f"{self.canonical[:8]}-{self.canonical[8:]}"


def parse_identity_number(value: str) -> IdentityNumber:
    text = (value or "").strip()
    if not text:
        raise InvalidIdentityNumber("Ange personnummer eller samordningsnummer.")
    try:
        parsed = _pnr.Personnummer(text)
    except Exception as exc:  # the library raises its own exception types
        raise InvalidIdentityNumber(
            f"”{text}” är inte ett giltigt personnummer eller samordningsnummer. "
            "Kontrollera datum och kontrollsiffra (ÅÅÅÅMMDD-NNNN)."
        ) from exc
    canonical = parsed.format(True)
    return IdentityNumber(
        canonical=canonical,
        birth_date=parsed.get_date(),
        is_coordination_number=parsed.is_coordination_number(),
        is_female=parsed.is_female(),
    )
