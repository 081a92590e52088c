"""Form helpers that apply the date windows (bistand.casework.windows) to Django forms."""

from django import forms
from django.utils import timezone

from bistand.casework import windows


def today():
    """Today's date for the windows; one function, so a test can fix the day the rules are applied on."""
    return timezone.localdate()


def check_case_dates(form: forms.Form, case, *fields: str) -> None:
    """Add a Swedish error to each of `fields` whose date lies before the case opened or too far ahead.

    Call from a form's clean(); a form without a case (None) is only checked for dates too far ahead.
    """
    day_today = today()
    opened_on = getattr(case, "opened_on", None)
    for name in fields:
        day = form.cleaned_data.get(name)
        if day is None or name in form.errors:
            continue
        problem = windows.case_date_problem(day, opened_on=opened_on, today=day_today)
        if problem:
            form.add_error(name, problem)


def check_month(form: forms.Form, name: str = "month") -> None:
    """Add a Swedish error when the application month in `name` is outside the window."""
    month = form.cleaned_data.get(name)
    if month is None:
        return
    problem = windows.month_problem(month, today())
    if problem:
        form.add_error(name, problem)
