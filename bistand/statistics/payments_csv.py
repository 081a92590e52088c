"""Read a payments CSV file (household_id,month,amount) strictly, with Swedish error messages.

The file is what a municipality can export from its payment register: one row per payment, so a
household may have several rows in a month (försörjningsstöd, livsföring i övrigt, corrections).

* Header: exactly `household_id,month,amount` (a UTF-8 byte-order mark and CRLF line ends are fine,
  because Excel writes them).
* household_id: any non-empty text, kept as text (ids such as "0012" keep their zeros).
* month: YYYY-MM, e.g. 2025-03.
* amount: kronor, optionally with öre after a point or comma ("1234", "-250", "99.5", "99,50" in a
  quoted field); at most 15 digits before the decimal sign. Amounts are turned into whole öre
  (Int64) so sums are exact — floats could turn +0.1 + 0.2 - 0.3 into a "paid" month.

Polars does the reading and the checks column-wise, so a national file of 14 million rows is read
in seconds; when Polars rejects the file's CSV structure (e.g. a row with too many fields), the file
is scanned once more with the csv module only to find and name the offending line.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

HEADER = ("household_id", "month", "amount")
_AMOUNT_RE = r"^-?\d{1,15}(?:[.,]\d{1,2})?$"
_MONTH_RE = r"^\d{4}-(?:0[1-9]|1[0-2])$"


class PaymentsFileError(Exception):
    """The file cannot be used; str(error) is a message in Swedish for the user."""


def read_payments_csv(path: str | Path) -> pl.DataFrame:
    """Columns household_id (String), month (Int64 month index), amount (Int64 öre)."""
    path = Path(path)
    _check_header(path)
    try:
        raw = pl.read_csv(
            path,
            schema=dict.fromkeys(HEADER, pl.String),
            has_header=True,
        )
    except (pl.exceptions.PolarsError, OSError) as error:
        raise PaymentsFileError(_locate_structure_problem(path)) from error
    return _validated(raw, path)


def _check_header(path: Path) -> None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            first = next(csv.reader(file), None)
    except FileNotFoundError:
        raise PaymentsFileError(f"Filen {path} finns inte.") from None
    except IsADirectoryError:
        raise PaymentsFileError(f"{path} är en mapp, inte en fil.") from None
    except PermissionError:
        raise PaymentsFileError(f"Behörighet saknas för att läsa filen {path}.") from None
    except UnicodeDecodeError:
        raise PaymentsFileError(
            f"Filen {path} är inte UTF-8-kodad. Spara den som UTF-8 och försök igen."
        ) from None
    except (OSError, csv.Error) as error:
        raise PaymentsFileError(f"Filen {path} kunde inte läsas ({error}).") from None
    expected = ",".join(HEADER)
    if first is None:
        raise PaymentsFileError(f"Filen {path} är tom. Första raden ska vara rubrikraden {expected}.")
    if tuple(first) != HEADER:
        raise PaymentsFileError(
            f"Fel rubrikrad i {path}: väntade {expected} men fick {','.join(first)}. "
            "Kolumnerna ska heta exakt så och stå i den ordningen."
        )


def _locate_structure_problem(path: Path) -> str:
    """Find the first line the csv module also rejects, to give the user a line number."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file, strict=True)
            next(reader)
            for row in reader:
                if len(row) != len(HEADER):
                    return (
                        f"Rad {reader.line_num} i {path} har {len(row)} fält; varje rad ska ha tre: "
                        "household_id,month,amount."
                    )
    except UnicodeDecodeError:
        return f"Filen {path} är inte UTF-8-kodad. Spara den som UTF-8 och försök igen."
    except csv.Error as error:
        return f"Filen {path} är inte giltig CSV (rad {reader.line_num}: {error})."
    return f"Filen {path} kunde inte läsas som CSV."


def _validated(raw: pl.DataFrame, path: Path) -> pl.DataFrame:
    # One pass for all three checks; regex *matching* is fast, so values are only parsed once valid.
    problems = raw.select(
        (pl.col("household_id").is_null() | (pl.col("household_id") == "")).alias("household_id"),
        pl.col("month").str.contains(_MONTH_RE).not_().fill_null(True).alias("month"),
        pl.col("amount").str.contains(_AMOUNT_RE).not_().fill_null(True).alias("amount"),
    )
    messages = {
        "household_id": "household_id saknas",
        "month": "ogiltig månad (ska vara ÅÅÅÅ-MM, t.ex. 2025-03)",
        "amount": "ogiltigt belopp (ska vara kronor, t.ex. 1234 eller 1234.50)",
    }
    for column, problem in messages.items():
        if problems[column].any():
            found = problems[column].arg_max()
            assert found is not None  # the column has a problem, so it has a first one
            row = int(found)
            line = row + 2  # the header is line 1, and a record is one line
            value = raw[column][row]
            shown = "tomt" if value in (None, "") else repr(value)
            raise PaymentsFileError(f"Rad {line} i {path}: {problem}; värdet är {shown}.")
    month = pl.col("month")
    return raw.select(
        "household_id",
        (month.str.slice(0, 4).cast(pl.Int64) * 12 + month.str.slice(5, 2).cast(pl.Int64) - 1).alias("month"),
        # Exact: the text is validated as at most 15 + 2 digits, which Decimal(20, 2) holds.
        (pl.col("amount").str.replace(",", ".", literal=True).cast(pl.Decimal(20, 2)) * 100)
        .cast(pl.Int64)
        .alias("amount"),
    )
