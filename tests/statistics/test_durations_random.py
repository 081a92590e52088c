"""The vectorised implementation must agree with the reference on many random histories.

Seeded, so a failure is reproducible. Histories mix dense and sparse households, households with
one row per month (the fast bit-OR path in `assistance_masks`) and households with several rows per
month that can cancel out (the summing path), zero and negative amounts, and payments before the
36-month window and after the as-of month. The plain DuckDB SQL of the benchmark is checked against
the reference too, since the benchmark uses it as an independent cross-check at national scale.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import duckdb
import polars as pl
import pytest

from bistand.statistics.durations import DurationStatus, classify_payments, classify_table, month_index

AS_OF_MONTHS = ["2025-01", "2025-02", "2025-06", "2025-10", "2025-12", "2026-03"]


def random_register(seed: int, households: int = 600) -> dict[str, list[tuple[int, int]]]:
    rng = random.Random(seed)
    first, last = month_index("2021-06"), month_index("2026-06")
    register: dict[str, list[tuple[int, int]]] = {}
    for number in range(households):
        density = rng.choice([0.05, 0.3, 0.6, 0.8, 0.9, 0.95, 1.0, 1.0])
        several_rows = rng.random() < 0.5
        payments: list[tuple[int, int]] = []
        # Long runs of paid months with occasional gaps of 1-4 months, so that breaks of exactly 2
        # and 3 months and totals around 27 occur often.
        month = first + rng.randrange(12)
        while month <= last:
            if rng.random() < density:
                payments.append((month, rng.choice([4000, 4000, 4000, 250, 0, -300])))
                if several_rows and rng.random() < 0.3:
                    payments.append((month, rng.choice([-4000, -250, 0, 100, 4000])))
                month += 1
            else:
                month += rng.choice([1, 2, 2, 3, 3, 4])
        register[f"hh{number:04d}"] = payments
    return register


def as_frame(register: dict[str, list[tuple[int, int]]]) -> pl.DataFrame:
    rows = [
        (household, month, amount) for household, payments in register.items() for month, amount in payments
    ]
    return pl.DataFrame(
        rows, schema={"household_id": pl.String, "month": pl.Int64, "amount": pl.Int64}, orient="row"
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_vectorised_equals_reference_on_random_histories(seed):
    register = random_register(seed)
    frame = as_frame(register)
    flagged = {"long_term": 0, "very_long_term": 0, "rolling_10_of_12": 0}
    for as_of in AS_OF_MONTHS:
        result = classify_table(frame, as_of)
        present = sorted(h for h, payments in register.items() if payments)
        assert result["household_id"].to_list() == present
        for household, months_in_year, long_term, very_long_term, rolling in result.iter_rows():
            expected = classify_payments(register[household], as_of)
            assert DurationStatus(months_in_year, long_term, very_long_term, rolling) == expected, (
                household,
                as_of,
            )
        for flag in flagged:
            flagged[flag] += int(result[flag].sum())
    # The comparison is only worth something if every flag is both true and false somewhere.
    assert all(0 < count < len(register) * len(AS_OF_MONTHS) for count in flagged.values()), flagged


def _load_benchmark():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "durations_bench.py"
    spec = importlib.util.spec_from_file_location("durations_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("as_of", ["2025-01", "2025-10", "2025-12"])
def test_benchmark_duckdb_sql_equals_reference(as_of):
    bench = _load_benchmark()
    register = random_register(seed=99, households=300)
    frame = as_frame(register)
    con = duckdb.connect()
    con.register("payments", frame)
    result = bench.run_duckdb(con, "payments", month_index(as_of))
    assert result.height == sum(1 for payments in register.values() if payments)
    for household, months_in_year, long_term, very_long_term, rolling in result.iter_rows():
        expected = classify_payments(register[household], as_of)
        assert DurationStatus(months_in_year, long_term, very_long_term, rolling) == expected, household


def test_benchmark_data_is_deterministic_and_national_shaped():
    bench = _load_benchmark()
    small = bench.build_payments(households=50)
    assert small.height == 50 * 36  # one row per household and month
    assert small.equals(bench.build_payments(households=50))
