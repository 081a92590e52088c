"""The reform rules (bistand.rules.reforms), pure: aktivitetskrav start and exemptions, and the
certificate, second-hand lease and residence flags switching on at their dates.

Dates from the lagrådsremisser (December 2025): aktivitetskrav in force 1 July 2026, applied first to
assistance for October 2026, after at least three consecutive months of försörjningsstöd; läkarintyg
from 1 July 2026; second-hand leases and lawful residence from 1 January 2027. Ages are taken on the
first day of the month applied for.
"""

from datetime import date

import pytest

from bistand.rules import reforms as r
from bistand.rules.reforms import Exemption

OCT = date(2026, 10, 1)
JUL_SEP = ["2026-07", "2026-08", "2026-09"]
ADULT = date(1990, 4, 1)  # 36 years old in October 2026


@pytest.fixture(autouse=True)
def file_values_only():
    """The rules as in parameters/reforms.toml, without the running system's stored changes."""
    saved = r._override_source
    r.set_override_source(None)
    yield
    r.set_override_source(saved)


@pytest.mark.parametrize(
    "birth, month, assisted, exemptions, applies, reason_part",
    [
        # July, August, September paid: 3 consecutive months before October -> applies
        (ADULT, OCT, JUL_SEP, [], True, "3 månader i följd"),
        # five months in a row (May–Sep) also applies, and the reason counts 5
        (ADULT, OCT, ["2026-05", "2026-06", *JUL_SEP], [], True, "5 månader i följd"),
        # a gap in August: only September counts -> 1 month, does not apply
        (ADULT, OCT, ["2026-07", "2026-09"], [], False, "1 månad(er) i följd"),
        # June–August but not September: 0 months just before October
        (ADULT, OCT, ["2026-06", "2026-07", "2026-08"], [], False, "0 månad(er)"),
        # September 2026 with June–August: the rule is applied first to October 2026
        (ADULT, date(2026, 9, 1), ["2026-06", "2026-07", "2026-08"], [], False, "från och med oktober 2026"),
        # under 18: born 15 Nov 2008 is 17 on 1 Oct 2026
        (date(2008, 11, 15), OCT, JUL_SEP, [], False, "under 18 år"),
        # turns 18 on 1 Oct 2026 itself: no longer under 18 -> applies
        (date(2008, 10, 1), OCT, JUL_SEP, [], True, "inget undantag"),
        # 19 (born 1 May 2007) in gymnasieskola Aug 2026–Jun 2027 -> exempt
        (
            date(2007, 5, 1),
            OCT,
            JUL_SEP,
            [Exemption("school", date(2026, 8, 15), date(2027, 6, 10))],
            False,
            "gymnasieskola",
        ),
        # 21 (born 30 Sep 2005, 21 on 1 Oct 2026): the school exemption is for 18–20 only -> applies
        (
            date(2005, 9, 30),
            OCT,
            JUL_SEP,
            [Exemption("school", date(2026, 8, 15), date(2027, 6, 10))],
            True,
            "inget undantag",
        ),
        # full-time occupation from 15 Oct 2026 covers part of October -> exempt
        (
            ADULT,
            OCT,
            JUL_SEP,
            [Exemption("full_time_occupation", date(2026, 10, 15))],
            False,
            "Heltidssysselsättning",
        ),
        # full-time occupation that ended 30 Sep 2026 -> applies in October
        (
            ADULT,
            OCT,
            JUL_SEP,
            [Exemption("full_time_occupation", date(2026, 1, 1), date(2026, 9, 30))],
            True,
            "inget undantag",
        ),
        # sickness benefit open-ended since March 2026 -> exempt
        (ADULT, OCT, JUL_SEP, [Exemption("sickness_benefit", date(2026, 3, 1))], False, "Sjukpenning"),
        # pension target age 67: born 30 Sep 1959 is 67 on 1 Oct 2026 -> exempt
        (date(1959, 9, 30), OCT, JUL_SEP, [], False, "riktåldern för pension"),
        # born 2 Oct 1959 is still 66 on 1 Oct 2026 -> applies
        (date(1959, 10, 2), OCT, JUL_SEP, [], True, "inget undantag"),
    ],
)
def test_activity_requirement(birth, month, assisted, exemptions, applies, reason_part):
    result = r.activity_requirement(birth, month, assisted, exemptions)
    assert result.applies is applies
    assert reason_part in result.reason


