"""National-scale benchmark of the duration classification (issue 5).

Builds, in memory, a deterministic payment history for 400 000 households x 36 months (14.4 million
rows — about the number of households that receive financial assistance in Sweden in a year), then

1. runs our implementation (`bistand.statistics.durations.classify_table`, Polars bit masks), and
2. runs a plain DuckDB SQL query written independently from the same definitions (window function
   LAG for the breaks, FILTERed counts — the query an analyst would write),

prints both times, the ratio, the peak memory, and checks that both give identical flags.

Run:  .venv/bin/python benchmarks/durations_bench.py [--households N] [--repeat R]

The mix of households (seeded `random.Random`, so every run builds the same data):
  always on          every month paid (some with one missed month)
  long with breaks   a long spell with short breaks of 1-4 months
  intermittent       each month paid with probability 1/4, 1/2, 3/4 or 7/8
  short spells       one to three spells of 1-6 months
  entered / left     one spell running into or out of the window
Every household has a row for each of the 36 months; months without assistance have amount 0 or a
small negative amount (a repayment), so the "> 0 kr" rule is exercised on every row.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import threading
import time
from pathlib import Path

import duckdb
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bistand.statistics.durations import (  # noqa: E402
    RESULT_COLUMNS,
    classify_table,
    month_index,
)

AS_OF = "2025-12"
MONTHS = 36
FULL = (1 << MONTHS) - 1


def _spell(start: int, length: int) -> int:
    length = max(0, min(length, MONTHS - start))
    return ((1 << length) - 1) << start


def household_mask(rng: random.Random) -> int:
    """A 36-bit history, bit m = month m of the window (0 = oldest)."""
    kind = rng.random()
    if kind < 0.12:  # always on, one in four misses a single month
        mask = FULL
        if rng.random() < 0.25:
            mask &= ~(1 << rng.randrange(MONTHS))
        return mask
    if kind < 0.32:  # long spell with short breaks
        mask, month = 0, rng.randrange(4)
        while month < MONTHS:
            run = rng.randint(3, 14)
            mask |= _spell(month, run)
            month += run + rng.randint(1, 4)
        return mask
    if kind < 0.57:  # intermittent, density 1/4 .. 7/8
        a, b, c = rng.getrandbits(MONTHS), rng.getrandbits(MONTHS), rng.getrandbits(MONTHS)
        return rng.choice((a & b, a, a | b, a | b | c))
    if kind < 0.87:  # short spells
        mask = 0
        for _ in range(rng.randint(1, 3)):
            mask |= _spell(rng.randrange(MONTHS), rng.randint(1, 6))
        return mask
    # entered (spell to the end of the window) or left (spell from the start)
    length = rng.randint(6, MONTHS)
    return _spell(MONTHS - length, length) if rng.random() < 0.5 else _spell(0, length)


def build_payments(households: int, seed: int = 20251231) -> pl.DataFrame:
    """household_id (Int64), month (Int32 month index), amount (Int64 kronor): households x 36 rows."""
    rng = random.Random(seed)
    masks = pl.DataFrame(
        {
            "household_id": pl.int_range(0, households, eager=True).cast(pl.Int64),
            "mask": pl.Series([household_mask(rng) for _ in range(households)], dtype=pl.Int64),
        }
    )
    first_month = month_index(AS_OF) - MONTHS + 1
    months = pl.DataFrame({"m": pl.int_range(0, MONTHS, eager=True).cast(pl.Int64)})
    paid = (pl.col("mask") // pl.lit(2, pl.Int64).pow(pl.col("m"))) % 2 == 1
    # Deterministic "noise" for amounts: 3 000-14 999 kr when paid; 0 kr, or a repayment of
    # -1..-499 kr on about one unpaid month in twenty.
    noise = (pl.col("household_id") * 7919 + pl.col("m") * 104729) % 12000
    return (
        masks.join(months, how="cross")
        .select(
            "household_id",
            (pl.col("m") + first_month).cast(pl.Int32).alias("month"),
            pl.when(paid)
            .then(3000 + noise)
            .when(noise % 20 == 0)
            .then(-(noise % 499) - 1)
            .otherwise(0)
            .cast(pl.Int64)
            .alias("amount"),
        )
        .sort("household_id", "month")
    )


def plain_duckdb_sql(as_of: int, source: str = "payments") -> str:
    """The same definitions as one ordinary SQL query over a payments table or registered frame."""
    january = as_of - as_of % 12
    return f"""
        WITH monthly AS (
            SELECT household_id, month, SUM(amount) AS total
            FROM {source}
            WHERE month BETWEEN {as_of - 35} AND {as_of}
            GROUP BY household_id, month
        ),
        assisted AS (
            SELECT household_id, month,
                   month - LAG(month) OVER (PARTITION BY household_id ORDER BY month) - 1 AS gap
            FROM monthly
            WHERE total > 0
        ),
        per_household AS (
            SELECT household_id,
                   COUNT(*) FILTER (WHERE month >= {january}) AS months_in_year,
                   COUNT(*) FILTER (WHERE month > {as_of - 12}) AS months_in_12,
                   COUNT(*) AS months_in_36,
                   COALESCE(MAX(gap), 0) AS longest_break
            FROM assisted
            GROUP BY household_id
        )
        SELECT h.household_id,
               COALESCE(p.months_in_year, 0) AS months_in_year,
               COALESCE(p.months_in_year >= 10, false) AS long_term,
               COALESCE(p.months_in_36 >= 27 AND p.longest_break <= 2, false) AS very_long_term,
               COALESCE(p.months_in_12 >= 10, false) AS rolling_10_of_12
        FROM (SELECT DISTINCT household_id FROM {source}) AS h
        LEFT JOIN per_household AS p USING (household_id)
        ORDER BY h.household_id
    """


def run_duckdb(con: duckdb.DuckDBPyConnection, source: str, as_of: int) -> pl.DataFrame:
    return con.sql(plain_duckdb_sql(as_of, source)).pl()


class PeakMemory:
    """Samples this process's resident memory every 5 ms while a block runs (Linux /proc)."""

    def __enter__(self) -> PeakMemory:
        self.baseline = self.peak = _rss_mib()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss_mib())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mib())


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _timed(func, repeat: int):
    """Best wall time of `repeat` runs, the last result, and the peak memory across the runs."""
    best, result = float("inf"), None
    with PeakMemory() as memory:
        for _ in range(repeat):
            result = None  # let the previous result go before the next run
            start = time.perf_counter()
            result = func()
            best = min(best, time.perf_counter() - start)
    return best, result, memory


