"""Print requests/s and p50/p95/p99 per page type from locust's CSV statistics (…_stats.csv).

    python benchmarks/load/summary.py load_stats.csv [load_failures.csv]

The second file, when given and not empty, adds each kind of failure with its count.
"""

import csv
import sys
from pathlib import Path


def main(path: str, failures: str | None = None) -> None:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(
        f"{'page type':<32} {'requests':>9} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all pages"
        print(
            f"{name:<32} {row['Request Count']:>9} {row['Failure Count']:>7} "
            f"{float(row['Requests/s']):7.2f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    if failures and Path(failures).exists():
        with open(failures, encoding="utf-8") as f:
            failed = list(csv.DictReader(f))
        for row in failed:
            print(f"failed {row['Occurrences']}×: {row['Method']} {row['Name']}: {row['Error'][:120]}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
