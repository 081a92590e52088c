"""The municipality's delegation order (delegationsordning): which role may decide which kinds and amounts.

A social committee may let its employees decide on its behalf in a group of cases (6 kap. 37 §
kommunallagen (2017:725)); it adopts a delegation order saying who may decide what. Everything above the
highest delegated level is decided by the committee itself (here: Socialnämndens individutskott), which
this system does not do — the caseworker prepares the case and the decision is refused here.

The table below is the EXAMPLE municipality's order (the amounts are not from a source: every committee
sets its own; replace the table for a real municipality). Limits apply to what is GRANTED:
- `income_support`: försörjningsstöd for the month (granted norm + reasonable costs minus counted income);
- `extra_needs`: the sum granted for livsföring i övrigt in the decision;
- `extra_need_kinds`: the extra-need kinds the role may grant at all (None = every kind).
The automated decision function (`AUTOMATED`, kommunallagen 6 kap. 37 § as amended from 1 July 2022, bet.
2021/22:KU36) has its own, lower mandate: full approvals of recurring applications for försörjningsstöd
only, no extra needs, and never a rejection; the committee switches it on per unit (bistand/automation).
Rejections (avslag) are delegated to every deciding role: the amount granted is then 0 kr and the
applicant can appeal. Roles not in the table (administrator, analyst) may not decide at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bistand.casework.decisions.labels import kind_label
from bistand.rules.formatting import kr

COMMITTEE = "Socialnämndens individutskott"


@dataclass(frozen=True)
class Mandate:
    title: str  # the role's Swedish name, as in the delegation order
    income_support: int  # kr per month
    extra_needs: int  # kr per decision
    extra_need_kinds: frozenset[str] | None = None


# Ordered from the lowest to the highest level; the first role whose mandate covers a decision is
# named when a lower one is refused.
DELEGATION_ORDER: dict[str, Mandate] = {
    "caseworker": Mandate("Socialsekreterare", income_support=20_000, extra_needs=5_000),
    "senior_caseworker": Mandate("Förste socialsekreterare", income_support=35_000, extra_needs=15_000),
    "unit_manager": Mandate("Enhetschef", income_support=60_000, extra_needs=30_000),
}


# The automated decision function: the role key used in decide(); not a staff role, so nobody signs in as it.
AUTOMATED = "automated_decision_function"
AUTOMATED_MANDATE = Mandate(
    "Automatiserad beslutsfunktion", income_support=15_000, extra_needs=0, extra_need_kinds=frozenset()
)


def mandate_for(role: str) -> Mandate | None:
    if role == AUTOMATED:
        return AUTOMATED_MANDATE
    return DELEGATION_ORDER.get(role)


def _covers(mandate: Mandate, income_support: int, extra_needs: Mapping[str, int]) -> list[str]:
    """Swedish messages for what `mandate` does not cover (empty when it covers the decision)."""
    problems = []
    if income_support > mandate.income_support:
        problems.append(
            f"Beslutet gäller {kr(income_support)} i försörjningsstöd för månaden. "
            f"{mandate.title} får enligt delegationsordningen besluta om högst {kr(mandate.income_support)}."
        )
    granted_extra = {kind: amount for kind, amount in extra_needs.items() if amount > 0}
    total_extra = sum(granted_extra.values())
    if total_extra > mandate.extra_needs:
        problems.append(
            f"Beslutet gäller {kr(total_extra)} för livsföring i övrigt. "
            f"{mandate.title} får enligt delegationsordningen besluta om högst {kr(mandate.extra_needs)}."
        )
    if mandate.extra_need_kinds is not None:
        for kind in sorted(set(granted_extra) - mandate.extra_need_kinds):
            problems.append(
                f"{mandate.title} får enligt delegationsordningen inte bevilja {kind_label('extra_need', kind).lower()}."
            )
    return problems


def delegation_problems(role: str, income_support: int, extra_needs: Mapping[str, int]) -> list[str]:
    """Why a staff member with `role` may not make this decision (empty list: the role may decide).

    extra_needs: granted amount per extra-need kind.
    """
    mandate = mandate_for(role)
    if mandate is None:
        return ["Din roll får inte fatta beslut om ekonomiskt bistånd enligt delegationsordningen."]
    problems = _covers(mandate, income_support, extra_needs)
    if not problems:
        return []
    higher = [m for m in DELEGATION_ORDER.values() if not _covers(m, income_support, extra_needs)]
    if higher:
        problems.append(f"Beslutet måste fattas av {higher[0].title.lower()} eller högre.")
    else:
        problems.append(
            f"Beslutet ligger över all delegation och måste fattas av {COMMITTEE}. "
            "Förbered ärendet och för det vidare till utskottet."
        )
    return problems