def _same_flags(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    def normal(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.select(RESULT_COLUMNS).cast({"months_in_year": pl.Int64}).sort("household_id")

    return normal(a).equals(normal(b))


def bench_one(payments: pl.DataFrame, con: duckdb.DuckDBPyConnection, as_of_label: str, repeat: int) -> bool:
    as_of = month_index(as_of_label)
    print(f"\n-- as-of {as_of_label} (best of {repeat}) --")
    rows = []
    ours_s, ours, mem = _timed(lambda: classify_table(payments, as_of), repeat)
    rows.append(("ours: classify_table (Polars bit masks)", ours_s, mem))
    frame_s, via_frame, mem = _timed(lambda: run_duckdb(con, "payments_frame", as_of), repeat)
    rows.append(("plain DuckDB SQL over the Polars frame", frame_s, mem))
    table_s, via_table, mem = _timed(lambda: run_duckdb(con, "payments_table", as_of), repeat)
    rows.append(("plain DuckDB SQL over a DuckDB table", table_s, mem))
    for name, seconds, memory in rows:
        print(
            f"{name:42s} {seconds:6.2f} s   peak RSS {memory.peak:6,.0f} MiB "
            f"(+{memory.peak - memory.baseline:,.0f} MiB during the runs)"
        )
    fastest = min(frame_s, table_s)
    same = _same_flags(ours, via_frame) and _same_flags(ours, via_table)
    counts = {flag: int(ours[flag].sum()) for flag in RESULT_COLUMNS[2:]}
    print(f"ratio ours / fastest DuckDB: {ours_s / fastest:.2f}")
    print(f"flags identical to DuckDB: {same}   households flagged: {counts}")
    goal = ours_s < 5 and ours_s <= 2 * fastest
    print(f"goal (< 5 s and within 2x of DuckDB): {'met' if goal else 'NOT met'}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    parser.add_argument(
        "--as-of",
        action="append",
        help=f"as-of month(s); default {AS_OF} (the official annual measure) and 2025-10 "
        "(where long-term and rolling 10 of 12 differ)",
    )
    parser.add_argument(
        "--split-months",
        action="store_true",
        help="split every row into two (amount - 1 kr and 1 kr): 28.8 million rows, and every household "
        "takes the slower summing path of assistance_masks",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    payments = build_payments(args.households)
    if args.split_months:
        payments = pl.concat(
            [
                payments.with_columns(pl.col("amount") - 1),
                payments.with_columns(pl.lit(1, pl.Int64).alias("amount")),
            ]
        )
    print(
        f"built {payments.height:,} rows for {args.households:,} households in "
        f"{time.perf_counter() - start:.1f} s; {payments.estimated_size() / 2**20:,.0f} MiB in memory"
    )
    print(f"machine: {os.cpu_count()} cores; polars {pl.__version__}, duckdb {duckdb.__version__}")

    con = duckdb.connect()
    con.register("payments_frame", payments)  # Arrow scan of the same in-memory frame
    con.execute("CREATE TABLE payments_table AS SELECT * FROM payments_frame")
    results = [bench_one(payments, con, label, args.repeat) for label in (args.as_of or [AS_OF, "2025-10"])]
    print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
