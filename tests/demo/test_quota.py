"""Largest-remainder quotas, worked by hand."""

import pytest

from bistand.demo.quota import largest_remainder


@pytest.mark.parametrize(
    ("total", "shares", "expected"),
    [
        # Malmö's table on 1 000 registrations divides exactly: 290, 230, 215, 135, 90, 40.
        (1000, [29, 23, 21.5, 13.5, 9, 4], [290, 230, 215, 135, 90, 40]),
        # 7 × 1/3 = 2.33 each: integer parts 2+2+2 = 6, the one left goes to the first (ties: earlier share).
        (7, [1, 1, 1], [3, 2, 2]),
        # 10 × (29, 23, 21.5, 13.5, 9, 4)/100 = 2.9, 2.3, 2.15, 1.35, 0.9, 0.4 → parts 2,2,2,1,0,0 (7);
        # the 3 left go to the largest remainders 0.9 (index 0), 0.9 (index 4), 0.4 (index 5).
        (10, [29, 23, 21.5, 13.5, 9, 4], [3, 2, 2, 1, 1, 1]),
        (0, [1, 2], [0, 0]),
    ],
)
def test_largest_remainder(total, shares, expected):
    assert largest_remainder(total, shares) == expected
    assert sum(largest_remainder(total, shares)) == total
