"""Small-cell suppression and pseudonyms (bistand.statistics.privacy)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bistand.statistics.privacy import (
    SUPPRESSED,
    SUPPRESSION_THRESHOLD,
    Pseudonymiser,
    format_count,
    is_suppressed,
    load_pseudonym_key,
    normalise_personnummer,
    share,
    suppress_cells,
    suppress_table,
)

SECRET = b"s" * 32


@pytest.mark.parametrize(
    ("count", "hidden"),
    [(0, False), (1, True), (4, True), (5, False), (120, False)],
)
def test_counts_1_to_4_are_suppressed_and_zero_is_shown(count, hidden):
    assert SUPPRESSION_THRESHOLD == 5
    assert is_suppressed(count) is hidden
    assert format_count(count) == (SUPPRESSED if hidden else str(count))


def test_threshold_can_be_raised():
    # A municipality choosing 10: 9 is hidden, 10 is shown.
    assert is_suppressed(9, threshold=10) and not is_suppressed(10, threshold=10)


def test_negative_count_is_an_error():
    with pytest.raises(ValueError):
        is_suppressed(-1)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (5, 10, 0.5),  # both parts 5 -> shown
        (3, 10, None),  # counted part 3 < 5
        (10, 12, None),  # the rest is 12 - 10 = 2 < 5
        (0, 10, 0.0),  # none of 10: a zero describes no one
        (10, 10, 1.0),  # all of 10: rest 0
        (4, 4, None),  # group of 4 < 5
        (0, 0, None),  # empty group: nothing to divide, and no division by zero
        (25, 100, 0.25),
    ],
)
def test_share(numerator, denominator, expected):
    assert share(numerator, denominator) == expected


def test_share_rejects_impossible_counts():
    with pytest.raises(ValueError):
        share(11, 10)


def test_one_hidden_cell_with_a_shown_total_hides_the_next_smallest():
    # Total 3 + 10 + 7 + 0 = 20 is shown. With only A hidden, A = 20 - 10 - 7 - 0 = 3, so the smallest
    # other non-zero cell (C, 7) is hidden too. D = 0 stays (zero is shown).
    cells = {"A": 3, "B": 10, "C": 7, "D": 0}
    assert suppress_cells(cells) == {"A": None, "B": 10, "C": None, "D": 0}
    # Without a shown total nothing can be subtracted: only the small cell goes.
    assert suppress_cells(cells, total_shown=False) == {"A": None, "B": 10, "C": 7, "D": 0}


def test_two_small_cells_protect_each_other():
    # A and B hidden; total - C = 5 = A + B, and each could still be anything from 1 to 4.
    assert suppress_cells({"A": 2, "B": 3, "C": 9}) == {"A": None, "B": None, "C": 9}


def test_two_way_table_secondary_suppression():
    # r1.a = 2 is hidden. Row r1 then has one hidden cell -> its smallest other (r1.b = 10) goes.
    # Column a has one hidden cell -> r2.a = 8 goes; column b has one -> r2.b = 9 goes.
    # Now every row and column has 0 or 2 hidden cells, so nothing can be recovered.
    table = {"r1": {"a": 2, "b": 10, "c": 12}, "r2": {"a": 8, "b": 9, "c": 15}}
    assert suppress_table(table) == {
        "r1": {"a": None, "b": None, "c": 12},
        "r2": {"a": None, "b": None, "c": 15},
    }


def test_two_way_table_without_small_cells_is_unchanged():
    table = {"r1": {"a": 5, "b": 0}, "r2": {"a": 6, "b": 7}}
    assert suppress_table(table) == table


# --- pseudonyms ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("19121212-1212", "191212121212"),  # Skatteverket's test number: Luhn over 1212121212 = 20
        ("191212121212", "191212121212"),
        (" 19121212-1212 ", "191212121212"),
        # Samordningsnummer (day + 60): Luhn over 7010632391 = 5+0+2+0+3+3+4+3+9+1 = 30.
        ("19701063-2391", "197010632391"),
    ],
)
def test_personnummer_is_normalised_to_12_digits(given, normal):
    assert normalise_personnummer(given) == normal


@pytest.mark.parametrize(
    "bad",
    [
        "121212-1212",  # 10 digits: the century would depend on today's date
        "19121212-1213",  # check digit: Luhn sum 21, not a multiple of 10
        "1912121-21212",
        "abc",
    ],
)
def test_bad_personnummer_is_refused(bad):
    with pytest.raises(ValueError):
        normalise_personnummer(bad)


def test_pseudonym_is_keyed_hmac_sha256_truncated_to_16_hex_digits():
    # The construction, written out: export key = HMAC(secret, "bistand-export-key:" + name);
    # pseudonym = first 16 hex digits of HMAC(export key, kind + US + identifier).
    export = hmac.new(SECRET, b"bistand-export-key:uppfoljning-2025", hashlib.sha256).digest()
    expected = hmac.new(export, b"person\x1f191212121212", hashlib.sha256).hexdigest()[:16]
    pseudonymiser = Pseudonymiser(SECRET, "uppfoljning-2025")
    assert pseudonymiser.person("19121212-1212") == expected
    assert len(expected) == 16 and int(expected, 16) >= 0


def test_pseudonyms_are_stable_within_an_export_and_unlinkable_across_exports():
    first = Pseudonymiser(SECRET, "export-A")
    again = Pseudonymiser(SECRET, "export-A")
    other = Pseudonymiser(SECRET, "export-B")
    assert first.person("19121212-1212") == again.person("191212121212")  # same person, other spelling
    assert first.person("19121212-1212") != other.person("19121212-1212")
    assert first.household(42) == first.household("42") == again.household(" 42 ")
    assert first.household(42) != first.household(43)


def test_person_and_household_namespaces_differ():
    pseudonymiser = Pseudonymiser(SECRET, "export-A")
    assert pseudonymiser.person("19121212-1212") != pseudonymiser.household("191212121212")


def test_a_different_secret_gives_different_pseudonyms():
    assert Pseudonymiser(SECRET, "x").household(1) != Pseudonymiser(b"t" * 32, "x").household(1)


@pytest.mark.parametrize(
    ("secret", "export_key", "digits"),
    [(b"short", "x", 16), (SECRET, "", 16), (SECRET, "x", 8), (SECRET, "x", 65)],
)
def test_weak_settings_are_refused(secret, export_key, digits):
    with pytest.raises(ValueError):
        Pseudonymiser(secret, export_key, digits)


def test_key_comes_from_the_environment():
    assert load_pseudonym_key({"BISTAND_PSEUDONYM_KEY": "k" * 40}) == b"k" * 40
    with pytest.raises(ValueError):
        load_pseudonym_key({})
    with pytest.raises(ValueError):
        load_pseudonym_key({"BISTAND_PSEUDONYM_KEY": "too-short"})
