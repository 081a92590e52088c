"""Swedish names of need items and declared kinds.

Kind names come from the calculation contract (bistand/rules/parameters/kinds.toml, read through
bistand.rules.params.kinds()); an unknown kind is shown as its code rather than failing, so an old
application with a retired kind can still be displayed.
"""

from __future__ import annotations

NORM_KIND = "norm"
NORM_LABEL = "Riksnormen (livsmedel, kläder, fritid, hygien, telefon m.m.)"

CATEGORY_LABELS = {
    "cost": "Kostnad",
    "income": "Inkomst",
    "extra_need": "Livsföring i övrigt",
    "norm": "Riksnorm",
}


def _kind_names() -> dict[str, dict[str, str]]:
    try:
        from bistand.rules.params import kinds
    except ImportError:  # pragma: no cover - the rules package is part of the project
        return {}
    table = kinds()
    return {
        "cost": dict(table.costs),
        "extra_need": dict(table.extra_needs),
        "income": {name: spec.label for name, spec in table.incomes.items()},
    }


def kind_label(category: str, kind: str) -> str:
    if category == NORM_KIND or kind == NORM_KIND:
        return NORM_LABEL
    return _kind_names().get(category, {}).get(kind, kind)
