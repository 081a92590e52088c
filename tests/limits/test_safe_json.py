"""The safe JSON loader: each limit at its edge, and the bracket scan never fooled by strings."""

from decimal import Decimal

import pytest

from bistand.rules import safe_json
from bistand.rules.safe_json import InputRefused, loads, nesting_depth


def code_of(data) -> str:
    with pytest.raises(InputRefused) as caught:
        loads(data)
    return caught.value.code


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [{"b": [1]}]}', 4),
        ('["[[[[", "{{{{"]', 1),  # brackets inside strings do not count
        ('["\\"[[[", "x"]', 1),  # an escaped quote does not end the string
        ('["\\\\", [[1]]]', 3),  # an escaped backslash does: the string is "\\"
        ('["unterminated [[[[', 1),  # the rest of an unterminated string is string
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(text) == depth


def test_depth_limit_is_inclusive():
    assert loads("[" * safe_json.MAX_DEPTH + "]" * safe_json.MAX_DEPTH) is not None
    assert code_of("[" * (safe_json.MAX_DEPTH + 1) + "]" * (safe_json.MAX_DEPTH + 1)) == "nesting_too_deep"


def test_numbers_are_checked_as_text_before_conversion():
    assert loads("1" * 30) == int("1" * 30)  # 30 characters is the limit
    assert code_of("1" * 31) == "number_too_long"
    assert code_of("-" + "1" * 30) == "number_too_long"  # the sign counts
    assert loads("7200.50") == Decimal("7200.50")  # money is never a float
    assert isinstance(loads("7200.0"), Decimal)
    assert loads("1e30") == Decimal("1e30")
    assert code_of("1e31") == "number_out_of_range"
    assert code_of("1e-31") == "number_out_of_range"
    assert code_of("NaN") == code_of("Infinity") == code_of("-Infinity") == "non_finite_number"


def test_size_encoding_and_syntax():
    limit = safe_json.MAX_BYTES
    assert loads(b'"' + b"x" * (limit - 2) + b'"') == "x" * (limit - 2)  # exactly 1 MiB
    assert code_of(b'"' + b"x" * (limit - 1) + b'"') == "body_too_large"
    assert code_of('"' + "å" * (limit // 2) + '"') == "body_too_large"  # counted in UTF-8 bytes
    assert code_of(b'{"a": "\xe5"}') == "invalid_encoding"
    assert loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # a byte-order mark is allowed
    assert code_of("{not json") == "malformed_json"


def test_messages_are_swedish_and_name_the_limit():
    with pytest.raises(InputRefused) as caught:
        loads(b"x" * (safe_json.MAX_BYTES + 1))
    assert caught.value.errors == [
        {
            "code": "body_too_large",
            "message": "Begäran är för stor. Den får vara högst 1 048 576 byte.",
            "field": "",
        }
    ]
