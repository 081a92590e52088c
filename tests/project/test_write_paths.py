"""Views and admin modules write nothing themselves: every write goes through a service function.

A service writes its audit row in the same transaction as the change, so a view that saved a model
directly could leave a change without its audit row. This test reads the source (ast) of every view and
admin module and fails on a call that writes: `.save()`, `.delete()`, `bulk_create`, `get_or_create`,
`update_or_create`, `bulk_update`, and `.create()` / `.update()` on a manager or queryset. A ModelForm's
`form.save()` counts too. `dict.update(...)` and `super().save(...)` inside a form's own `save` are not
writes by a view.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "bistand"

ALWAYS_WRITES = {"save", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
QUERYSET_WRITES = {"create", "update"}
# Calls on a receiver that make it a manager or a queryset (Model.objects.filter(...).update(...)).
QUERYSET_METHODS = {"filter", "exclude", "all", "select_for_update", "select_related", "prefetch_related"}
# Not domain models: the admin's own "recent actions" history (its text masked for persons).
NOT_DOMAIN = {"LogEntry"}


def view_and_admin_modules() -> list[Path]:
    found = set(ROOT.glob("**/views.py")) | set(ROOT.glob("**/views/*.py"))
    found |= set(ROOT.glob("**/admin.py")) | set(ROOT.glob("**/admin_*.py"))
    return sorted(p for p in found if "migrations" not in p.parts)


def _root(node: ast.expr) -> str:
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return node.id if isinstance(node, ast.Name) else ""


def _is_queryset(node: ast.expr) -> bool:
    """Whether an expression is visibly a manager or a queryset of a domain model: `X.objects`,
    `x.<name>_set`, a queryset method's result."""
    if _root(node) in NOT_DOMAIN:
        return False
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr == "objects" or node.attr.endswith("_set"):
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr in QUERYSET_METHODS:
                return True
            node = node.func
        else:
            return False


def _is_super_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


def writes_in(source: str) -> list[tuple[int, str]]:
    """(line, call) for each write call in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, receiver = node.func.attr, node.func.value
        if (
            name in ALWAYS_WRITES
            and not _is_super_call(receiver)
            or name in QUERYSET_WRITES
            and _is_queryset(receiver)
        ):
            found.append((node.lineno, f".{name}("))
    return found


def test_the_check_finds_every_kind_of_direct_write():
    source = (
        "def view(request, form, reminder, case):\n"
        "    form.save()\n"  # a ModelForm
        "    reminder.save(update_fields=['done_at'])\n"
        "    Reminder.objects.create(case=case)\n"
        "    Reminder.objects.filter(case=case).update(done_at=None)\n"
        "    case.reminders_set.create(text='x')\n"
        "    Rating.objects.bulk_create([])\n"
        "    Rating.objects.get_or_create(pk=1)\n"
        "    case.delete()\n"
    )
    assert [line for line, _ in writes_in(source)] == [2, 3, 4, 5, 6, 7, 8, 9]


def test_the_check_leaves_dictionaries_and_reads_alone():
    source = (
        "def view(request, case):\n"
        "    context = {}\n"
        "    context.update(case=case)\n"
        "    initial = dict(a=1)\n"
        "    initial.update({'b': 2})\n"
        "    Reminder.objects.filter(case=case).count()\n"
        "class Form:\n"
        "    def save(self, commit=True):\n"
        "        return super().save(commit=False)\n"
    )
    assert writes_in(source) == []


def test_views_and_admin_modules_write_only_through_services():
    modules = view_and_admin_modules()
    assert len(modules) > 20  # the glob found the views (a renamed folder must not empty the check)
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line} {call}"
        for path in modules
        for line, call in writes_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "Views write through a service function with its audit row:\n" + "\n".join(
        offenders
    )
