from django import template

register = template.Library()


@register.filter
def when(value) -> str:
    """An ISO date or date-time from the extract data -> '2026-06-16' or '2026-06-16 12:00'."""
    if not value:
        return ""
    return str(value)[:16].replace("T", " ")
