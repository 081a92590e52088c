"""Synthetic personnummer and samordningsnummer for the demo's invented people.

Every number is generated here: a birth date, a random three-digit birth number whose last digit
follows the person's legal sex (odd for men, even for women, as in Skatteverket's scheme) and the
Luhn check digit (python-stdnum's `luhn.calc_check_digit`) over the ten-digit form YYMMDDNNN. About
3 % are samordningsnummer, where 60 is added to the day of birth.

These are SYNTHETIC numbers, not taken from any register and not from a verified test range: a
generated number is well-formed and may by chance equal a real person's number, so demo data must
never be mixed with, or sent to, a real system. Each number is checked with the project's own parser
(bistand.people.identity) so the demo can only contain numbers the application accepts.
"""

import random
from datetime import date

from stdnum import luhn

from bistand.people.identity import parse_identity_number

COORDINATION_DAY_OFFSET = 60  # Skatteverket: samordningsnummer = day of birth + 60


class IdentityFactory:
    """Hands out unique, valid identity numbers; same seed and same calls give the same numbers."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def new(self, birth: date, female: bool, coordination: bool = False) -> str:
        day = birth.day + (COORDINATION_DAY_OFFSET if coordination else 0)
        head = f"{birth.year:04d}{birth.month:02d}{day:02d}"
        for _ in range(1000):
            # Birth numbers 001–999; the third digit is odd for men and even for women.
            serial = self.rng.randrange(0, 100) * 10 + self.rng.choice(
                (0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9)
            )
            if serial == 0:
                continue
            digits9 = f"{head[2:]}{serial:03d}"
            number = f"{head}{serial:03d}{luhn.calc_check_digit(digits9)}"
            if number not in self.used:
                self.used.add(number)
                return number
        raise RuntimeError(f"no free identity number for {birth}")  # 500 per day and sex: never in practice


def check(number: str, birth: date, coordination: bool) -> None:
    """Assert that the application's parser accepts the number and reads it back as generated."""
    parsed = parse_identity_number(number)
    if (
        parsed.canonical != number
        or parsed.birth_date != birth
        or parsed.is_coordination_number != coordination
    ):
        raise AssertionError(f"generated identity number {number} does not read back as generated")
