"""Gallring: five years after the last entry, the research exceptions, the dry run and the purge log.

Dates: the last entry of the boundary case is written on 16 June 2021 (Wednesday). Five years later is
16 June 2026 (socialtjänstlagen: "fem år efter det att sista anteckningen gjordes i akten"), so the case
is due on 2026-06-16 and not on 2026-06-15. The obligation must be met by 31 December 2027 (the
calendar year after it arose).
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from bistand.audit.models import AuditEvent
from bistand.cases.models import Case, Decision, Payment
from bistand.lifecycle.gallring import service
from bistand.lifecycle.gallring.rules import deadline, due_on, research_rule_on, years_after
from bistand.lifecycle.models import PurgeLog
from bistand.payments.models import BatchConfirmation
from bistand.people.models import Household, MemberRole, Person
from tests.casework.factories import make_case, make_household, make_municipality, make_staff, make_unit
from tests.lifecycle.world import GRANTED, history, person_case

LAST_ENTRY = date(2021, 6, 16)


@pytest.fixture
def unit(db):
    return make_unit()  # Testby, kommunkod 9998: no county exception


@pytest.fixture
def staff(unit):
    return make_staff(unit)


def old_case(unit, staff, birth=date(1980, 3, 2), last_entry=LAST_ENTRY, name=("Åke", "Ström")):
    person, case = person_case(unit, staff, birth, *name, opened_on=date(2021, 1, 4))
    history(case, staff, date(2021, 2, 1), date(2021, 1, 27))
    history(case, staff, date(2021, 7, 1), last_entry)
    return person, case


def verdict_for(case, as_of):
    return next(g.verdict for g in service.plan(as_of) if case.pk in [c.case_id for c in g.cases])


def test_due_date_is_five_years_after_the_last_entry_and_deadline_the_year_after():
    assert due_on(date(2021, 6, 16)) == date(2026, 6, 16)
    assert deadline(date(2021, 6, 16)) == date(2027, 12, 31)
    # 29 February has no day five years later; the obligation starts on 1 March, never earlier.
    assert years_after(date(2020, 2, 29), 5) == date(2025, 3, 1)


def test_the_last_entry_is_the_latest_record_of_the_case(unit, staff):
    _, case = old_case(unit, staff)
    plan = next(g for g in service.plan(date(2026, 1, 1)) if g.cases[0].case_id == case.pk)
    assert plan.last_entry == LAST_ENTRY


def test_exactly_five_years_is_due_one_day_less_is_not(unit, staff):
    _, case = old_case(unit, staff)
    assert verdict_for(case, date(2026, 6, 15)).purge is False
    assert verdict_for(case, date(2026, 6, 16)).purge is True

    assert service.execute(date(2026, 6, 15)) == []
    assert Case.objects.filter(pk=case.pk).exists()
    logs = service.execute(date(2026, 6, 16))
    assert [log.case_id for log in logs] == [case.pk]
    assert not Case.objects.filter(pk=case.pk).exists()


def test_a_journal_note_written_later_moves_the_date(unit, staff):
    _, case = old_case(unit, staff)
    history(case, staff, date(2022, 1, 1), date(2021, 12, 20))
    assert verdict_for(case, date(2026, 6, 16)).purge is False
    assert verdict_for(case, date(2026, 12, 20)).purge is True


def test_reading_the_case_does_not_extend_the_retention(unit, staff):
    from bistand.audit import audit
    from tests.lifecycle.world import on_day

    _, case = old_case(unit, staff)
    with on_day(date(2024, 1, 10)):
        audit.record(action=audit.AuditAction.VIEW, what="Akt: tidslinje", staff=staff, case=case)
    assert verdict_for(case, date(2026, 6, 16)).purge is True


@pytest.mark.parametrize("day", [5, 15, 25])
def test_persons_born_on_the_5th_15th_and_25th_are_kept_for_research(unit, staff, day):
    _, case = old_case(unit, staff, birth=date(1985, 5, day))
    verdict = verdict_for(case, date(2026, 11, 30))
    assert verdict.due and verdict.kept_for_research and not verdict.purge
    assert service.execute(date(2026, 11, 30)) == []
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_child_born_on_the_25th_keeps_the_household_case(unit, staff):
    person, case = old_case(unit, staff)
    child = Person.objects.create(
        personal_number="201501259996", first_name="Ida", last_name="Ström", birth_date=date(2015, 1, 25)
    )
    case.household.memberships.create(person=child, role=MemberRole.CHILD, valid_from=date(2021, 1, 4))
    assert verdict_for(case, date(2026, 11, 30)).kept_for_research


@pytest.mark.parametrize(
    ("code", "kept"),
    [("0580", True), ("0980", True), ("2281", True), ("1480", True), ("1280", False), ("0180", False)],
)
def test_the_research_counties_and_goteborg_keep_everything(db, code, kept):
    # SCB kommunkoder: 0580 Linköping (Östergötland), 0980 Gotland, 2281 Sundsvall (Västernorrland),
    # 1480 Göteborg; 1280 Malmö and 0180 Stockholm are outside the exception.
    municipality = make_municipality(name=f"Kommun {code}", code=code, rules_code=f"k{code}")
    unit = make_unit(municipality=municipality, district_name=f"D{code}")
    staff = make_staff(unit)
    _, case = old_case(unit, staff)
    verdict = verdict_for(case, date(2026, 11, 30))
    assert verdict.due and verdict.kept_for_research is kept


def test_the_research_rule_is_dated_with_its_source():
    rule = research_rule_on(date(2026, 1, 1))
    assert rule.source == "SoF (2025:468) 13 kap. 1 §" and rule.valid_from == date(2025, 7, 1)
    with pytest.raises(ValueError):
        research_rule_on(date(2025, 6, 30))


def test_a_case_is_kept_while_another_case_of_the_same_person_is_kept(unit, staff):
    person, old = old_case(unit, staff)
    household = make_household(unit.district, [(person, MemberRole.APPLICANT)], valid_from=date(2023, 1, 1))
    recent = make_case(household, unit, caseworker=staff, opened_on=date(2023, 1, 2))
    history(recent, staff, date(2023, 2, 1), date(2023, 1, 20))
    assert verdict_for(old, date(2026, 6, 16)).purge is False
    assert service.execute(date(2026, 6, 16)) == []
    # Both go once the newer case is five years old too.
    assert sorted(log.case_id for log in service.execute(date(2028, 1, 20))) == sorted([old.pk, recent.pk])
    assert not Person.objects.filter(pk=person.pk).exists()


def test_dry_run_lists_counts_without_personal_data_and_deletes_nothing(unit, staff):
    person, case = old_case(unit, staff)
    before = (Case.objects.count(), Decision.objects.count(), Payment.objects.count(), Person.objects.count())
    out = StringIO()
    call_command("gallring", "--dry-run", "--as-of", "2026-06-16", stdout=out)
    text = out.getvalue()
    after = (Case.objects.count(), Decision.objects.count(), Payment.objects.count(), Person.objects.count())
    assert after == before
    assert f"ärende-id {case.pk}" in text and "cases.Decision 2" in text and "people.Person 1" in text
    assert "1 ärenden skulle gallras" in text and "senast 2027-12-31:" in text  # not yet overdue
    for secret in (person.first_name, person.last_name, person.personal_number, case.number):
        assert secret not in text
    assert not PurgeLog.objects.exists()


def test_execute_logs_what_was_deleted_and_keeps_the_audit_rows_detached(unit, staff):
    person, case = old_case(unit, staff)
    keeper, other = person_case(unit, staff, date(1990, 4, 1), "Anna", "Ek", opened_on=date(2024, 1, 2))
    history(other, staff, date(2024, 2, 1), date(2024, 1, 25))
    view_ids = sorted(AuditEvent.objects.filter(case=case).values_list("pk", flat=True))
    list_ids = sorted(AuditEvent.objects.filter(case_links__case=case).values_list("pk", flat=True))
    assert len(view_ids) == len(list_ids) == 2  # one case view and one list view per month of history
    audit_ids = sorted(view_ids + list_ids)
    household_id = case.household_id
    out = StringIO()
    call_command("gallring", "--execute", "--as-of", "2026-06-16", "--user", staff.user.username, stdout=out)

    log = PurgeLog.objects.get()
    assert log.case_id == case.pk and log.unit_id == unit.pk and log.last_entry_on == LAST_ENTRY
    assert log.due_on == date(2026, 6, 16) and "SoF (2025:468) 13 kap. 1 §" in log.rule_version
    assert log.purged_by == staff.user
    # Two months of history: 2 applications with 3 declared items each, 2 calculations, 2 decisions with
    # 2 items each, 2 payments on 2 batch lines, 2 journal notes, 2 meetings, 2 plans, 2 links from list
    # views to the case; 1 household with 1 member, 1 person.
    expected = {
        "cases.Application": 2, "cases.Calculation": 2, "cases.Case": 1, "cases.DeclaredItem": 6,
        "cases.Decision": 2, "cases.DecisionItem": 4, "cases.Payment": 2, "journal.JournalNote": 2,
        "payments.PaymentBatchLine": 2, "audit.AuditEventCase": 2, "people.Household": 1, "people.HouseholdMember": 1,
        "people.Person": 1, "selfsupport.ActionPlan": 2, "selfsupport.Meeting": 2,
    }  # fmt: skip
    assert {k: v for k, v in log.counts.items() if "_" not in k} == expected
    assert log.detached_audit_ids == audit_ids
    text = str(log.counts) + str(log.rule_version) + log.purged_by_name
    assert person.last_name not in text and person.personal_number not in text

    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Household.objects.filter(pk=household_id).exists()
    # The audit rows stay, no longer pointing at the deleted case; the gallring itself is audited.
    assert (
        sorted(AuditEvent.objects.filter(pk__in=audit_ids, case=None).values_list("pk", flat=True))
        == audit_ids
    )
    assert not AuditEvent.objects.filter(pk__in=list_ids, case_links__isnull=False).exists()
    purge_row = AuditEvent.objects.get(action="purge")
    assert f"ärende-id {case.pk}" in purge_row.what and purge_row.user == staff.user
    # The payment-file facts stay; the other person's case is untouched.
    assert BatchConfirmation.objects.count() == 3
    assert Decision.objects.filter(case=other).count() == 1 and Person.objects.filter(pk=keeper.pk).exists()
    assert "1 ärenden gallrade" in out.getvalue()


def test_the_monthly_statistics_still_count_the_deleted_case(unit, staff):
    from bistand.rules.months import Month
    from bistand.statistics.report import build_monthly_report

    old_case(unit, staff)
    before = build_monthly_report(Month(2021, 7)).city
    assert (before.households, before.persons, before.cost) == (1, 1, GRANTED)
    service.execute(date(2026, 6, 16))
    after = build_monthly_report(Month(2021, 7)).city
    # 1 household of 1 person paid 10 720 kr for July 2021, before and after the gallring.
    assert (after.households, after.persons, after.cost) == (1, 1, 10_720)


def test_the_command_refuses_a_future_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="framtiden"):
        call_command("gallring", "--execute", "--as-of", "2999-01-01")


def test_a_note_written_after_the_plan_was_made_stops_the_deletion(unit, staff, monkeypatch):
    from bistand.journal.models import JournalNote
    from tests.lifecycle.world import on_day

    _, case = old_case(unit, staff)
    real_plan = service.plan

    def plan_then_write(as_of, **kwargs):
        plans = real_plan(as_of, **kwargs)
        with on_day(date(2026, 6, 1)):  # a caseworker writes in the case meanwhile
            JournalNote.objects.create(
                case=case, author=staff, occurred_on=date(2026, 6, 1), heading="Ny", text="…"
            )
        return plans

    monkeypatch.setattr(service, "plan", plan_then_write)
    assert service.execute(date(2026, 6, 16)) == []
    assert Case.objects.filter(pk=case.pk).exists()
