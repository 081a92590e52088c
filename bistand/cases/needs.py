"""What an application asks money for — its "need" — so the database can allow each need once a month.

Plain Python, no Django: the casework services, the models' constraints and the demo use the same rule.

- A first or recurring application (nyansökan, återansökan) asks for the household's livelihood for the
  month: försörjningsstöd (norm and reasonable costs, SoL 4 kap. 1 §) together with any extra needs
  declared in it. A case has at most one such application per month: its need is LIVELIHOOD.
- An application for an extra need (ansökan om bistånd till livsföring i övrigt, e.g. dental care or
  glasses) comes in beside it. Its need is the set of extra-need kinds it asks for ("extra:dental_care",
  "extra:furniture+glasses"), so another extra need for the same month can be added, while the same
  application sent twice is a duplicate. The casework service also refuses an extra-need application
  naming a kind already asked for that month in another application.

Decisions and payments carry the need of their application, so that at most one payment per case, month
and need is made from an original decision (corrections pay the difference, see payments/creation.py).
"""

from __future__ import annotations

from collections.abc import Iterable

LIVELIHOOD = "livelihood"
EXTRA_PREFIX = "extra:"
EXTRA_NEED_KIND = "extra_need"  # ApplicationKind.EXTRA_NEED
MAX_LENGTH = 200


def need_of(application_kind: str, extra_need_kinds: Iterable[str]) -> str:
    """The need of an application of `application_kind` declaring these extra-need kinds."""
    if application_kind != EXTRA_NEED_KIND:
        return LIVELIHOOD
    return (EXTRA_PREFIX + "+".join(sorted(set(extra_need_kinds))))[:MAX_LENGTH]


def extra_kinds(need: str) -> set[str]:
    """The extra-need kinds an extra-need application's need names (empty for LIVELIHOOD)."""
    if not need.startswith(EXTRA_PREFIX):
        return set()
    return {kind for kind in need[len(EXTRA_PREFIX) :].split("+") if kind}
