"""Which months each household received assistance: 36 months ending with the as-of month.

The demo imitates Malmö 2012 (Malmö stad 2014): of the households that received assistance during the last
full calendar year, 42 % did so for 10–12 months of it (long-term) and 33 % for at least 27 of 36
months with no break longer than two months (very long-term; definitions of Socialstyrelsen 2013a and
bistand.statistics.durations). To hit those shares in a city of any size, each household is given a
course by quota (see quota.py) and its months are drawn from a recipe for that course; a draw that does
not classify as intended is drawn again. The as-of month itself is the current month: households may
have an application waiting for it, but nothing is paid for it yet.

Window indexes run 0..35; index 35 is the as-of month.
"""

import random
from dataclasses import dataclass, field

from bistand.demo.quota import largest_remainder

WINDOW = 36
CURRENT = WINDOW - 1

LONG_TERM_SHARE = 0.42  # Malmö stad 2014: Malmö 2012, långvarigt bistånd
VERY_LONG_TERM_SHARE = 0.33  # Malmö stad 2014: Malmö 2012, mycket långvarigt bistånd
# Households outside last year's recipients: those who left before it, and newcomers after it.
LEFT_BEFORE_SHARE = 0.10
NEW_AFTER_SHARE = 0.10


@dataclass
class History:
    course: str
    months: list[bool]  # assistance paid for window months 0..34 (index 35, the current month, never)
    current: bool = False  # an application waits for the as-of month
    started_before: bool = False  # assistance began before the window (an older case)
    rejected: list[int] = field(default_factory=list)  # months with an application that was refused
    _paid: list[int] | None = field(default=None, repr=False, compare=False)
    typed: tuple | None = field(default=None, repr=False, compare=False)  # engine Months (requests.py)

    @property
    def assistance_months(self) -> list[int]:
        # Cached: the months are final once the history is drawn.
        if self._paid is None:
            self._paid = [i for i, paid in enumerate(self.months) if paid]
        return self._paid


@dataclass
class Episode:
    """One case: a run of activity with no pause of three months or more."""

    first: int  # first month with an application (window index)
    last: int  # last month with an application or the current one
    started_before: bool
    closed_month: int | None  # month in which the case was closed, None if still open


def months_in_year(months: list[bool], year_start: int) -> int:
    return sum(months[max(0, year_start) : year_start + 12])


def is_very_long_term(months: list[bool]) -> bool:
    """At least 27 of the 36 months, and no break of more than two months between months with help."""
    paid = [i for i, v in enumerate(months) if v]
    return len(paid) >= 27 and all(b - a - 1 <= 2 for a, b in zip(paid, paid[1:], strict=False))


def course_counts(total: int) -> dict[str, int]:
    recipients = 1 - LEFT_BEFORE_SHARE - NEW_AFTER_SHARE
    shares = {
        "very_long": recipients * VERY_LONG_TERM_SHARE,
        "long": recipients * (LONG_TERM_SHARE - VERY_LONG_TERM_SHARE),
        "short": recipients * (1 - LONG_TERM_SHARE),
        "left_before": LEFT_BEFORE_SHARE,
        "new_after": NEW_AFTER_SHARE,
    }
    return dict(zip(shares, largest_remainder(total, list(shares.values())), strict=True))


