"""`bistand durations PAYMENTS.csv --as-of YYYY-MM` — duration measures per household, as CSV.

Reads a payments file (see payments_csv.py for the format), classifies every household in it with
`durations.classify_table` (the same function the dashboards use) and prints

    household_id,months_in_year,long_term,very_long_term,rolling_10_of_12

one row per household present in the file — also households whose payments all fall outside the
windows, e.g. only after the as-of month (they get 0 and false) — with flags as true/false.
Rows are sorted by household_id compared as text (Unicode code point order, so "10" comes before
"9"): ids are text in the file and may not be numbers, and text order is the same on every machine.

Exit status: 0 on success; 2 on bad input (missing or unreadable file, wrong header, a malformed
month or amount, a bad --as-of), with a Swedish message on stderr and nothing on stdout.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable

from bistand.statistics.durations import RESULT_COLUMNS, classify_table, month_index
from bistand.statistics.payments_csv import PaymentsFileError, read_payments_csv

PROG = "bistand durations"
BAD_INPUT = 2


class _UsageError(Exception):
    pass


class _SwedishHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        return super().add_usage(usage, actions, groups, prefix="Användning: ")


class _SwedishArgumentParser(argparse.ArgumentParser):
    """argparse would print English and call sys.exit; we want Swedish and a return value."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _SwedishArgumentParser(
        prog=PROG,
        description=(
            "Räknar ut hur länge varje hushåll har fått ekonomiskt bistånd: månader under året, "
            "långvarigt (10–12 månader av kalenderåret), mycket långvarigt (minst 27 av 36 månader "
            "med avbrott högst 2 månader i rad) och 10 av de senaste 12 månaderna."
        ),
        usage="bistand durations UTBETALNINGAR.csv --as-of ÅÅÅÅ-MM",
        formatter_class=_SwedishHelpFormatter,
        add_help=False,
    )
    parser._positionals.title = "argument"
    parser._optionals.title = "flaggor"
    parser.add_argument(
        "payments", metavar="UTBETALNINGAR.csv", help="CSV med rubrikraden household_id,month,amount"
    )
    parser.add_argument(
        "--as-of", required=True, metavar="ÅÅÅÅ-MM", help="månaden som läget avser, t.ex. 2025-12"
    )
    parser.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")
    return parser


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return BAD_INPUT


def durations_main(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError:
        return _fail(
            "felaktiga argument. Användning: bistand durations UTBETALNINGAR.csv --as-of ÅÅÅÅ-MM "
            "(till exempel: bistand durations utbetalningar.csv --as-of 2025-12)."
        )
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)

    try:
        as_of = month_index(args.as_of)
    except ValueError:
        return _fail(
            f"ogiltig månad i --as-of: {args.as_of!r}. Ange månaden som ÅÅÅÅ-MM, till exempel 2025-12."
        )

    try:
        payments = read_payments_csv(args.payments)
    except PaymentsFileError as error:
        return _fail(str(error))

    result = classify_table(payments, as_of)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)
    for household_id, months_in_year, long_term, very_long_term, rolling in result.iter_rows():
        writer.writerow(
            (household_id, months_in_year, _flag(long_term), _flag(very_long_term), _flag(rolling))
        )
    return 0


def _flag(value: bool) -> str:
    return "true" if value else "false"


if __name__ == "__main__":
    sys.exit(durations_main(sys.argv[1:]))
