"""Sensible windows for the months and dates a caseworker types, so a slip of the keyboard (1990 for 2026,
2099 for 2026) is refused with a clear Swedish message instead of becoming a permanent record.

Plain Python, no Django: the web forms and the JSON API use the same rules.

- An application is for the month it is handed in, or close to it: ekonomiskt bistånd is for a current
  need (SoL 4 kap. 1 §) and is as a rule not given for past months, while a household may apply ahead for
  the next month. The window is from MONTHS_BACK months before today's month to MONTHS_AHEAD months after.
- Dates in a case (journal notes, meetings, plans, follow-ups, reminders) cannot lie before the case was
  opened (aktualiserat), and not more than DAYS_AHEAD days ahead of today.
"""

from __future__ import annotations

from datetime import date, timedelta

from bistand.rules.formatting import long_date, month_name
from bistand.rules.months import add_months

MONTHS_BACK = 3
MONTHS_AHEAD = 2
DAYS_AHEAD = 366

MONTH_OUT_OF_WINDOW = "month_out_of_window"  # the API's stable error code


def month_window(today: date) -> tuple[date, date]:
    """(earliest, latest) first days of the months an application may be for."""
    first = today.replace(day=1)
    return add_months(first, -MONTHS_BACK), add_months(first, MONTHS_AHEAD)


def month_problem(month: date, today: date) -> str | None:
    """Why an application cannot be for `month`, in Swedish; None when the month is within the window."""
    earliest, latest = month_window(today)
    month = month.replace(day=1)
    if earliest <= month <= latest:
        return None
    where = "för långt tillbaka" if month < earliest else "för långt fram i tiden"
    return (
        f"{month_name(month).capitalize()} ligger {where}. En ansökan kan avse en månad från "
        f"{month_name(earliest)} till {month_name(latest)}. Kontrollera år och månad."
    )


def latest_day(today: date) -> date:
    return today + timedelta(days=DAYS_AHEAD)


def case_date_problem(day: date, *, opened_on: date | None, today: date) -> str | None:
    """Why `day` cannot be a date in a case opened on `opened_on`, in Swedish; None when it can."""
    if opened_on is not None and day < opened_on:
        return (
            f"Datumet {long_date(day)} ligger före {long_date(opened_on)}, då ärendet aktualiserades. "
            "Kontrollera datumet."
        )
    if day > latest_day(today):
        return f"Datumet {long_date(day)} ligger mer än ett år fram i tiden. Kontrollera året."
    return None
