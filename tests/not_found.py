"""Helpers for "a forbidden case answers exactly like a missing one" (404 for both)."""

import re

from django.db.models import Max

from bistand.cases.models import Case

# The CSRF token is masked differently in every response; nothing else may differ.
_TOKENS = re.compile(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*"')


def page_text(response) -> str:
    return _TOKENS.sub(r'\1…"', response.content.decode())


def missing_case_id() -> int:
    return (Case.objects.aggregate(top=Max("pk"))["top"] or 0) + 1000


def with_missing_case(url: str, case_id: int) -> str:
    """The same URL with the case id swapped for one that does not exist."""
    marker = f"/arenden/{case_id}/"
    assert marker in url, url
    return url.replace(marker, f"/arenden/{missing_case_id()}/")
