"""From a calculation snapshot to one proposed need item per need: the norm, each cost kind, each extra need.

The snapshot holds both what was applied for (`request`: declared costs and extra needs) and what the
rules approved (`result.lines`; bistand/rules/result.py). A line's rule id starts with its section
("norm.…", "cost…", "extra_need…", "income…"), needs are positive and counted incomes negative, and a
line for something not approved has amount 0 (or `counted: false`) and says why in its Swedish text.
So per kind: requested = the declared amounts summed; proposed granted = the approved lines summed
(clamped to 0 … requested); the reason for anything not fully granted = the texts of the lines that
approved less (e.g. rent above the municipality's cap).

Several declared entries of the same kind become one item (decisions are made per kind; overrides in
decide() are keyed by kind).
"""

from __future__ import annotations

from dataclasses import dataclass

from bistand.cases.models import Calculation, DecisionOutcome
from bistand.casework.decisions.labels import NORM_KIND, kind_label
from bistand.rules.formatting import kr

SECTIONS = ("norm", "cost", "extra_need", "income")


@dataclass(frozen=True)
class ItemProposal:
    kind: str  # "norm" or a cost / extra-need kind of the calculation contract
    label: str  # Swedish
    requested: int
    granted: int
    outcome: str  # DecisionOutcome value: granted / partly_granted / rejected
    reason: str  # Swedish; set when not fully granted
    category: str = ""  # "norm" | "cost" | "extra_need"


def section_of(line: dict) -> str | None:
    """The section of a result line from its rule id ("norm.personal.child" -> "norm")."""
    rule = str(line.get("rule") or "")
    for section in SECTIONS:
        if rule.startswith(section):
            return section
    return None


def outcome_for(requested: int, granted: int) -> str:
    if granted >= requested:
        return DecisionOutcome.GRANTED
    if granted <= 0:
        return DecisionOutcome.REJECTED
    return DecisionOutcome.PARTLY_GRANTED


def _declared(request: dict, key: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    amounts: dict[str, int] = {}
    descriptions: dict[str, list[str]] = {}
    for entry in request.get(key, []):
        kind = entry["kind"]
        amounts[kind] = amounts.get(kind, 0) + int(entry["amount"])
        if entry.get("description"):
            descriptions.setdefault(kind, []).append(entry["description"])
    return amounts, descriptions


def _approved(lines: list[dict], section: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Approved amount per kind, and the texts explaining a reduction.

    The rules write a line for the approved part ("5 600 kr av 9 000 kr godkänns …") and, for what is not
    approved, a line with amount 0 / counted false that says why ("3 400 kr godkänns inte. Kostnaden är
    högre än …"). The why-not lines are the reason; without any, all of the kind's lines are used.
    """
    amounts: dict[str, int] = {}
    all_texts: dict[str, list[str]] = {}
    why_not: dict[str, list[str]] = {}
    for line in lines:
        if section_of(line) != section or not line.get("kind"):
            continue
        kind = line["kind"]
        counted = line.get("counted", True)
        amount = int(line.get("amount", 0)) if counted else 0
        amounts[kind] = amounts.get(kind, 0) + amount
        text = str(line.get("text", "")).strip()
        all_texts.setdefault(kind, []).append(text)
        if not counted or amount <= 0:
            why_not.setdefault(kind, []).append(text)
    return amounts, {kind: why_not.get(kind) or texts for kind, texts in all_texts.items()}


def _item(category: str, kind: str, requested: int, approved: int, texts: list[str], notes: list[str]):
    granted = max(0, min(approved, requested))
    outcome = outcome_for(requested, granted)
    reason = ""
    if outcome != DecisionOutcome.GRANTED:
        reason = " ".join(t for t in texts if t) or (
            f"Av ansökta {kr(requested)} har {kr(granted)} bedömts som skälig kostnad i beräkningen."
        )
    label = kind_label(category, kind)
    if notes:
        label = f"{label} ({'; '.join(notes)})"
    return ItemProposal(kind, label[:200], requested, granted, outcome, reason, category)


def propose_from(request: dict, result: dict) -> list[ItemProposal]:
    """Plain-data version of propose(): the snapshot's request and result as stored."""
    lines = result.get("lines", [])
    norm = int(result.get("norm_total", 0))
    proposals = [
        ItemProposal(
            NORM_KIND, kind_label("norm", NORM_KIND), norm, norm, DecisionOutcome.GRANTED, "", "norm"
        )
    ]
    for category, key in (("cost", "costs"), ("extra_need", "extra_needs")):
        declared, notes = _declared(request, key)
        approved, texts = _approved(lines, category)
        for kind in declared:  # request order: as the applicant listed them
            proposals.append(
                _item(
                    category,
                    kind,
                    declared[kind],
                    approved.get(kind, 0),
                    texts.get(kind, []),
                    notes.get(kind, []),
                )
            )
    return proposals


def propose(calculation: Calculation) -> list[ItemProposal]:
    """One proposal per need item of the calculation (the norm first, then costs, then extra needs)."""
    return propose_from(calculation.request, calculation.result)
