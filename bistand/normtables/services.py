"""Entering a year's table (the command and the administration page both come here) and what follows.

`import_table` checks the file (validation.py), stores each year as a new version (never overwriting),
writes the audit row in the same transaction and hands the tables to the rules. When an official table
replaces a preliminary one, every decision of that year calculated with the preliminary table is
recalculated from its stored request; those whose amount changes are listed for the caseworkers to
correct (review.py). Nothing is corrected automatically.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from bistand.audit.audit import AuditAction, record
from bistand.normtables import registry, review
from bistand.normtables.models import DecisionToReview, TableKind, TableStatus, TableVersion
from bistand.normtables.validation import TableRefused, candidates, read_text
from bistand.rules import params

ALREADY_OFFICIAL = {
    TableKind.RIKSNORM: "Riksnormen för {year} är redan officiell.",
    TableKind.PRICE_BASE_AMOUNT: "Prisbasbeloppet för {year} är redan officiellt.",
}

__all__ = ["ImportResult", "TableRefused", "import_table", "import_text"]


@dataclass
class ImportResult:
    versions: list[TableVersion] = field(default_factory=list)
    to_review: list[DecisionToReview] = field(default_factory=list)
    rechecked: int = 0  # decisions recalculated because a preliminary table was replaced

    def as_review(self) -> review.Review:
        return review.Review(self.to_review, self.rechecked)


def import_text(text: str, filename: str = "", **kwargs) -> ImportResult:
    return import_table(read_text(text, filename), origin=filename, **kwargs)


@transaction.atomic
def import_table(
    raw: dict, *, origin: str = "", note: str = "", user=None, staff=None, path="", via=""
) -> ImportResult:
    """Store the file's tables as new versions. Raises TableRefused (Swedish messages); stores nothing then.

    `via` completes the audit row when there is no signed-in user (the command names the system user).
    """
    registry.sync()
    found = candidates(raw, params.norm_table, params.price_base_amount)
    backwards = [
        f"{ALREADY_OFFICIAL[c.kind].format(year=c.year)} En preliminär tabell kan inte ersätta den."
        for c in found
        if c.preliminary and (old := review.in_use(c.kind, c.year)) and not review.is_preliminary(c.kind, old)
    ]
    if backwards:
        raise TableRefused(backwards)
    result = ImportResult()
    replaced = {}
    for candidate in found:
        replaced[(candidate.kind, candidate.year)] = review.in_use(candidate.kind, candidate.year)
        last = TableVersion.objects.filter(kind=candidate.kind, year=candidate.year).aggregate(
            n=Max("version")
        )
        version = TableVersion.objects.create(
            kind=candidate.kind,
            year=candidate.year,
            version=(last["n"] or 0) + 1,
            status=TableStatus.PRELIMINARY if candidate.preliminary else TableStatus.OFFICIAL,
            data=candidate.data,
            source=candidate.source,
            note=note,
            origin=origin[:200],
            created_by=user if user is not None and user.is_authenticated else None,
        )
        result.versions.append(version)
        record(
            action=AuditAction.TABLE,
            what=f"{version} från {origin or 'fil'}{via}; källa {version.source}",
            user=user,
            staff=staff,
            path=path,
        )
    registry.sync(force=True)
    for version in result.versions:
        old = replaced[(version.kind, version.year)]
        if (
            version.status == TableStatus.OFFICIAL
            and old is not None
            and review.is_preliminary(version.kind, old)
        ):
            done = review.review_decisions(version.kind, version.year, version)
            result.to_review.extend(done.rows)
            result.rechecked += done.rechecked
    return result
