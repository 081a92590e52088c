"""Personnummer and samordningsnummer validation.

Check digits worked out by hand with the Luhn algorithm on the ten digits YYMMDDNNNC:
- 811218-987?: digits 8 1 1 2 1 8 9 8 7, doubled at odd positions from the left:
  16→7, 1, 2, 2, 2, 8, 18→9, 8, 14→5 → 7+1+2+2+2+8+9+8+5 = 44 → check digit (10 − 4) = 6.
- samordningsnummer 811278-987?: day 18 + 60 = 78: 16→7, 1, 2, 2, 14→5, 8, 18→9, 8, 14→5 = 47 → 3.
- 121212-121?: 2, 2, 2, 2, 2, 2, 2, 2, 2 = 18 → 2 ("Tolvan Tolvansson", the common test identity).
"""

from datetime import date

import pytest

from bistand.people.identity import InvalidIdentityNumber, parse_identity_number


@pytest.mark.parametrize(
    "typed, canonical, born, coordination",
    [
        ("19811218-9876", "198112189876", date(1981, 12, 18), False),
        ("811218-9876", "198112189876", date(1981, 12, 18), False),
        ("198112189876", "198112189876", date(1981, 12, 18), False),
        ("19811278-9873", "198112789873", date(1981, 12, 18), True),
        ("19121212-1212", "191212121212", date(1912, 12, 12), False),
    ],
)
def test_valid_numbers_are_stored_in_one_canonical_form(typed, canonical, born, coordination):
    parsed = parse_identity_number(typed)
    assert parsed.canonical == canonical
    assert parsed.birth_date == born
    assert parsed.is_coordination_number is coordination
    assert parsed.display == f"{canonical[:8]}-{canonical[8:]}"


@pytest.mark.parametrize("typed", ["19811218-9875", "19811378-9873", "abc", "", "1981121898"])
def test_invalid_numbers_give_a_swedish_message(typed):
    with pytest.raises(InvalidIdentityNumber) as exc:
        parse_identity_number(typed)
    assert "personnummer" in str(exc.value).lower()
