"""The monthly report per unit, district and city: the one place its figures are computed.

Why one place: the Excel and CSV exports, the `bistand monthly_report` command and the dashboards all
call `build_monthly_report`, so a number can never differ between a spreadsheet and a chart.

How: for each unit we gather the raw material of the month into a `Tally` (sets of case, household and
person ids, sums, lists of waiting days). District and city tallies are *merged* unit tallies — sets
are united and lists concatenated, never averages of averages — so a district's median waiting time is
the median over its applications, and a household helped by two units is counted once in the district.
A `ReportRow` is then read off each tally. The tallies are filled by `bistand.statistics.queries`
(cases, payments, decisions) and `bistand.statistics.selfsupport_figures` (meetings, plans, time).

The set of figures follows what Malmö's districts report monthly since 2014 (Malmö stad 2014: "antal
handläggare, beviljade hushåll, nybesök, aktuella genomförandeplaner, planering- eller
uppföljningsbesök, flerpartssamtal där Arbetsförmedlingen respektive Jobb Malmö har ingått samt antal
inskrivna i respektive verksamhet"), plus the Kolada measures named beside each figure in FIGURES.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from bistand.rules.months import Month
from bistand.rules.municipal import FollowUpTargets, follow_up_targets


@dataclass
class Tally:
    """Raw material of one month for one unit (or merged: a district, the city)."""

    # caseworker id -> employment rate (%) in this unit: split equally between a worker's units
    staff: dict[int, Decimal] = field(default_factory=dict)
    households_paid: set[int] = field(default_factory=set)  # households with payments > 0 kr
    persons_paid: set[int] = field(default_factory=set)  # persons in those households
    cost: int = 0  # kronor paid for the month (corrections included)
    open_cases: set[int] = field(default_factory=set)  # open at the end of the month
    caseload: Counter = field(default_factory=Counter)  # caseworker id -> open cases held at month end
    not_met: set[int] = field(default_factory=set)  # open cases never met by their current caseworker
    decision_days: list[int] = field(default_factory=list)  # first applications decided in the month
    exits: set[int] = field(default_factory=set)  # cases closed in the month
    exits_self_support: set[int] = field(default_factory=set)
    return_cohort: set[int] = field(default_factory=set)  # adults whose case closed 12 months earlier
    returned: set[int] = field(default_factory=set)  # … of whom back on assistance within 12 months
    # From bistand.selfsupport (empty until its data exists):
    first_visits: int = 0
    planning_visits: int = 0
    follow_up_visits: int = 0
    home_visits: int = 0
    multi_party_af: int = 0  # multi-party meetings with Arbetsförmedlingen
    multi_party_labour_unit: int = 0  # … with the municipal labour-market unit
    current_plans: set[int] = field(default_factory=set)  # action plans current at month end
    plan_due: set[int] = field(default_factory=set)  # open cases opened >= 3 months before month end
    plan_in_time: set[int] = field(default_factory=set)  # … with a plan made within 3 months
    follow_up_due: set[int] = field(default_factory=set)  # current plans older than 3 months
    followed_up: set[int] = field(default_factory=set)  # … followed up within the last 3 months
    overdue_follow_ups: set[int] = field(default_factory=set)  # current plans past their due date
    enrolled: dict[str, set[int]] = field(default_factory=dict)  # intervention label -> persons
    goals_reviewed: set[int] = field(default_factory=set)  # goals reviewed at follow-ups in the month
    goals_achieved: set[int] = field(default_factory=set)  # … found achieved
    # Per caseworker, so a worker in two units is counted once when units merge:
    meeting_minutes: dict[int, int] = field(default_factory=dict)
    working_minutes: dict[int, Decimal] = field(default_factory=dict)

    def merge(self, other: Tally) -> Tally:
        merged = Tally()
        for f in fields(Tally):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, set):
                value = mine | theirs
            elif isinstance(mine, Counter):
                value = mine + theirs
            elif f.name == "staff":  # shares of one person's employment rate add up across units
                value = {
                    k: mine.get(k, Decimal(0)) + theirs.get(k, Decimal(0))
                    for k in mine.keys() | theirs.keys()
                }
            elif isinstance(mine, dict) and f.name == "enrolled":
                value = {k: mine.get(k, set()) | theirs.get(k, set()) for k in mine.keys() | theirs.keys()}
            elif isinstance(mine, dict):
                value = {**mine, **theirs}
            elif isinstance(mine, list):
                value = mine + theirs
            else:
                value = mine + theirs
            setattr(merged, f.name, value)
        return merged


def _ratio(numerator, denominator, places: str = "0.0001") -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(places), ROUND_HALF_UP)


@dataclass(frozen=True)
class ReportRow:
    """The figures of one unit, district or the city for one month. None = cannot be computed."""

    level: str  # "unit" | "district" | "city"
    name: str
    district: str
    caseworkers: int
    full_time_equivalents: Decimal
    households: int
    persons: int
    cost: int
    cost_per_household: int | None
    open_cases: int
    cases_per_caseworker: Decimal | None
    caseworkers_over_cap: int
    first_visits: int
    current_plans: int
    planning_visits: int
    follow_up_visits: int
    home_visits: int
    multi_party_af: int
    multi_party_labour_unit: int
    client_time_share: Decimal | None  # 0..1
    meeting_minutes: int
    working_minutes: int
    client_time_goal: Decimal
    not_met: int
    overdue_follow_ups: int
    exits: int
    exits_self_support: int
    return_cohort: int
    not_returned: int
    not_returned_share: Decimal | None  # Kolada U31462
    decisions: int
    decision_days_mean: Decimal | None  # Kolada U31402
    decision_days_median: Decimal | None  # Kolada U31403
    plan_due: int
    plan_in_time: int
    plan_within_three_months_share: Decimal | None  # Kolada U31512
    follow_up_due: int
    followed_up: int
    followed_up_share: Decimal | None  # Kolada U31514
    goals_reviewed: int
    goals_achieved: int
    enrolled: tuple[tuple[str, int], ...]  # (intervention, persons), sorted by label
    caseloads: tuple[int, ...]  # open cases held by each caseworker at month end, ascending


def row_from_tally(level: str, name: str, district: str, t: Tally, targets: FollowUpTargets) -> ReportRow:
    caseworkers = len(t.staff)
    days = sorted(t.decision_days)
    cohort = len(t.return_cohort)
    not_returned = cohort - len(t.returned & t.return_cohort)
    plan_in_time = len(t.plan_in_time & t.plan_due)
    followed_up = len(t.followed_up & t.follow_up_due)
    return ReportRow(
        level=level,
        name=name,
        district=district,
        caseworkers=caseworkers,
        full_time_equivalents=(sum(t.staff.values(), Decimal(0)) / 100).quantize(Decimal("0.01")),
        households=len(t.households_paid),
        persons=len(t.persons_paid),
        cost=t.cost,
        cost_per_household=(
            int((Decimal(t.cost) / len(t.households_paid)).quantize(Decimal(1), ROUND_HALF_UP))
            if t.households_paid
            else None
        ),
        open_cases=len(t.open_cases),
        cases_per_caseworker=_ratio(len(t.open_cases), caseworkers, "0.1"),
        caseworkers_over_cap=sum(1 for n in t.caseload.values() if n > targets.caseload_cap),
        first_visits=t.first_visits,
        current_plans=len(t.current_plans),
        planning_visits=t.planning_visits,
        follow_up_visits=t.follow_up_visits,
        home_visits=t.home_visits,
        multi_party_af=t.multi_party_af,
        multi_party_labour_unit=t.multi_party_labour_unit,
        client_time_share=_ratio(sum(t.meeting_minutes.values()), sum(t.working_minutes.values())),
        meeting_minutes=sum(t.meeting_minutes.values()),
        working_minutes=int(sum(t.working_minutes.values(), Decimal(0))),
        client_time_goal=targets.client_time_goal,
        not_met=len(t.not_met),
        overdue_follow_ups=len(t.overdue_follow_ups),
        exits=len(t.exits),
        exits_self_support=len(t.exits_self_support),
        return_cohort=cohort,
        not_returned=not_returned,
        not_returned_share=_ratio(not_returned, cohort),
        decisions=len(days),
        decision_days_mean=_ratio(sum(days), len(days), "0.1"),
        decision_days_median=Decimal(str(median(days))).quantize(Decimal("0.1")) if days else None,
        plan_due=len(t.plan_due),
        plan_in_time=plan_in_time,
        plan_within_three_months_share=_ratio(plan_in_time, len(t.plan_due)),
        follow_up_due=len(t.follow_up_due),
        followed_up=followed_up,
        followed_up_share=_ratio(followed_up, len(t.follow_up_due)),
        goals_reviewed=len(t.goals_reviewed),
        goals_achieved=len(t.goals_achieved),
        enrolled=tuple(sorted((label, len(persons)) for label, persons in t.enrolled.items())),
        caseloads=tuple(sorted(t.caseload.get(s, 0) for s in t.staff.keys() | t.caseload.keys())),
    )


@dataclass(frozen=True)
class Figure:
    """One column of the report: how to show it and which count it rests on (for suppression).

    `basis` names the ReportRow field counting the persons/households behind the figure; a figure whose
    basis is a small group is suppressed (bistand.statistics.privacy). None = not about clients (staff).
    """

    key: str
    header: str  # Swedish
    kind: str  # count | money | share | decimal | days
    basis: str | None
    source: str = ""  # Kolada id or other source, shown in the exports' notes
    numerator: str | None = None  # for shares: the ReportRow field counting the part


FIGURES: tuple[Figure, ...] = (
    Figure("caseworkers", "Antal handläggare", "count", None),
    Figure("full_time_equivalents", "Årsarbetare (handläggare)", "decimal", None),
    Figure("households", "Beviljade hushåll (utbetalt för månaden)", "count", "households"),
    # Persons rest on the households: never shown for a hidden group of households (persons >= households).
    Figure("persons", "Personer i beviljade hushåll", "count", "households"),
    Figure("cost", "Utbetalt bistånd för månaden (kr)", "money", "households"),
    Figure("cost_per_household", "Utbetalt per hushåll (kr)", "money", "households"),
    Figure("open_cases", "Aktuella ärenden vid månadens slut", "count", "open_cases"),
    # Hidden with the open cases, which it would otherwise give away (× the number of caseworkers).
    Figure("cases_per_caseworker", "Ärenden per handläggare", "decimal", "open_cases"),
    Figure("caseworkers_over_cap", "Handläggare över ärendetaket", "count", None),
    Figure("first_visits", "Nybesök", "count", "first_visits"),
    Figure("current_plans", "Aktuella genomförandeplaner", "count", "current_plans"),
    Figure("planning_visits", "Planeringsbesök", "count", "planning_visits"),
    Figure("follow_up_visits", "Uppföljningsbesök", "count", "follow_up_visits"),
    Figure("home_visits", "Hembesök", "count", "home_visits"),
    Figure("multi_party_af", "Flerpartssamtal med Arbetsförmedlingen", "count", "multi_party_af"),
    Figure(
        "multi_party_labour_unit",
        "Flerpartssamtal med kommunens arbetsmarknadsenhet",
        "count",
        "multi_party_labour_unit",
    ),
    Figure("client_time_share", "Andel arbetstid i klientmöten", "share", None),
    Figure("not_met", "Klienter ej träffade av nuvarande handläggare", "count", "not_met"),
    Figure("overdue_follow_ups", "Försenade uppföljningar", "count", "overdue_follow_ups"),
    Figure("exits", "Avslutade ärenden", "count", "exits"),
    Figure("exits_self_support", "varav till självförsörjning", "count", "exits_self_support"),
    Figure("return_cohort", "Vuxna som avslutades för 12 månader sedan", "count", "return_cohort"),
    Figure(
        "not_returned_share",
        "Ej återaktualiserade inom 12 månader (andel)",
        "share",
        "return_cohort",
        "Kolada U31462",
        numerator="not_returned",
    ),
    Figure("goals_reviewed", "Mål som följts upp under månaden", "count", "goals_reviewed"),
    Figure("goals_achieved", "varav uppnådda", "count", "goals_achieved"),
    Figure("decisions", "Beslut på nyansökningar", "count", "decisions"),
    Figure(
        "decision_days_mean",
        "Dagar från ansökan till beslut, medelvärde",
        "days",
        "decisions",
        "Kolada U31402",
    ),
    Figure(
        "decision_days_median", "Dagar från ansökan till beslut, median", "days", "decisions", "Kolada U31403"
    ),
    Figure("plan_due", "Ärenden aktuella minst tre månader", "count", "plan_due"),
    Figure(
        "plan_within_three_months_share",
        "varav genomförandeplan inom tre månader (andel)",
        "share",
        "plan_due",
        "Kolada U31512",
        numerator="plan_in_time",
    ),
    Figure("follow_up_due", "Genomförandeplaner äldre än tre månader", "count", "follow_up_due"),
    Figure(
        "followed_up_share",
        "varav uppföljda senaste tre månaderna (andel)",
        "share",
        "follow_up_due",
        "Kolada U31514",
        numerator="followed_up",
    ),
)
FIGURE_BY_KEY = {f.key: f for f in FIGURES}


@dataclass(frozen=True)
class MonthlyReport:
    month: Month
    units: tuple[ReportRow, ...]  # sorted by district, unit
    districts: tuple[ReportRow, ...]  # sorted by name
    city: ReportRow
    targets: FollowUpTargets
    interventions: tuple[str, ...]  # every intervention with enrolments, for stable columns

    def rows_for_district(self, district: str) -> list[ReportRow]:
        units = [r for r in self.units if r.district == district]
        return units + [r for r in self.districts if r.name == district]


def build_monthly_report(month: Month, municipality=None, direct: bool = False) -> MonthlyReport:
    """Compute the report for `month` for the whole municipality.

    Always the whole municipality, also when only one district is shown or exported: small-group
    suppression depends on every cell that adds up to a shown total, so a district shown alone must hide
    exactly what it hides in the city's report (otherwise the two together would give a hidden cell away).

    A closed month's unit tallies come from the stored aggregates (bistand.statistics.aggregates);
    `direct=True` computes them from the source tables instead (the same code the aggregates run).
    """
    from bistand.organisation.models import Municipality, Unit
    from bistand.statistics import aggregates

    municipality = municipality or Municipality.objects.order_by("pk").first()
    units = Unit.objects.select_related("district").order_by("district__name", "name", "pk")
    if municipality is not None:
        units = units.filter(district__municipality=municipality)
    units = list(units)
    targets = follow_up_targets(municipality.rules_code if municipality else None, month.last)

    unit_ids = [u.pk for u in units]
    if direct:
        tallies = aggregates.compute_tallies(month, unit_ids)
    else:
        tallies = aggregates.unit_tallies(month, unit_ids)

    unit_rows, by_district = [], {}
    for unit in units:
        tally = tallies[unit.pk]
        unit_rows.append(row_from_tally("unit", unit.name, unit.district.name, tally, targets))
        by_district[unit.district.name] = by_district.get(unit.district.name, Tally()).merge(tally)
    district_rows = [row_from_tally("district", n, n, t, targets) for n, t in sorted(by_district.items())]
    city_tally = Tally()
    for t in by_district.values():
        city_tally = city_tally.merge(t)
    city_name = municipality.name if municipality else "Hela kommunen"
    city = row_from_tally("city", city_name, "", city_tally, targets)
    interventions = tuple(sorted({label for t in tallies.values() for label in t.enrolled}))
    return MonthlyReport(month, tuple(unit_rows), tuple(district_rows), city, targets, interventions)
