"""Benchmark: försörjningsstöd for 200 000 varied households through the batch path.

    .venv/bin/python benchmarks/calculation_bench.py [--households N] [--workers W] [--seed S]

Generates typed requests deterministically (mixed household sizes and ages, preschool lunches, larger
dwellings, the demo city's rent caps, counted and non-counted incomes, children's earnings around one
prisbasbelopp, assistance histories with and without jobbstimulans, months July 2013 – December 2026),
then times `rules.calculate_many` — full validation and the same rules as the scalar engine, without
explanation lines — in one process and with W forked worker processes (default: 2 on a 2-core machine;
the two runs must give identical results). Prints households per second, total seconds (wall, and CPU
of this process) and peak memory (maximum resident set size of this process and of its largest worker;
a worker's figure includes pages it shares with the parent). Generation is not timed. Goal on a 2-core
machine: under 2 s and under 500 MB. Wall time depends on other load on the machine; the CPU figure of
the one-process run does not. Also times the JSON door (`rules.calculate`, with parsing and explanation
lines) on a sample, for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datetime import date  # noqa: E402

from bistand import rules  # noqa: E402
from bistand.rules import Cost, ExtraNeed, Income, Member, Month  # noqa: E402
from bistand.rules.samples import sample_request  # noqa: E402

MONTHS = [Month.from_index(i) for i in range(Month(2013, 7).index, Month(2026, 12).index + 1)]
LAST_DAY = [m.last.toordinal() for m in MONTHS]
COSTS = ("electricity", "work_travel", "home_insurance", "union_fee", "unemployment_fund_fee")
EXTRA = ("dental_care", "glasses", "medical_care", "medicine", "home_equipment", "moving_costs", "other_need")
ADULT_INCOME = ("unemployment_benefit", "sickness_benefit", "parental_benefit", "activity_support", "pension")
NOT_COUNTED = (
    "disability_allowance_tax_free",
    "csn_extra_supplement",
    "small_charity_grant",
    "damages_non_income",
)
CHILD_IDS = [f"c{i}" for i in range(1, 8)]
# Households share equal immutable values, as rows read from a database would share interned values:
# one object per distinct date, member, cost, need and income keeps 200 000 households in about half the
# memory (and the worker processes copy fewer pages).
day = lru_cache(maxsize=None)(date.fromordinal)
member = lru_cache(maxsize=None)(Member)
cost = lru_cache(maxsize=None)(Cost)
need = lru_cache(maxsize=None)(ExtraNeed)
income = lru_cache(maxsize=None)(Income)


def households(count: int, seed: int) -> list[rules.CalculationRequest]:
    rng = random.Random(seed)
    rand, randint, choice = rng.random, rng.randint, rng.choice
    out = []
    for _ in range(count):
        position = randint(0, len(MONTHS) - 1)
        month, last = MONTHS[position], LAST_DAY[position]
        members = [member("a1", "applicant", day(last - randint(21 * 366, 66 * 365)))]
        if rand() < 0.4:
            members.append(member("a2", "co_applicant", day(last - randint(21 * 366, 66 * 365))))
        adults = len(members)
        for i in range(choice((0, 0, 0, 1, 1, 2, 2, 3, 4, 6))):
            age_days = randint(0, 20 * 365)
            members.append(
                member(CHILD_IDS[i], "child", day(last - age_days), age_days < 6 * 365 and rand() < 0.5)
            )
        size = len(members) + randint(1, 4) if rand() < 0.1 else None
        costs = [cost("rent", randint(25, 130) * 100)]
        costs += [cost(kind, randint(1, 80) * 10) for kind in COSTS if rand() < 0.35]
        needs = [need(choice(EXTRA), randint(1, 400) * 10)] if rand() < 0.15 else []
        incomes = []
        for adult in members[:adults]:
            if rand() < 0.35:
                incomes.append(income("salary", randint(5, 300) * 100, adult.id))
            if rand() < 0.25:
                incomes.append(income(choice(ADULT_INCOME), randint(5, 150) * 100, adult.id))
        for child in members[adults:]:
            incomes.append(income("child_allowance", 1250, child.id))
            if rand() < 0.1:
                incomes.append(
                    income("salary", randint(1, 80) * 100, child.id, choice((0, 20000, 44000, 60000)))
                )
        if rand() < 0.2:
            incomes.append(income("housing_allowance", randint(5, 40) * 100))
        if rand() < 0.05:
            incomes.append(income(choice(NOT_COUNTED), randint(1, 50) * 100))
        shape = rand()
        start = max(0, position - randint(1, 40))
        if shape < 0.25:
            history = ()
        elif shape < 0.6:
            history = tuple(MONTHS[start:position])
        else:
            history = tuple(MONTHS[i] for i in range(max(0, position - 48), position) if rand() < 0.6)
        out.append(
            rules.CalculationRequest(
                month, tuple(members), tuple(costs), tuple(incomes), tuple(needs), history, size,
                "demostad" if rand() < 0.5 else None,
            )
        )  # fmt: skip
    return out


class PssWatch(threading.Thread):
    """Peak proportional set size (MB) of this process plus its worker processes, sampled (Linux only).

    PSS splits pages shared between the parent and its forked workers fairly, so the sum is the memory
    the whole run really occupies (max RSS would count shared pages once per process).
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self._stop_event = threading.Event()

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                return next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration):
            return 0

    @staticmethod
    def _children(parent: int) -> list[int]:
        pids = []
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as handle:
                        if int(handle.read().rsplit(")", 1)[1].split()[1]) == parent:
                            pids.append(int(name))
                except (OSError, IndexError, ValueError):
                    continue
        return pids

    def run(self) -> None:
        me, workers = os.getpid(), []
        while not self._stop_event.wait(0.2):
            workers = workers or self._children(me)
            self.peak = max(self.peak, sum(map(self._pss_kb, [me, *workers])) / 1024)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak


