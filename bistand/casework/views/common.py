"""Shared helpers for the views: the signed-in staff member, role checks, partial rendering for htmx."""

from django.shortcuts import render
from django.template.loader import render_to_string

from bistand.casework.access import case_for_print, staff_required  # noqa: F401  (casework's views)


def render_page_or_partial(request, template: str, partial: str, context: dict, status: int = 200):
    """Render only `partial` for an htmx request (it swaps one region), otherwise the whole page."""
    name = partial if request.htmx else template
    return render(request, name, context, status=status)


def render_panels(panels, request) -> list[dict]:
    """Render each extension panel's template with its own context (plus `panel`) into HTML once."""
    return [
        {
            "title": panel.title,
            "slug": f"panel-{index}",
            "html": render_to_string(panel.template, {**panel.context, "panel": panel}, request=request),
        }
        for index, panel in enumerate(panels, start=1)
    ]