class HistoryFactory:
    """`year_start` is the window index of January in the last full calendar year."""

    def __init__(self, rng: random.Random, year_start: int):
        self.rng = rng
        self.y0 = year_start
        self.y1 = year_start + 11

    def courses(self, total: int) -> list[str]:
        courses = [c for c, n in course_counts(total).items() for _ in range(n)]
        self.rng.shuffle(courses)
        return courses

    def history(self, course: str) -> History:
        recipe = getattr(self, f"_{course}")
        for _ in range(200):
            months, started_before = recipe()
            if self._fits(course, months):
                history = History(course, months, started_before=started_before)
                self._finish(history)
                return history
        raise RuntimeError(f"no history found for course {course}")

    def _fits(self, course: str, months: list[bool]) -> bool:
        if not any(months):
            return course == "new_after"
        in_year = months_in_year(months, self.y0)
        very = is_very_long_term(months)
        return {
            "very_long": very and in_year >= 10,
            "long": in_year >= 10 and not very,
            "short": 1 <= in_year <= 9,
            "left_before": in_year == 0 and not any(months[self.y1 + 1 :]),
            "new_after": in_year == 0 and not any(months[: self.y0]),
        }[course]

    # --- recipes: each returns (months, started_before) ------------------------------------------

    def _span(self, start: int, end: int) -> list[bool]:
        months = [False] * CURRENT
        for i in range(max(0, start), min(end, CURRENT - 1) + 1):
            months[i] = True
        return months

    def _gaps(self, months: list[bool], count: int, longest: int = 2) -> None:
        """Punch `count` short pauses (1..longest months) inside the paid span."""
        paid = [i for i, v in enumerate(months) if v]
        if len(paid) < 6:
            return
        for _ in range(count):
            at = self.rng.randint(paid[0] + 1, paid[-1] - 2)
            for i in range(at, at + self.rng.randint(1, longest)):
                if i < paid[-1]:
                    months[i] = False

    def _spell(self) -> int:
        return 1 + int(self.rng.expovariate(1 / 4))

    def _very_long(self):
        rng = self.rng
        start = 0 if rng.random() < 0.8 else rng.randint(1, 6)
        end = CURRENT - 1 if rng.random() < 0.9 else rng.randint(start + 27, CURRENT - 2)
        months = self._span(start, end)
        self._gaps(months, rng.choice((0, 0, 0, 1, 1, 2)))
        return months, start == 0

    def _long(self):
        rng, y0, y1 = self.rng, self.y0, self.y1
        recipe = rng.random()
        if recipe < 0.5:  # began shortly before or at the start of last year
            start = rng.randint(y0 - 3, y0)
            end = CURRENT - 1 if rng.random() < 0.6 else rng.randint(y1, CURRENT - 2)
            months = self._span(start, end)
        elif recipe < 0.8:  # long history with a pause of three to six months outside last year
            months = self._span(0, CURRENT - 1 if rng.random() < 0.7 else rng.randint(y1 + 2, CURRENT - 2))
            pause = rng.randint(3, 6)
            at = rng.choice(
                (rng.randint(1, max(1, y0 - pause - 1)), rng.randint(y1 + 1, CURRENT - pause - 1))
            )
            for i in range(at, at + pause):
                months[i] = False
        else:  # long history that ended around the turn of the year
            months = self._span(0, rng.randint(y1 - 1, y1 + 1))
        self._gaps(months, rng.choice((0, 0, 1)))
        return months, months[0]

    def _short(self):
        rng, y0, y1 = self.rng, self.y0, self.y1
        recipe = rng.random()
        if recipe < 0.35:  # came during last year and may still be here
            start = rng.randint(y0 + 3, y1)
            end = CURRENT - 1 if rng.random() < 0.55 else start + self._spell()
            months = self._span(start, end)
            started_before = False
        elif recipe < 0.8:  # one or more short spells
            start = rng.randint(y0 - 2, y1)
            months = self._span(start, start + min(self._spell(), 9) - 1)
            if rng.random() < 0.5:  # an earlier spell
                first = rng.randint(0, max(0, start - 4))
                for i in range(first, min(start - 3, first + self._spell())):
                    months[i] = True
            if rng.random() < 0.4:  # came back later
                back = start + rng.randint(4, 12) + 9
                end = CURRENT - 1 if rng.random() < 0.5 else back + self._spell()
                for i in range(back, min(end, CURRENT - 1) + 1):
                    months[i] = True
            started_before = months[0] and rng.random() < 0.5
        else:  # a long spell that ended early last year
            start = rng.randint(0, y0 - 1)
            months = self._span(start, rng.randint(y0, y0 + 8))
            started_before = start == 0 and rng.random() < 0.6
        self._gaps(months, rng.choice((0, 0, 0, 1)))
        return months, started_before

    def _left_before(self):
        rng = self.rng
        end = rng.randint(0, self.y0 - 2)
        start = 0 if rng.random() < 0.5 else max(0, end - self._spell() - rng.randint(0, 9))
        return self._span(start, end), start == 0 and rng.random() < 0.7

    def _new_after(self):
        rng = self.rng
        if rng.random() < 0.25:
            return [False] * CURRENT, False  # only a first application this month
        start = rng.randint(self.y1 + 1, CURRENT - 1)
        end = CURRENT - 1 if rng.random() < 0.5 else start + self._spell()
        return self._span(start, end), False

    # --- the current month and refused applications -------------------------------------------

    def _finish(self, h: History) -> None:
        rng = self.rng
        paid = h.assistance_months
        if not paid:
            h.current = True  # a brand-new household: its first application waits
        elif paid[-1] == CURRENT - 1:
            h.current = rng.random() < 0.93
        elif paid[-1] == CURRENT - 2:
            h.current = rng.random() < 0.25
        elif paid[-1] <= CURRENT - 4:
            h.current = rng.random() < 0.015  # comes back after a pause: a new case
        for a, b in zip(paid, paid[1:], strict=False):
            if 1 <= b - a - 1 <= 2 and rng.random() < 0.3:
                h.rejected.append(rng.randint(a + 1, b - 1))


def episodes(h: History) -> list[Episode]:
    """Split a history into cases: a pause of three months or more closes the case.

    A case is closed two months after its last application (the usual practice when no new application
    comes in); the last case stays open while an application waits or its last one is recent.
    """
    active = sorted(set(h.assistance_months) | set(h.rejected) | ({CURRENT} if h.current else set()))
    result: list[Episode] = []
    for month in active:
        if result and month - result[-1].last <= 3:
            result[-1].last = month
        else:
            result.append(Episode(month, month, h.started_before and month == 0, None))
    for ep in result:
        if ep.last + 2 <= CURRENT - 1:
            ep.closed_month = ep.last + 2
    return result
