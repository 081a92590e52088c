"""Privacy helpers for statistics and analyst exports: small-cell suppression and pseudonyms.

Why: the data are sekretessbelagda (offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §,
socialtjänstsekretess). A table or an export must not let a reader pick out an individual or a
household. SCB states the principle for official statistics: it must not be possible to identify
an individual, household or company through the statistics (SCB, "Frågor och svar om röjandeskydd
i befolkningsstatistiken", https://www.scb.se/FAQ-CKM).

(a) Small-cell suppression. A count of 1–4 people/households is shown as "–" (and its share with
it). The threshold 5 is a project decision [DERIVED], not a quoted rule: masking small counts is
the usual practice in Swedish and European official statistics ("prickning"), 5 is a common choice
for social statistics, and Socialstyrelsen checks before releasing tables that each combination
holds "ett tillräckligt stort antal" (bestalladata.socialstyrelsen.se, "Exempel på statistik du kan
beställa"). A municipality can choose a higher threshold via the `threshold` arguments. Zero is
shown: an empty cell describes no one. If a row or column with a shown total has exactly one
suppressed cell, the smallest other non-zero cell is suppressed too (secondary suppression) —
otherwise the hidden value is the total minus the others.

(b) Pseudonyms for analyst exports. Identifiers (personnummer, household ids) are replaced by a
keyed hash: HMAC-SHA256 with a secret key, truncated to 16 hex digits (64 bits). Keyed, because a
plain hash of a personnummer can be reversed by hashing all ~10^10 candidates; with HMAC you need
the key. The same identifier gets the same pseudonym within one export key, so rows can be linked
inside an export; a different export key (or a rotated secret) gives unlinkable pseudonyms.
64 bits: among a million pseudonyms the chance that any two collide is about 3 in 100 million.
The secret comes from the environment (`BISTAND_PSEUDONYM_KEY`, at least 32 bytes), never from the
code or the database, and is kept apart from Django's SECRET_KEY so either can be rotated alone.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Mapping
from typing import TypeVar

SUPPRESSION_THRESHOLD = 5  # counts 1..4 are suppressed [DERIVED, see module docstring]
SUPPRESSED = "–"  # en dash, as in Swedish statistical tables

PSEUDONYM_KEY_ENV = "BISTAND_PSEUDONYM_KEY"
MIN_KEY_BYTES = 32
PSEUDONYM_HEX_DIGITS = 16

_PERSONNUMMER_RE = re.compile(r"(\d{8})[-+]?(\d{4})")

K = TypeVar("K")
R = TypeVar("R")
C = TypeVar("C")


# --- (a) small-cell suppression --------------------------------------------------------------------


def is_suppressed(count: int, threshold: int = SUPPRESSION_THRESHOLD) -> bool:
    """True for counts that could point out individuals: 1 <= count < threshold."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return 0 < count < threshold


def format_count(count: int, threshold: int = SUPPRESSION_THRESHOLD) -> str:
    """A count as shown in a table: the number, or "–" when suppressed."""
    return SUPPRESSED if is_suppressed(count, threshold) else str(count)


def share(numerator: int, denominator: int, threshold: int = SUPPRESSION_THRESHOLD) -> float | None:
    """numerator / denominator as a fraction, or None when it would reveal a small group.

    Suppressed when the group itself is small (denominator < threshold), when the counted part is
    small (1..threshold-1), or when the rest is small: "38 of 40 households are long-term" shows
    the 2 others as a group of 2. Exactly 0 % and 100 % of a large enough group are shown, as a
    zero count is.
    """
    if not 0 <= numerator <= denominator:
        raise ValueError("need 0 <= numerator <= denominator")
    if (
        denominator < threshold
        or is_suppressed(numerator, threshold)
        or is_suppressed(denominator - numerator, threshold)
    ):
        return None
    return numerator / denominator


def suppress_cells(
    counts: Mapping[K, int], *, total_shown: bool = True, threshold: int = SUPPRESSION_THRESHOLD
) -> dict[K, int | None]:
    """Suppress the small cells of one row/column (None = shown as "–").

    With `total_shown`, a single suppressed cell could be recovered as total minus the rest, so the
    smallest other non-zero cell is suppressed as well. (For two-way tables apply this per row and
    per column and repeat until nothing changes; `suppress_table` does that.) The total itself is a
    count like any other: pass it through `is_suppressed` / `format_count` too.
    """
    result: dict[K, int | None] = {
        key: None if is_suppressed(count, threshold) else count for key, count in counts.items()
    }
    hidden = [key for key, value in result.items() if value is None]
    if total_shown and len(hidden) == 1:
        candidates = [(count, str(key), key) for key, count in result.items() if count]
        if candidates:
            result[min(candidates)[2]] = None
    return result


