"""When the next follow-up of an action plan is due (pure Python, no Django).

Why: an action plan (genomförandeplan) shall be followed up at least every third month — Malmö's budget
2014 ("ska följas upp minst en gång var tredje månad", Malmö stad 2014) and Kolada U31514 ("följts upp minst var
tredje månad"). So the next follow-up is due three calendar months after the plan was
agreed or after its latest follow-up, whichever is later.
"""

from __future__ import annotations

from datetime import date

from bistand.rules.months import add_months

FOLLOW_UP_INTERVAL_MONTHS = 3


def latest_allowed_follow_up(last: date) -> date:
    """The latest date the next follow-up may be set to, counted from the plan date or the last follow-up."""
    return add_months(last, FOLLOW_UP_INTERVAL_MONTHS)


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and due < today


def days_until(due: date, today: date) -> int:
    return (due - today).days
