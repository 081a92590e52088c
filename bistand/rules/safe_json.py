"""Reading untrusted JSON at a bounded cost: the one loader of the command and the API.

Python's json module happily parses what is expensive to use afterwards: `1e1000000` becomes a number
whose comparison or conversion takes seconds of CPU, an integer literal of thousands of digits makes
int() refuse (or, below the interpreter's limit, makes arithmetic slow), NaN and Infinity are not JSON at
all, and 1 000 nested brackets exhaust the recursion limit. So, in this order and before any conversion:

1. the size of the document is checked (MAX_BYTES);
2. the bytes must be UTF-8 (code invalid_encoding — not a missing file, not malformed JSON);
3. the nesting depth is counted by a linear scan of the brackets outside strings (MAX_DEPTH);
4. every number literal is checked as text by the parser's hooks (MAX_NUMBER_CHARS digits and signs,
   an exponent within ±MAX_EXPONENT, no NaN/Infinity) and only then converted — decimals to Decimal,
   so money is never a float.

Every refusal is a CalculationError (subclass InputRefused) with a stable English code and a Swedish
message, the same body as every other error of the calculation contract. No Django here.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from itertools import accumulate
from typing import Any, BinaryIO, NoReturn

from bistand.rules.errors import CalculationError, error

MAX_BYTES = 1_048_576  # 1 MiB; a calculation request of a large household is about 2 KiB
MAX_DEPTH = 32  # a calculation request nests 3 levels (object → list → object)
MAX_NUMBER_CHARS = 30  # characters of one number literal, sign and exponent included
MAX_EXPONENT = 30  # |exponent| of a number in scientific notation (1e30); kronor amounts need 7 digits

# A string literal, also an unterminated one (it runs to the end), so that no quote is scanned twice
# and the scan stays linear whatever the input; possessive, so the engine never backtracks.
_STRING = re.compile(r'"(?:[^"\\]|\\.?)*+(?:"|\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class InputRefused(CalculationError):
    """The document was refused before or while parsing; `.code` is the code of its single error."""

    @property
    def code(self) -> str:
        return self.items[0].code


def refuse(code: str, **details: Any) -> InputRefused:
    """One refusal; a byte limit is written with Swedish digit grouping (1 048 576)."""
    if code == "body_too_large":
        details["limit"] = f"{details['limit']:,}".replace(",", " ")
    return InputRefused([error(code, "", **details)])


def read_limited(stream: BinaryIO, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a binary stream, but never more than max_bytes + 1 bytes into memory."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise refuse("body_too_large", limit=max_bytes)
    return data


def nesting_depth(text: str) -> int:
    """The deepest nesting of [ and { outside string literals, counted in linear time without recursion."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _preview(literal: str) -> str:
    return literal if len(literal) <= 20 else literal[:20] + "…"


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise refuse("number_too_long", number=_preview(literal), limit=MAX_NUMBER_CHARS)
    return int(literal)


def _parse_float(literal: str) -> Decimal:
    if len(literal) > MAX_NUMBER_CHARS:
        raise refuse("number_too_long", number=_preview(literal), limit=MAX_NUMBER_CHARS)
    value = Decimal(literal)  # cheap for 30 characters; the exponent is checked before any arithmetic
    if not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        raise refuse("number_out_of_range", number=literal, limit=MAX_EXPONENT)
    return value


def _parse_constant(name: str) -> NoReturn:
    raise refuse("non_finite_number", number=name)


def loads(data: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse one JSON document from untrusted bytes (or text) or raise InputRefused.

    Codes: body_too_large, invalid_encoding, malformed_json, nesting_too_deep, number_too_long,
    number_out_of_range, non_finite_number. Decimals become Decimal, integers int.
    """
    if isinstance(data, str):
        # at most 4 bytes a character in UTF-8: the text is encoded only when it could be too large
        if len(data) * 4 > max_bytes and len(data.encode("utf-8", "surrogatepass")) > max_bytes:
            raise refuse("body_too_large", limit=max_bytes)
        text = data
    else:
        if len(data) > max_bytes:
            raise refuse("body_too_large", limit=max_bytes)
        try:
            text = bytes(data).decode("utf-8-sig")  # a leading byte-order mark is allowed (RFC 8259 §8.1)
        except UnicodeDecodeError as exc:
            raise refuse("invalid_encoding", position=exc.start) from None
    if nesting_depth(text) > max_depth:
        raise refuse("nesting_too_deep", limit=max_depth)
    try:
        return json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant
        )
    except json.JSONDecodeError as exc:
        raise refuse("malformed_json", detail=f"fel vid rad {exc.lineno}, kolumn {exc.colno}") from None
    except RecursionError:  # unreachable after the depth check; kept so no traceback can ever escape
        raise refuse("nesting_too_deep", limit=max_depth) from None