def suppress_table(
    table: Mapping[R, Mapping[C, int]], *, threshold: int = SUPPRESSION_THRESHOLD
) -> dict[R, dict[C, int | None]]:
    """Primary plus secondary suppression for a two-way table whose row and column totals are shown."""
    cells: dict[R, dict[C, int | None]] = {row: dict(values) for row, values in table.items()}
    original = {row: dict(values) for row, values in table.items()}
    for row in cells:
        for column, value in cells[row].items():
            if value is not None and is_suppressed(value, threshold):
                cells[row][column] = None
    changed = True
    while changed:
        changed = False
        lines = [[(row, column) for column in cells[row]] for row in cells]
        columns = {column for row in cells for column in cells[row]}
        lines += [[(row, column) for row in cells if column in cells[row]] for column in columns]
        for line in lines:
            hidden = [cell for cell in line if cells[cell[0]][cell[1]] is None]
            shown = [cell for cell in line if cells[cell[0]][cell[1]]]
            if len(hidden) == 1 and shown:
                row, column = min(shown, key=lambda cell: (original[cell[0]][cell[1]], str(cell)))
                cells[row][column] = None
                changed = True
    return cells


# --- (b) pseudonyms --------------------------------------------------------------------------------


def load_pseudonym_key(environ: Mapping[str, str] | None = None) -> bytes:
    """The secret from BISTAND_PSEUDONYM_KEY; refuses a missing or short key instead of a weak default."""
    value = (os.environ if environ is None else environ).get(PSEUDONYM_KEY_ENV, "")
    key = value.encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(
            f"{PSEUDONYM_KEY_ENV} must be set to a secret of at least {MIN_KEY_BYTES} bytes "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
        )
    return key


def normalise_personnummer(value: str) -> str:
    """A 12-digit personnummer/samordningsnummer as "YYYYMMDDNNNN"; check digit verified.

    Only the 12-digit form is accepted (with or without "-"): the century of a 10-digit number
    depends on the date it is read and on "-"/"+", and a pseudonym must not change with the date.
    """
    match = _PERSONNUMMER_RE.fullmatch(value.strip())
    if match is None:
        raise ValueError("expected a 12-digit personnummer, YYYYMMDD-NNNN")
    digits = match.group(1) + match.group(2)
    if not _luhn_ok(digits[2:]):
        raise ValueError("personnummer check digit does not match")
    return digits


def _luhn_ok(ten_digits: str) -> bool:
    """Skatteverket's check digit: Luhn over the 10 digits YYMMDDNNNC."""
    total = 0
    for position, char in enumerate(ten_digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


class Pseudonymiser:
    """Stable pseudonyms for one export: same (kind, identifier) -> same pseudonym under one export key.

    The per-export key is HMAC(secret, "bistand-export-key:" + export_key), so pseudonyms from two
    exports cannot be joined unless they share the export key. `kind` separates namespaces: the
    household id "197001011234" and the person 19700101-1234 get different pseudonyms.
    """

    def __init__(self, secret: bytes, export_key: str, digits: int = PSEUDONYM_HEX_DIGITS) -> None:
        if len(secret) < MIN_KEY_BYTES:
            raise ValueError(f"the secret must be at least {MIN_KEY_BYTES} bytes")
        if not export_key:
            raise ValueError("an export key is required (e.g. the export's name and date)")
        if not 16 <= digits <= 64:
            raise ValueError("digits must be between 16 and 64")
        self._key = hmac.new(
            secret, b"bistand-export-key:" + export_key.encode("utf-8"), hashlib.sha256
        ).digest()
        self._digits = digits

    def pseudonym(self, identifier: str, kind: str = "id") -> str:
        message = f"{kind}\x1f{identifier}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[: self._digits]

    def person(self, personnummer: str) -> str:
        """Pseudonym for a person; "19121212-1212" and "191212121212" give the same one."""
        return self.pseudonym(normalise_personnummer(personnummer), kind="person")

    def household(self, household_id: str | int) -> str:
        return self.pseudonym(str(household_id).strip(), kind="household")
