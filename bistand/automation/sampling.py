"""Which automatable applications go to a person anyway: a seeded, reproducible random share (no Django).

The draw depends only on the unit's seed, the month and the application id, so rerunning the month
gives the same sample, and anyone with the seed can check it. The share is set per unit in whole percent.
"""

from __future__ import annotations

import hashlib
from datetime import date


def draw(seed: str, month: date, application_id: int) -> float:
    """A number in [0, 1) fixed by seed, month and application."""
    digest = hashlib.sha256(f"{seed}:{month:%Y-%m}:{application_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def is_sampled(seed: str, month: date, application_id: int, percent: int) -> bool:
    return draw(seed, month, application_id) < percent / 100
