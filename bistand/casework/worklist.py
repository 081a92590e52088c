"""The start page's data: which households need something done, and the caseload against the cap.

A caseworker sees their own open cases; a unit manager sees the unit's cases and each worker's caseload.
"What changed since last month" comes from the decision service, so an unchanged recurring application
can be recognised at a glance and decided with one confirmation.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch

from bistand.cases.models import Application, Case, CaseStatus
from bistand.cases.models.application import ApplicationKind, ApplicationStatus
from bistand.casework import access, caseload_figures, decisions, extensions, queue_marks, referrals
from bistand.organisation.models import Role, StaffMember
from bistand.people.models import HouseholdMember, MemberRole
from bistand.rules.municipal import follow_up_targets


@dataclass
class ApplicationRow:
    application: Application
    changes: list = field(default_factory=list)
    marks: queue_marks.Marks = field(default_factory=queue_marks.Marks)
    action: str = "review"  # queue_marks.action_for: held, barrier, refer, decide, review

    @property
    def unchanged(self) -> bool:
        """The application is the same as last month's (amounts and household); says nothing of the outcome."""
        return not self.changes and self.application.kind == "recurring"


@dataclass
class CaseRow:
    case: Case
    applicant: object
    members: int
    flags: list[str]
    applications: list[ApplicationRow]


@dataclass
class WorkerLoad:
    staff: StaffMember
    open_cases: int  # protected cases included (see open_case_counts)
    to_decide: int
    cap: int | None
    protected: int = 0  # … of which with protected personal data

    @property
    def over_cap(self) -> bool:
        return self.cap is not None and self.open_cases > self.cap


def caseload_cap(municipality, day: date) -> int | None:
    """The municipality's highest number of households per caseworker (a municipal rules parameter).

    None when the municipality has no parameters in the rules package: the page then shows the caseload
    without a cap rather than the follow-up's default one.
    """
    targets = follow_up_targets(municipality.rules_code if municipality is not None else None, day)
    return targets.caseload_cap if targets.from_parameters else None


def _open_cases(queryset, today: date):
    current = HouseholdMember.objects.filter(valid_from__lte=today).exclude(valid_to__lt=today)
    received = Application.objects.filter(status=ApplicationStatus.RECEIVED).order_by("month", "received_at")
    return (
        queryset.filter(status=CaseStatus.OPEN)
        .select_related("household", "unit__district__municipality", "caseworker__user")
        .prefetch_related(
            # The rows name the applicant and count the members: only the names of the persons are read.
            Prefetch(
                "household__memberships",
                queryset=current.select_related("person").only(
                    "household_id",
                    "person_id",
                    "role",
                    "valid_from",
                    "valid_to",
                    "person__first_name",
                    "person__last_name",
                ),
                to_attr="current",
            ),
            Prefetch("applications", queryset=received, to_attr="received"),
        )
        .order_by("number")
    )


def case_rows(cases, staff, today: date, with_changes: bool = True) -> list[CaseRow]:
    return _rows_for(list(_open_cases(cases, today)), staff, with_changes)


def _rows_for(
    cases: list,
    staff,
    with_changes: bool,
    only: set[int] | None = None,
    known: tuple[dict, dict] | None = None,
) -> list[CaseRow]:
    """CaseRows of these (prefetched) cases; `only`: the application ids that get changes and marks;
    `known`: (changes, marks) already worked out for some of them."""
    flags: dict = {}
    for source in extensions.CASE_ROW_FLAGS:
        for case_id, case_flags in (source(cases, staff) or {}).items():
            flags.setdefault(case_id, []).extend(case_flags)
    pending = [a for case in cases for a in case.received if only is None or a.pk in only]
    changes, marks = known if known is not None else ({}, {})
    if with_changes and pending:
        compare = [a for a in pending if a.pk not in changes]
        mark = [a for a in pending if a.pk not in marks]
        changes = {**changes, **(decisions.changes_for_many(compare) if compare else {})}
        marks = {**marks, **(queue_marks.marks_for(mark, staff) if mark else {})}
    rows = []
    for case in cases:
        applicant = next((m.person for m in case.household.current if m.role == MemberRole.APPLICANT), None)
        applications = [_row(a, changes, marks, staff) for a in case.received]
        rows.append(
            CaseRow(case, applicant, len(case.household.current), flags.get(case.pk, []), applications)
        )
    return rows


