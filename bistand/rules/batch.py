"""The batch path: totals for many households, with the same rules and parameters as the scalar path.

`calculate_many` runs engine.totals — the step functions of `compute` with the explanation lines
switched off — over typed requests. Month-level look-ups (riksnorm table, sources, prisbasbelopp,
jobbstimulans rule, municipal caps) are cached per month, so nothing is re-read or re-parsed per
household. With `workers` > 1 the list is split between forked worker processes (POSIX only), which
inherit the requests instead of receiving copies; each returns its slice's totals.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Sequence

from bistand.rules.engine import totals
from bistand.rules.errors import CalculationError, ErrorItem
from bistand.rules.request import CalculationRequest
from bistand.rules.result import Totals

MIN_PER_WORKER = 1_000  # below this a process costs more than it saves
_shared: Sequence[CalculationRequest] = ()  # the batch being calculated, inherited by forked workers


def _slice(bounds: tuple[int, int]) -> list[Totals]:
    start, stop = bounds
    results = []
    append = results.append
    for position in range(start, stop):
        try:
            append(totals(_shared[position]))
        except CalculationError as exc:
            items = [
                ErrorItem(e.code, e.message, f"[{position}]" + (f".{e.field}" if e.field else ""))
                for e in exc.items
            ]
            raise CalculationError(items) from None
    return results


def calculate_many(requests: Iterable[CalculationRequest], workers: int = 1) -> list[Totals]:
    """The totals of many typed requests, in order, without explanation lines.

    Raises CalculationError for the first request that cannot be calculated (every request is
    validated exactly as `compute` does); its error fields are prefixed with the request's position,
    e.g. "[17].members[0].birth_date". `workers` > 1 uses that many forked processes — meant for large
    offline batches (statistics, benchmarks), not inside a web request.
    """
    global _shared
    batch = requests if isinstance(requests, Sequence) else list(requests)
    workers = max(1, min(workers, len(batch) // MIN_PER_WORKER or 1))
    _shared = batch
    try:
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            return _slice((0, len(batch)))
        step = -(-len(batch) // workers)
        bounds = [(start, min(start + step, len(batch))) for start in range(0, len(batch), step)]
        with multiprocessing.get_context("fork").Pool(len(bounds)) as pool:
            return [
                total for part in pool.imap(_slice, bounds) for total in part
            ]  # in order: first error wins
    finally:
        _shared = ()
