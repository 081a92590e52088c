"""Largest-remainder quotas: split a count over shares so the parts add up exactly.

Drawing each household's or person's category at random gives shares that wander by a few
percentage points in a city of a few thousand; assigning by quota makes the demo's shares match the
sources they imitate to within one unit, and is still deterministic.
"""


def largest_remainder(total: int, shares: list[float]) -> list[int]:
    """Integer parts of `total` proportional to `shares`, summing to `total` (Hamilton's method).

    Ties in the remainders go to the earlier share, so the result never depends on set or dict order.
    """
    weight = sum(shares)
    exact = [total * s / weight for s in shares]
    parts = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts
