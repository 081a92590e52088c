"""Print requests/s and p50/p95/p99 per page type from locust's CSV statistics (…_stats.csv)."""

import csv
import sys


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(
        f"{'page type':<32} {'requests':>9} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    for row in rows:
        print(
            f"{row['Name'] or 'all':<32} {row['Request Count']:>9} {row['Failure Count']:>7} "
            f"{float(row['Requests/s']):7.2f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )


if __name__ == "__main__":
    main(sys.argv[1])