def test_participation_flags_only_unexcused_absence_near_the_month():
    p = r.Participation
    months = [
        (date(2026, 8, 1), p(40, 8)),  # two months before November: not flagged
        (date(2026, 10, 1), p(60, 0, 20)),  # excused only: not flagged
        (date(2026, 11, 1), p(50, 12)),  # the month applied for: flagged
    ]
    flags = r.participation_flags("Åsa", date(2026, 11, 1), True, True, months)
    assert flags == [
        "Åsa: frånvaro utan godtagbart skäl 12 timmar i november 2026 (närvaro 50 timmar). Handläggaren "
        "bedömer om försörjningsstödet ska vägras eller sättas ned; det sker aldrig automatiskt."
    ]
    assert r.participation_flags("Åsa", date(2026, 11, 1), False, False, months) == []
    assert r.participation_flags("Åsa", date(2026, 11, 1), True, False, []) == [
        "Åsa: aktivitetskravet gäller men ingen aktivitet är anvisad."
    ]


def test_certificate_flag_switches_on_1_july_2026():
    assert r.certificate_flag("Bo", date(2026, 6, 1), True, []) is None
    missing = r.certificate_flag("Bo", date(2026, 7, 1), True, [])
    assert missing.startswith("Bo: läkarintyg saknas")
    assert r.certificate_flag("Bo", date(2026, 7, 1), False, []) is None  # no illness-related barrier
    cert = [(date(2026, 7, 1), date(2026, 8, 31))]
    assert r.certificate_flag("Bo", date(2026, 8, 1), True, cert) is None
    assert "läkarintyget gällde till 2026-08-31" in r.certificate_flag("Bo", date(2026, 9, 1), True, cert)


def test_lease_flag_switches_on_1_january_2027():
    no_consent = [(True, False, date(2026, 1, 1), None)]
    assert r.lease_flag(date(2026, 12, 1), True, no_consent) is None
    assert r.lease_flag(date(2027, 1, 1), True, no_consent).startswith("Hyran avser en andrahandsupplåtelse")
    assert r.lease_flag(date(2027, 1, 1), False, no_consent) is None  # no rent applied for
    assert r.lease_flag(date(2027, 1, 1), True, [(True, True, date(2026, 1, 1), None)]) is None
    assert r.lease_flag(date(2027, 1, 1), True, [(False, False, date(2026, 1, 1), None)]) is None


def test_residence_flag_switches_on_1_january_2027():
    none = [("none", date(2026, 1, 1), None)]
    assert r.residence_flag("Cy", date(2026, 12, 1), none) is None
    assert "saknar rätt att vistas i sverige för månaden" in r.residence_flag("Cy", date(2027, 1, 1), none)
    assert r.residence_flag("Cy", date(2027, 1, 1), [("citizen", date(1990, 1, 1), None)]) is None
    assert r.residence_flag("Cy", date(2027, 1, 1), [("eu_right", date(2026, 5, 1), None)]) is None
    # a permit that expired on 31 Dec 2026 does not cover January 2027
    expired = r.residence_flag("Cy", date(2027, 1, 1), [("permit", date(2024, 1, 1), date(2026, 12, 31))])
    assert "ingen registrerad rätt att vistas" in expired
    assert "ansökan om tillstånd pågår" in r.residence_flag(
        "Cy", date(2027, 2, 1), [("pending", date(2026, 11, 1), None)]
    )
    assert r.residence_flag("Cy", date(2027, 1, 1), []) is None  # nothing recorded: no sign of unlawful


def test_rules_carry_source_and_status_an_administrator_can_change():
    lease = r.rule(r.LEASE)
    assert (lease.status, lease.applies_from) == ("proposed", date(2027, 1, 1))
    assert "Reformerat försörjningsstöd" in lease.source
    assert r.rule(r.ACTIVITY).in_force == date(2026, 7, 1)
    assert r.rule(r.ACTIVITY).applies_from == date(2026, 10, 1)
    try:
        r.set_override_source(lambda: {r.LEASE: {"status": "enacted", "legal_basis": "SoL 2025:400 x §"}})
        assert r.rule(r.LEASE).status_label == "Beslutad"
        assert r.rule(r.LEASE).legal_basis == "SoL 2025:400 x §"
        assert r.rule(r.RESIDENCE).status == "proposed"
        assert "Beslutad regel från 2027-01-01" in r.lease_flag(
            date(2027, 1, 1), True, [(True, False, date(2026, 1, 1), None)]
        )
    finally:
        r.set_override_source(None)
