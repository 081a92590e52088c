"""`bistand calculate [FILE]`: read a JSON request from FILE (or stdin, or "-") and print the JSON result.

Exit status 0 with the result on stdout; exit status 2 with the error body
{"errors": [{"code", "message", "field"}, …]} on stdout (and a one-line Swedish summary on stderr) when the
request cannot be read, is refused by the safe JSON loader (too large, not UTF-8, too deeply nested,
absurd numbers — see safe_json.py) or does not validate. No Django is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bistand.rules import safe_json
from bistand.rules.engine import calculate
from bistand.rules.errors import CalculationError, error

EXIT_OK = 0
EXIT_INVALID = 2
EPILOG = """Begäran (se bistand.rules): month, members, costs, incomes, extra_needs, assistance_history,
household_size, municipality, och vid behov handläggarens bedömningar:
  members[].assistance_history   personens egna månader med försörjningsstöd (jobbstimulans per person)
  members[].days_in_household    barn som bor del av månaden i hushållet (1–31 dagar)
  costs[].accepted_in_full       hela kostnaden godkänns trots kommunens tak (kräver costs[].reason)
  norm_supplements               normen till en högre nivå av särskilda skäl (kind, amount, reason)
  carried_surplus                normöverskott från en tidigare månad (amount, from_month)"""


def load_json(text: str | bytes) -> Any:
    """JSON with decimals kept exact (7200.5 -> Decimal) and every limit of safe_json applied."""
    return safe_json.loads(text)


def _fail(exc: CalculationError) -> int:
    print(json.dumps(exc.to_dict(), ensure_ascii=False, indent=2))
    first = exc.items[0]
    more = f" (och {len(exc.items) - 1} fel till)" if len(exc.items) > 1 else ""
    print(f"bistand calculate: {first.field or 'begäran'}: {first.message}{more}", file=sys.stderr)
    return EXIT_INVALID


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bistand calculate",
        description="Beräkna försörjningsstöd för en månad. Läser en JSON-begäran från FIL eller standard in.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FIL", help="JSON-begäran (utelämnad eller - = stdin)"
    )
    parser.add_argument("--compact", action="store_true", help="skriv resultatet på en rad")
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            binary = getattr(sys.stdin, "buffer", None)  # a text-only stdin (in tests) is read as text
            raw = safe_json.read_limited(binary) if binary else sys.stdin.read(safe_json.MAX_BYTES + 1)
        else:
            with open(args.file, "rb") as handle:
                raw = safe_json.read_limited(handle)
    except OSError as exc:
        return _fail(
            CalculationError([error("file_not_found", "", path=args.file, detail=exc.strerror or exc)])
        )
    except CalculationError as exc:
        return _fail(exc)
    try:
        result = calculate(load_json(raw))
    except CalculationError as exc:
        return _fail(exc)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.compact else 2))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
