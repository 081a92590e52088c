"""The cap (bidragstak) as a rule applied after the calculation, with its own explanation line.

The lagrådsremiss "Reformerat försörjningsstöd – bidragstak och ökade möjligheter till arbete" (December
2025) proposes a cap for larger households, phased in during 2027; its amounts were not found in any
reachable source. Here the cap limits the month's försörjningsstöd of a household with at least `start`
children (members with the role child: children and school youth under 21 living at home) or persons.
Which other benefits the final law counts against the cap must be checked when the law is decided.
"""

from __future__ import annotations

from bistand.rules.formatting import kr
from bistand.rules.request import CalculationRequest
from bistand.rules.result import Line
from bistand.whatif.scenario import CAP_BASES, Cap

CAP_RULE = "whatif.cap"
DEFAULT_SOURCE = "Scenario: bidragstak (lagrådsremiss december 2025, belopp ifyllda av användaren)"


def counted(request: CalculationRequest, basis: str) -> int:
    if basis == "children":
        return sum(1 for m in request.members if m.role == "child")
    return len(request.members)


def capped(assistance: int, request: CalculationRequest, cap: Cap) -> tuple[int, Line | None]:
    """(assistance after the cap, the explanation line or None when the cap does not lower it)."""
    count = counted(request, cap.basis)
    limit = cap.amount_for(count)
    if limit is None or assistance <= limit:
        return assistance, None
    cut = assistance - limit
    text = (
        f"Bidragstak i scenariot: hushållet har {count} {CAP_BASES[cap.basis]} och får högst {kr(limit)} i "
        f"försörjningsstöd per månad. Beräknat försörjningsstöd {kr(assistance)} sänks med {kr(cut)}."
    )
    line = Line(
        CAP_RULE,
        -cut,
        text,
        cap.source or DEFAULT_SOURCE,
        "example",
        parameter="cap.amounts",
        value=limit,
    )
    return limit, line
