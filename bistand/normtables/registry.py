"""Hands the newest version of every year entered in the database to the rules (bistand.rules.params).

The rules package stays free of Django: it reads its files and accepts a `Supplement` of parsed tables
that override or extend them per year. `sync()` is cheap when nothing changed (one aggregate query), so
the middleware calls it on every request and each process picks up a table another process entered.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Max

from bistand.normtables.models import TableKind, TableVersion
from bistand.rules import params

_loaded: tuple | None = None


def _state() -> tuple:
    agg = TableVersion.objects.aggregate(n=Count("id"), last=Max("id"), at=Max("created_at"))
    return agg["n"], agg["last"], agg["at"]


def build(versions) -> params.Supplement:
    """The newest version per kind and year, parsed into the rules' dataclasses."""
    newest: dict[tuple[str, int], TableVersion] = {}
    for version in sorted(versions, key=lambda v: (v.kind, v.year, v.version)):
        newest[(version.kind, version.year)] = version
    norm, amounts = {}, {}
    for (kind, year), version in newest.items():
        if kind == TableKind.RIKSNORM:
            raw = {**version.data}
            raw["source"] = [{**s, "from": date.fromisoformat(s["from"])} for s in raw["source"]]
            norm[year] = params.parse_norm_table(raw, version.version_id)
        else:
            amounts[year] = params.parse_price_base_amount(version.data, version.version_id)
    last = max((v.pk for v in newest.values()), default=0)
    return params.Supplement(norm, amounts, f"tabeller-{last}" if newest else "")


def sync(force: bool = False) -> None:
    """Install the database's tables into the rules if they changed since the last call."""
    global _loaded
    state = _state()
    if state == _loaded and not force:
        return
    params.supply(build(TableVersion.objects.all()) if state[0] else None)
    _loaded = state


def reset() -> None:
    """Back to the files only (tests)."""
    global _loaded
    _loaded = None
    params.supply(None)
