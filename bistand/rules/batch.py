"""The batch path: totals for many households, with the same rules and parameters as the scalar path.

`calculate_many` runs engine.totals — the step functions of `compute` with the explanation lines
switched off — over typed requests. Month-level look-ups (riksnorm table, sources, prisbasbelopp,
jobbstimulans rule, municipal caps) are cached per month, so nothing is re-read or re-parsed per
household.

Two things keep a large batch fast:
* the cyclic garbage collector is paused while it runs: the batch creates no reference cycles, and
  every full collection would otherwise re-scan all the requests as the result list grows;
* with `workers` > 1 the list is split between forked worker processes (POSIX only). They inherit the
  requests instead of receiving pickled copies, the heap is frozen (gc.freeze) before forking so that no
  collection in a worker touches — and thereby copies — the parent's pages, and each worker sends its
  results back as one flat array of integers.
"""

from __future__ import annotations

import gc
import multiprocessing
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import chain

from bistand.rules.engine import IN_FORCE, Lookups, totals
from bistand.rules.errors import CalculationError, ErrorItem
from bistand.rules.request import CalculationRequest
from bistand.rules.result import Totals

MIN_PER_WORKER = 1_000  # below this a process costs more than it saves
_shared: Sequence[CalculationRequest] = ()  # the batch being calculated, inherited by forked workers
_lookups: Lookups = IN_FORCE  # the parameters it is calculated with (changed ones for a what-if scenario)


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _at_position(exc: CalculationError, position: int) -> CalculationError:
    """The same errors with fields prefixed by the request's position in the batch: "[17].members[0]…"."""
    prefix = f"[{position}]"
    return CalculationError(
        [ErrorItem(e.code, e.message, f"{prefix}.{e.field}" if e.field else prefix) for e in exc.items]
    )


def _slice(bounds: tuple[int, int]) -> list[Totals]:
    start, stop = bounds
    results: list[Totals] = []
    append = results.append
    lookups = _lookups
    with _collector_paused():
        for position in range(start, stop):
            try:
                append(totals(_shared[position], lookups))
            except CalculationError as exc:
                raise _at_position(exc, position) from None
    return results


def _packed_slice(bounds: tuple[int, int]) -> array[int]:
    """A worker's results as one flat array of ints: one bytes blob to send back instead of 100 000 tuples."""
    return array("q", chain.from_iterable(_slice(bounds)))


_as_totals = partial(tuple.__new__, Totals)  # Totals from a 6-tuple without a Python-level call


def _unpack(values: array[int]) -> list[Totals]:
    fields = iter(values)
    return list(map(_as_totals, zip(*[fields] * len(Totals._fields), strict=True)))


def calculate_many(
    requests: Iterable[CalculationRequest], workers: int = 1, lookups: Lookups = IN_FORCE
) -> list[Totals]:
    """The totals of many typed requests, in order, without explanation lines.

    Raises CalculationError for the first request that cannot be calculated (every request is
    validated exactly as `compute` does); its error fields are prefixed with the request's position,
    e.g. "[17].members[0].birth_date". `workers` > 1 uses that many forked processes — meant for large
    offline batches (statistics, benchmarks), not inside a web request. `lookups` replaces the parameters
    in force with changed ones (the what-if tool); the default is the rules as the parameter files state.
    """
    global _shared, _lookups
    batch = requests if isinstance(requests, Sequence) else list(requests)
    workers = max(1, min(workers, len(batch) // MIN_PER_WORKER or 1))
    _shared, _lookups = batch, lookups
    try:
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            return _slice((0, len(batch)))
        step = -(-len(batch) // workers)
        bounds = [(start, min(start + step, len(batch))) for start in range(0, len(batch), step)]
        results: list[Totals] = []
        gc.freeze()
        try:
            with _collector_paused(), multiprocessing.get_context("fork").Pool(len(bounds)) as pool:
                for part in pool.imap(
                    _packed_slice, bounds
                ):  # in order: the first failing request is reported
                    results.extend(_unpack(part))
        finally:
            gc.unfreeze()
        return results
    finally:
        _shared, _lookups = (), IN_FORCE
