"""Extension points through which other areas add to the caseworker's pages.

The path-to-self-support area (bistand.selfsupport) and others register here from their AppConfig.ready(),
so the casework views never import them and each area stays in its own folder.

- START_PAGE_PANELS: callables (staff: StaffMember, request) -> Panel | None, shown on "Mina ärenden".
- CASE_FILE_SECTIONS: callables (case: Case, request) -> Panel | None, shown in the case file.
- TIMELINE_SOURCES: callables (case: Case) -> iterable of TimelineEntry, merged into the case timeline.
- DECISION_CHECKS: callables (application: Application) -> list[str] of Swedish messages; any message
  stops the decision and is shown to the caseworker.
- DECISION_WARNINGS: callables (application: Application) -> list[str] of Swedish messages shown beside
  the decision proposal; unlike DECISION_CHECKS they never stop the decision (the caseworker assesses).
- CASE_ROW_FLAGS: callables (cases: list[Case], staff) -> dict[case_id, list[str]] of short Swedish flags
  shown beside each case on the start page (e.g. "Ej träffad", "Uppföljning försenad").
- APPLICATION_PANELS: callables (application: Application, request) -> Panel | None, shown on the
  application page (e.g. declared against fetched income, the automated decision function's assessment).
- QUEUE_CHECKS: callables (applications: list[Application]) -> dict[application_id, list[Blocker]]: the
  same objections as DECISION_CHECKS for a whole work queue in a fixed number of queries, each with a link
  to where it is put right, so the queue can show before any click what stops a decision.
- JOURNAL_SOURCES: callables (case: Case) -> iterable of JournalEntry: records kept elsewhere that belong in
  the journal (e.g. a meeting's note recorded before meetings wrote journal notes), merged by date.
- MONTHLY_RUN_DECIDERS: callables (applications: list[Application], month: date) -> None, called by the
  monthly run after every received application of the month has its calculation and before payments are
  made. A decider may decide some of them (e.g. the automated decision function, with its reasons); what
  it leaves undecided waits for a person. Deciders must be idempotent: a rerun of the month adds nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    # Ids of the cases the panel names on the start page: the page's audit row (a list view) links them.
    cases: list[int] = field(default_factory=list)


@dataclass
class TimelineEntry:
    when: date | datetime
    kind: str  # short English key, e.g. "meeting", "decision"
    title: str  # Swedish
    text: str = ""
    url: str = ""


@dataclass(frozen=True)
class Blocker:
    message: str  # Swedish, as in DECISION_CHECKS
    url: str = ""  # where it is put right (the caller may add ?tillbaka=)
    link_text: str = ""  # Swedish


SIGNED_AT = "j F Y \\k\\l. H:i"  # Django date format: "2 november 2026 kl. 12:00"


@dataclass
class JournalEntry:
    occurred_on: date
    heading: str  # Swedish
    text: str
    signature: str  # "Registrerad 2 november 2026 kl. 12:00 av Sara Lind"
    source: str = ""  # Swedish, e.g. "Anteckning från mötet"
    url: str = ""
    anchor: str = ""
    written_at: datetime | None = None


START_PAGE_PANELS: list[Callable] = []
CASE_FILE_SECTIONS: list[Callable] = []
TIMELINE_SOURCES: list[Callable[..., Iterable[TimelineEntry]]] = []
DECISION_CHECKS: list[Callable[..., list[str]]] = []
DECISION_WARNINGS: list[Callable[..., list[str]]] = []
CASE_ROW_FLAGS: list[Callable[..., dict]] = []
MONTHLY_RUN_DECIDERS: list[Callable[..., None]] = []
APPLICATION_PANELS: list[Callable] = []
QUEUE_CHECKS: list[Callable[..., dict]] = []
JOURNAL_SOURCES: list[Callable[..., Iterable[JournalEntry]]] = []


def collect_panels(registry: list[Callable], *args) -> list[Panel]:
    panels = [p for p in (fn(*args) for fn in registry) if p is not None]
    return sorted(panels, key=lambda p: p.order)


def decision_blockers(application) -> list[str]:
    messages: list[str] = []
    for check in DECISION_CHECKS:
        messages.extend(check(application))
    return messages


def decision_warnings(application) -> list[str]:
    messages: list[str] = []
    for check in DECISION_WARNINGS:
        messages.extend(check(application))
    return messages


def queue_blockers(applications) -> dict[int, list[Blocker]]:
    """application id -> what stops its decision, for many applications (see QUEUE_CHECKS)."""
    found: dict[int, list[Blocker]] = {}
    applications = list(applications)
    if not applications:
        return found
    for check in QUEUE_CHECKS:
        for application_id, blockers in (check(applications) or {}).items():
            found.setdefault(application_id, []).extend(blockers)
    return found
