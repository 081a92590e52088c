"""`bistand durations PAYMENTS.csv --as-of YYYY-MM`, run as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEADER = "household_id,months_in_year,long_term,very_long_term,rolling_10_of_12\n"


def bistand_command() -> list[str]:
    script = Path(sys.executable).parent / "bistand"  # the installed console script
    return [str(script)] if script.exists() else [sys.executable, "-m", "bistand.cli"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*bistand_command(), "durations", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def write(tmp_path: Path, text: str, name: str = "utbetalningar.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def months(first_year: int, first_month: int, count: int) -> list[str]:
    index = first_year * 12 + first_month - 1
    return [f"{(index + k) // 12:04d}-{(index + k) % 12 + 1:02d}" for k in range(count)]


def test_classifies_every_household_in_the_file(tmp_path):
    lines = ["household_id,month,amount"]
    # "9": 2023-01..2025-12 with 2024-05..06 empty -> 34 months, break 2 -> 12, true, true, true.
    lines += [f"9,{m},5000" for m in months(2023, 1, 36) if m not in ("2024-05", "2024-06")]
    # "10": 2024-03..2025-02 (12 months), as-of 2025-12: 2025 has Jan, Feb = 2; last 12 months
    # (2025-01..12) = 2 -> 2, false, false, false.
    lines += [f"10,{m},3000" for m in months(2024, 3, 12)]
    # "Åsa, hushåll 3" (quoted, has a comma): Jan-Oct 2025 with öre amounts; May also -4000.00 which
    # cancels it; Nov two rows. Months: Jan-Apr, Jun-Oct (9) + Nov = 10 -> 10, true, false, true.
    lines += [f'"Åsa, hushåll 3",{m},"4000,00"' for m in months(2025, 1, 10)]
    lines += [
        '"Åsa, hushåll 3",2025-05,-4000.00',
        '"Åsa, hushåll 3",2025-11,99.5',
        '"Åsa, hushåll 3",2025-11,0.5',
    ]
    # "b": payments only after the as-of month -> present, all zero/false.
    lines += [f"b,{m},2000" for m in months(2026, 1, 6)]
    # "Z": zero-amount rows only -> 0, false, false, false.
    lines += ["Z,2025-06,0", "Z,2025-07,0"]
    path = write(tmp_path, "\n".join(lines) + "\n")

    result = run(path, "--as-of", "2025-12")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # Sorted as text by code point: "10" < "9" < "Z" < "b" < "Åsa…" (digits < upper < lower < Å).
    assert result.stdout == (
        HEADER
        + "10,2,false,false,false\n"
        + "9,12,true,true,true\n"
        + "Z,0,false,false,false\n"
        + "b,0,false,false,false\n"
        + '"Åsa, hushåll 3",10,true,false,true\n'
    )


def test_byte_order_mark_and_crlf_line_ends_are_accepted(tmp_path):
    # Excel's "CSV UTF-8": BOM and CRLF. One household, Jan-Oct 2025 -> as-of Oct: 10 months.
    body = "\r\n".join(["household_id,month,amount"] + [f"A,{m},100" for m in months(2025, 1, 10)]) + "\r\n"
    path = write(tmp_path, "\ufeff" + body)
    result = run(path, "--as-of", "2025-10")
    assert result.returncode == 0, result.stderr
    # Rolling 2024-11..2025-10: Jan-Oct 2025 = 10 -> true.
    assert result.stdout == HEADER + "A,10,true,false,true\n"


def test_header_only_gives_header_only(tmp_path):
    result = run(write(tmp_path, "household_id,month,amount\n"), "--as-of", "2025-12")
    assert (result.returncode, result.stdout, result.stderr) == (0, HEADER, "")


def test_as_of_january(tmp_path):
    # 2022-02..2025-01 all paid (36 months) -> months_in_year 1 (January), very long-term, rolling.
    lines = ["household_id,month,amount"] + [f"x,{m},1" for m in months(2022, 2, 36)]
    result = run(write(tmp_path, "\n".join(lines)), "--as-of", "2025-01")  # no final newline either
    assert result.stdout == HEADER + "x,1,false,true,true\n"


GOOD_HEADER = "household_id,month,amount\n"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, ["--as-of", "2025-12"], "finns inte"),
        ("id,month,amount\nA,2025-01,1\n", ["--as-of", "2025-12"], "Fel rubrikrad"),
        ("household_id;month;amount\nA;2025-01;1\n", ["--as-of", "2025-12"], "Fel rubrikrad"),
        ("", ["--as-of", "2025-12"], "är tom"),
        (GOOD_HEADER + "A,2025-01,1\nA,2025-1,1\n", ["--as-of", "2025-12"], "Rad 3"),
        (GOOD_HEADER + "A,januari,1\n", ["--as-of", "2025-12"], "ogiltig månad"),
        (GOOD_HEADER + "A,2025-13,1\n", ["--as-of", "2025-12"], "ogiltig månad"),
        (GOOD_HEADER + "A,2025-01,12 kr\n", ["--as-of", "2025-12"], "ogiltigt belopp"),
        (GOOD_HEADER + "A,2025-01,1.234\n", ["--as-of", "2025-12"], "ogiltigt belopp"),
        (GOOD_HEADER + "A,2025-01,\n", ["--as-of", "2025-12"], "ogiltigt belopp"),
        (GOOD_HEADER + ",2025-01,1\n", ["--as-of", "2025-12"], "household_id saknas"),
        (GOOD_HEADER + "A,2025-01,1\nB,2025-01,1,7\n", ["--as-of", "2025-12"], "Rad 3"),
        (GOOD_HEADER + "A,2025-01,1\n", ["--as-of", "2025-13"], "ogiltig månad i --as-of"),
        (GOOD_HEADER + "A,2025-01,1\n", ["--as-of", "december"], "ogiltig månad i --as-of"),
        (GOOD_HEADER + "A,2025-01,1\n", [], "felaktiga argument"),
        (GOOD_HEADER + "A,2025-01,1\n", ["--as-of", "2025-12", "--okänd"], "felaktiga argument"),
    ],
    ids=[
        "missing file",
        "wrong header",
        "semicolons",
        "empty file",
        "month without zero",
        "month as word",
        "month 13",
        "amount with unit",
        "three decimals",
        "empty amount",
        "empty household",
        "too many fields",
        "as-of month 13",
        "as-of as word",
        "as-of missing",
        "unknown option",
    ],
)
def test_bad_input_exits_2_with_a_swedish_message_and_no_output(tmp_path, content, args, message):
    path = tmp_path / "saknas.csv" if content is None else write(tmp_path, content)
    result = run(path, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_is_not_a_file(tmp_path):
    result = run(tmp_path, "--as-of", "2025-12")
    assert (result.returncode, result.stdout) == (2, "")
    assert "är en mapp" in result.stderr


def test_latin1_file_is_refused(tmp_path):
    path = write(tmp_path, GOOD_HEADER + "Åsa,2025-01,1\n", encoding="latin-1")
    result = run(path, "--as-of", "2025-12")
    assert (result.returncode, result.stdout) == (2, "")
    assert "UTF-8" in result.stderr


def test_help_is_in_swedish():
    result = run("--help")
    assert result.returncode == 0
    assert "Användning: bistand durations" in result.stdout
    assert "mycket långvarigt" in result.stdout


def test_reader_turns_amounts_into_whole_ore_and_months_into_indexes(tmp_path):
    from bistand.statistics.payments_csv import read_payments_csv

    path = write(
        tmp_path,
        GOOD_HEADER
        + 'a,2025-01,1234\na,2025-01,-0.01\nb,1999-12,"99,5"\nb,2025-02,999999999999999\nc,0001-01,-7.05\n',
    )
    frame = read_payments_csv(path)
    assert frame.rows() == [
        ("a", 2025 * 12 + 0, 123_400),  # 1234 kr = 123 400 öre
        ("a", 2025 * 12 + 0, -1),  # -0,01 kr = -1 öre
        ("b", 1999 * 12 + 11, 9_950),  # 99,5 kr = 9 950 öre
        ("b", 2025 * 12 + 1, 99_999_999_999_999_900),  # the largest allowed amount, 15 digits
        ("c", 1 * 12 + 0, -705),
    ]
