"""Synthetic identity numbers: valid for the application's parser, unique, and as asked for."""

import random
from datetime import date

from stdnum import luhn

from bistand.demo.identities import IdentityFactory
from bistand.people.identity import parse_identity_number


def test_the_check_digit_is_the_luhn_digit_of_the_ten_digit_form():
    # Skatteverket's worked example 811218-9876: Luhn over 811218987 gives 6.
    # Digits × 2,1,2,1,…: 8·2=16→1+6=7, 1, 1·2=2, 2, 1·2=2, 8, 9·2=18→9, 8, 7·2=14→5; sum 7+1+2+2+2+8+9+8+5 = 44;
    # (10 − 44 mod 10) mod 10 = 6.
    assert luhn.calc_check_digit("811218987") == "6"


def test_numbers_are_valid_unique_and_read_back_as_generated():
    factory = IdentityFactory(random.Random(1))
    rng = random.Random(2)
    seen = set()
    for n in range(3000):
        birth = date(1950, 1, 1).fromordinal(date(1950, 1, 1).toordinal() + rng.randrange(0, 27000))
        female = n % 2 == 0
        coordination = n % 7 == 0
        number = factory.new(birth, female, coordination)
        parsed = parse_identity_number(number)
        assert parsed.canonical == number
        assert parsed.birth_date == birth
        assert parsed.is_coordination_number == coordination
        assert parsed.is_female == female
        # samordningsnummer: the day of birth + 60 (days 61–91)
        day = int(number[6:8])
        assert (61 <= day <= 91) if coordination else (1 <= day <= 31)
        seen.add(number)
    assert len(seen) == 3000


def test_same_seed_same_numbers():
    a, b = IdentityFactory(random.Random(5)), IdentityFactory(random.Random(5))
    births = [date(1980, 5, d) for d in range(1, 29)]
    assert [a.new(d, True) for d in births] == [b.new(d, True) for d in births]