def peak_mb() -> tuple[float, float]:
    """Maximum resident set size (MB) of this process and of its largest finished child process."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def timed(batch: list, workers: int) -> tuple[list, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    results = rules.calculate_many(batch, workers=workers)
    return results, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument(
        "--workers", type=int, default=min(2, os.cpu_count() or 1), help="also run with W processes"
    )
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    started = time.perf_counter()
    batch = households(args.households, args.seed)
    generated = time.perf_counter() - started
    rules.calculate_many(batch[:2000])  # warm the per-month caches (parameter files read once)
    print(
        f"households:            {len(batch):,} (generated in {generated:.1f} s, not timed)".replace(",", " ")
    )

    reference = None
    for workers in sorted({1, args.workers}):
        results, wall, cpu = timed(batch, workers)
        assert reference is None or results == reference, "results differ between 1 and several workers"
        reference = results
        rate = f"{len(results) / wall:,.0f}".replace(",", " ")
        print(
            f"workers={workers}:             total {wall:.2f} s, {rate} households per second (CPU here {cpu:.2f} s)"
        )
    own, children = peak_mb()
    print(f"peak memory:           {own:.0f} MB this process, {children:.0f} MB largest worker (max RSS)")
    if args.workers > 1 and Path("/proc/self/smaps_rollup").exists():
        watch = PssWatch()  # an extra, untimed run: sampling /proc costs CPU that the workers would miss
        watch.start()
        rules.calculate_many(batch, workers=args.workers)
        print(
            f"peak memory, workers:  {watch.stop():.0f} MB this process and its workers together (PSS, sampled)"
        )
    paid, surplus = sum(r.assistance for r in reference), sum(r.surplus for r in reference)
    print(f"checksum:              {paid} kr assistance, {surplus} kr surplus")

    sample = [sample_request(random.Random(seed)) for seed in range(2000)]
    door = time.perf_counter()
    for data in sample:
        rules.calculate(data)
    door = (time.perf_counter() - door) / len(sample)
    print(f"JSON door, compare:    {door * 1e6:.0f} µs per household (parse, validate, calculate, explain)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
