"""`bistand gallring --dry-run | --execute [--as-of ÅÅÅÅ-MM-DD] [--user ANVÄNDARNAMN]`.

Deletes the case records that are due for gallring (five years after the last entry; research
exceptions kept), see docs/gallring.md. The dry run lists case ids, dates and row counts only — no
names, personnummer or case numbers — and changes nothing.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bistand.lifecycle.gallring import service
from bistand.lifecycle.gallring.rules import rule_version


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"”{value}” är inte ett datum skrivet ÅÅÅÅ-MM-DD.") from exc


class Command(BaseCommand):
    help = "Gallrar ärenden fem år efter sista anteckningen (forskningsundantagen sparas)."

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="Visa vad som skulle gallras; ändra inget.")
        mode.add_argument("--execute", action="store_true", help="Gallra på riktigt.")
        parser.add_argument("--as-of", help="Gallra per denna dag, ÅÅÅÅ-MM-DD (standard: i dag).")
        parser.add_argument("--user", help="Användarnamn på den som kör gallringen (loggas).")

    def handle(self, *args, dry_run: bool, execute: bool, as_of: str | None, user: str | None, **options):
        day = _date(as_of) if as_of else timezone.localdate()
        if day > timezone.localdate():
            raise CommandError("Gallring kan inte göras per en dag i framtiden.")
        runner = None
        if user:
            runner = get_user_model().objects.filter(username=user).first()
            if runner is None:
                raise CommandError(f"Det finns ingen användare ”{user}”.")
        self.stdout.write(f"Gallring per {day:%Y-%m-%d}. Regel: {rule_version(day)}")
        if dry_run:
            self._dry_run(day)
        else:
            logs = service.execute(day, user=runner)
            for log in logs:
                rows = sum(log.counts.values())
                self.stdout.write(f"Gallrat ärende-id {log.case_id}: {rows} rader ({_counts(log.counts)})")
            self.stdout.write(f"Klart: {len(logs)} ärenden gallrade.")

    def _dry_run(self, day: date) -> None:
        groups = service.plan(day, with_counts=True)
        purge = [g for g in groups if g.verdict.purge]
        kept = [g for g in groups if g.verdict.due and g.verdict.kept_for_research]
        for group in purge:
            for case in group.cases:
                self.stdout.write(
                    f"Ska gallras: ärende-id {case.case_id} (enhet {case.unit_id}), sista anteckning "
                    f"{case.last_entry:%Y-%m-%d}, skyldighet från {group.verdict.due_on:%Y-%m-%d}, "
                    f"senast {group.deadline:%Y-%m-%d}{' (FÖRSENAD)' if day > group.deadline else ''}: "
                    f"{_counts(case.counts)}"
                )
            self.stdout.write(f"  … och för gruppen: {_counts(group.orphan_counts)}")
        for group in kept:
            ids = ", ".join(str(c.case_id) for c in group.cases)
            self.stdout.write(f"Sparas: ärende-id {ids}. {group.verdict.reason}")
        cases = sum(len(g.cases) for g in purge)
        self.stdout.write(
            f"Torrkörning: {cases} ärenden skulle gallras, {sum(len(g.cases) for g in kept)} sparas för "
            f"forskning, {sum(len(g.cases) for g in groups if not g.verdict.due)} är inte gallringsbara än. "
            "Inget har ändrats."
        )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{label} {n}" for label, n in counts.items()) or "inga rader"