def _row(application, changes, marks, staff) -> ApplicationRow:
    row = ApplicationRow(application, changes.get(application.pk, []))
    if application.pk in marks:
        row.marks = marks[application.pk]
        row.action = queue_marks.action_for(row.marks, row.unchanged, staff)
    return row


def _by_month(rows) -> list:
    pairs = [(row, app) for row in rows for app in row.applications]
    pairs.sort(key=lambda pair: (pair[1].application.month, pair[1].application.received_at))
    return pairs


class CaseRows(Sequence):
    """The open cases of a caseload as CaseRows, by case number, built a slice at a time.

    len() is one COUNT; a slice (a page of the list) builds only its own rows, so a page of a caseload of
    hundreds of households costs the same as a caseload of ten. Iterating builds every row.
    """

    def __init__(self, cases, staff, today: date, with_changes: bool = False):
        self._cases = cases.filter(status=CaseStatus.OPEN).order_by("number")
        self._staff, self._today, self._with_changes = staff, today, with_changes
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._cases.count()
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            ids = list(self._cases[index].values_list("pk", flat=True))
            return case_rows(Case.objects.filter(pk__in=ids), self._staff, self._today, self._with_changes)
        return self[index : index + 1][0]

    def __iter__(self):
        return iter(self[:])

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, tuple, CaseRows)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class QueueRows(Sequence):
    """The received applications of a caseload as (case row, application row) pairs, oldest month first.

    The order and the count come from one query of ids; a slice (a page of the queue) builds the rows, the
    changes since last month and the queue marks of its own applications only.
    """

    def __init__(self, cases, staff, today: date):
        self._staff, self._today = staff, today
        self._cases = cases.filter(status=CaseStatus.OPEN)
        self._known: tuple[dict, dict] | None = None  # (changes, marks) from counts(), for the page too
        # The one query of the queue gives its order and what the counts read of each application.
        self._applications: list[Application] = list(
            Application.objects.filter(case__in=self._cases.values("pk"), status=ApplicationStatus.RECEIVED)
            .select_related("case")
            .only("pk", "case_id", "month", "kind", "received_at", "status", "version", "case__household_id")
            .order_by("month", "received_at", "case__number", "id")
        )
        self.ids: list[int] = [a.pk for a in self._applications]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        if not wanted:
            return []
        holding = Application.objects.filter(pk__in=wanted).values("case_id")
        cases = list(_open_cases(self._cases.filter(pk__in=holding), self._today))
        rows = _rows_for(cases, self._staff, True, only=set(wanted), known=self._known)
        pairs = {app.application.pk: (row, app) for row in rows for app in row.applications}
        return [pairs[pk] for pk in wanted if pk in pairs]

    def __iter__(self):
        return iter(self[:])

    def counts(self, request=None) -> dict[str, int]:
        """The counts above the queue (_queue_counts); what they work out is reused by the page shown.

        Kept a few minutes per staff member (caseload_figures), and worked out again at once when a
        waiting application comes, goes or changes."""

        def compute() -> dict[str, int]:
            counts, changes, marks = _queue_counts(self._applications, self._staff)
            self._known = (changes, marks)
            return counts

        waiting = tuple((a.pk, a.version) for a in self._applications)
        return caseload_figures.kept(request, self._staff, "queue counts", self._today, waiting, compute)


def _queue_counts(applications: list[Application], staff) -> tuple[dict[str, int], dict, dict]:
    """How many of these applications (with their case's household id) are unchanged, can be decided
    directly, or cannot be decided yet, with the changes and marks worked out on the way.

    The same rules as the queue's rows (ApplicationRow.unchanged, queue_marks.action_for), for a whole
    queue in a fixed number of queries and without building its rows.
    """
    counts = {"unchanged_count": 0, "direct_count": 0, "cannot_decide_count": 0}
    if not applications:
        return counts, {}, {}
    # Only a recurring application can be unchanged (and so decided directly): the others need no comparison.
    recurring = [a for a in applications if a.kind == ApplicationKind.RECURRING]
    changes = decisions.changes_for_many(recurring) if recurring else {}
    marks = queue_marks.marks_for(applications, staff)
    for application in applications:
        row = _row(application, changes, marks, staff)
        counts["unchanged_count"] += row.unchanged
        counts["direct_count"] += row.action == "decide"
        counts["cannot_decide_count"] += row.action in ("barrier", "refer")
    return counts, changes, marks


