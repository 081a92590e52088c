"""Each criterion, alone, on hand-made facts (no database)."""

import pytest

from bistand.automation.criteria import CRITERIA, VERSION, Facts, evaluate

GOOD = Facts(kind="recurring", income_support=9_000, limit=15_000, income_fetched=True)


def test_good_facts_pass_every_criterion():
    assert evaluate(GOOD) == []
    assert VERSION == "kriterier 2026.2"


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"kind": "first"}, "recurring", "Nyansökan: en första ansökan prövas alltid av en handläggare."),
        (
            {"kind": "extra_need"},
            "recurring",
            "Ansökan gäller extra behov och prövas alltid av en handläggare.",
        ),
        (
            {"calculable": False},
            "calculable",
            "Ansökan kan inte beräknas och måste granskas av en handläggare.",
        ),
        (
            {"outcome": "rejected"},
            "full_approval",
            "Förslaget är avslag. Avslag beslutas alltid av en handläggare.",
        ),
        (
            {"outcome": "partly_granted"},
            "full_approval",
            "Förslaget är delvis bifall. Delvis avslag beslutas alltid av en handläggare.",
        ),
        (
            {"changes": ("Ny i hushållet: Bo Ek",)},
            "unchanged",
            "Hushållet eller beloppen har ändrats sedan förra månaden: Ny i hushållet: Bo Ek.",
        ),
        (
            {"income_fetched": False},
            "income_confirmed",
            "Inkomstuppgifter från myndigheterna är inte hämtade för månaden.",
        ),
        (
            {"unresolved_warnings": 2},
            "income_confirmed",
            "Det finns 2 inkomstvarningar som inte är avslutade.",
        ),
        ({"blockers": ("Försörjningshinder saknas.",)}, "no_blockers", "Försörjningshinder saknas."),
        (
            {"extra_needs": 1_500},
            "no_extra_needs",
            "Ansökan gäller även behov utöver försörjningsstöd (1\u00a0500\u00a0kr).",
        ),
        ({"follow_up_overdue": True}, "follow_up", "Uppföljningen av genomförandeplanen är försenad."),
        ({"protected_identity": True}, "not_protected", "Någon i hushållet har skyddade personuppgifter."),
        (
            {"income_support": 15_001},
            "within_limit",
            "Beloppet (15\u00a0001\u00a0kr) är högre än vad den automatiserade beslutsfunktionen får besluta "
            "om enligt delegationsordningen (15\u00a0000\u00a0kr).",
        ),
        (
            {"preliminary_norm": True},
            "final_norm",
            "Beräkningen bygger på en preliminär riksnorm. Den fastställda normen är ännu inte införd.",
        ),
        (  # a reform warning beside the proposal (here the second-hand lease's) goes to the caseworker
            {"reform_flags": ("Hyran avser en andrahandsupplåtelse utan dokumenterat samtycke.",)},
            "no_reform_flags",
            "Hyran avser en andrahandsupplåtelse utan dokumenterat samtycke.",
        ),
    ],
)
def test_each_failing_criterion_gives_its_swedish_reason(change, code, message):
    from dataclasses import replace

    failures = evaluate(replace(GOOD, **change))
    assert [(f.code, f.message) for f in failures] == [(code, message)]


def test_the_limit_itself_is_allowed():
    from dataclasses import replace

    assert evaluate(replace(GOOD, income_support=15_000)) == []


def test_every_criterion_has_a_swedish_title_and_a_reason_why():
    assert len({c.code for c in CRITERIA}) == len(CRITERIA) == 12
    assert all(c.title.endswith(".") and c.why.endswith(".") for c in CRITERIA)