def handed_to(staff: StaffMember, today: date) -> list:
    """(case row, application row) for the decisions other caseworkers handed to `staff`, oldest first."""
    held = referrals.held_by(staff)
    if not held:
        return []
    ids = {a.pk for a in held}
    rows = case_rows(access.visible_cases(staff).filter(applications__in=ids).distinct(), staff, today)
    for row in rows:
        row.applications = [app for app in row.applications if app.application.pk in ids]
    return _by_month(rows)


def caseworker_start(staff: StaffMember, today: date, request=None) -> dict:
    """The caseworker's lists (built a page at a time by the view) and the counts above them (kept a few
    minutes for the `request`'s session, see caseload_figures)."""
    cases = access.visible_cases(staff).filter(caseworker=staff)
    rows = CaseRows(cases, staff, today)
    to_decide = QueueRows(cases, staff, today)
    municipality = staff.units.first().district.municipality if staff.units.exists() else None
    return {
        "rows": rows,
        "to_decide": to_decide,
        "handed_to_me": handed_to(staff, today),
        **to_decide.counts(request),
        "caseload": len(rows),
        "protected_count": open_case_counts(staff.units.all(), caseworker=staff)[1].get(staff.pk, 0),
        "cap": caseload_cap(municipality, today),
    }


def open_case_counts(units, caseworker: StaffMember | None = None) -> tuple[Counter, Counter, Counter]:
    """The one count of a caseload: open cases per responsible caseworker in these units.

    Cases with protected personal data are counted like every other case (a caseworker's start page
    counts her own protected cases, so her manager's page must too); they are counted, never named.
    Returns (open cases, of which protected, received applications) per caseworker id (None: nobody).
    """
    cases = Case.objects.filter(unit__in=units, status=CaseStatus.OPEN)
    if caseworker is not None:
        cases = cases.filter(caseworker=caseworker)
    protected = HouseholdMember.objects.filter(household=OuterRef("household")).exclude(
        person__protected_identity=""
    )
    rows = cases.annotate(_protected=Exists(protected)).values_list("caseworker_id", "_protected")
    open_by_worker, protected_by_worker = Counter(), Counter()
    for worker_id, is_protected in rows:
        open_by_worker[worker_id] += 1
        protected_by_worker[worker_id] += bool(is_protected)
    pending = Counter(
        Application.objects.filter(case__in=cases, status=ApplicationStatus.RECEIVED).values_list(
            "case__caseworker_id", flat=True
        )
    )
    return open_by_worker, protected_by_worker, pending


def unit_loads(staff: StaffMember, today: date) -> tuple[list[WorkerLoad], int | None, tuple]:
    """Each worker's caseload and pending decisions in the staff member's units, busiest first, with the
    municipality's cap and the counts they come from (open, of which protected, pending per worker)."""
    counts = open_case_counts(staff.units.all())
    open_by_worker, protected_by_worker, pending = counts
    workers = (
        StaffMember.objects.filter(
            units__in=staff.units.all(), role__in=[Role.CASEWORKER, Role.SENIOR_CASEWORKER]
        )
        .select_related("user")
        .distinct()
    )
    municipality = staff.units.first().district.municipality if staff.units.exists() else None
    cap = caseload_cap(municipality, today)
    loads = [
        WorkerLoad(
            w, open_by_worker.get(w.pk, 0), pending.get(w.pk, 0), cap, protected_by_worker.get(w.pk, 0)
        )
        for w in workers
    ]
    loads.sort(key=lambda load: (-load.open_cases, load.staff.full_name))
    return loads, cap, counts


def unit_start(manager: StaffMember, today: date) -> dict:
    """A unit manager's view: caseload and pending decisions per worker, and cases with nobody responsible."""
    cases = access.visible_cases(manager).filter(status=CaseStatus.OPEN)
    loads, cap, (open_by_worker, protected_by_worker, pending) = unit_loads(manager, today)
    unassigned = case_rows(cases.filter(caseworker__isnull=True), manager, today, with_changes=False)
    return {
        "loads": loads,
        "cap": cap,
        "unassigned": unassigned,
        "handed_to_me": handed_to(manager, today),
        "total_open": sum(open_by_worker.values()),
        "total_protected": sum(protected_by_worker.values()),
        "total_pending": sum(pending.values()),
    }
