"""Code lists used in cases: barriers to self-support and exit reasons.

Plain data, no Django, so statistics and reports can use them too.

Barriers (försörjningshinder) are registered per adult and month (Socialstyrelsen, Instruktion för registrering av ekonomiskt bistånd).
Socialstyrelsen's own code table (HSLF-FS 2015:30 bilaga 1) could not be retrieved,
so the list follows the 23 options in Lifecare as used in Sundsvall (a secondary source), which
mirror Socialstyrelsen's categories, plus "Språkhinder", a category Malmö reported in January 2014
(Malmö stad 2014) but which is not verified as an official code; it is marked so.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    label: str  # Swedish, as shown to users
    group: str  # Swedish main group
    official: bool = True
    note: str = ""


BARRIERS: tuple[Code, ...] = (
    Code("part_time_insufficient_income", "Arbetar deltid ofrivilligt, otillräcklig inkomst", "Arbetar"),
    Code("part_time_awaiting_income", "Arbetar deltid ofrivilligt, väntar på inkomst", "Arbetar"),
    Code("full_time_insufficient_income", "Arbetar heltid, otillräcklig inkomst", "Arbetar"),
    Code("full_time_awaiting_income", "Arbetar heltid, väntar på inkomst", "Arbetar"),
    Code("work_barrier_social", "Arbetshinder, sociala skäl", "Arbetshinder"),
    Code("unemployed_no_benefit", "Arbetslös, ingen ersättning/stöd", "Arbetslös"),
    Code("unemployed_insufficient_benefit", "Arbetslös, otillräcklig ersättning/stöd", "Arbetslös"),
    Code("unemployed_awaiting_benefit", "Arbetslös, väntar på ersättning/stöd", "Arbetslös"),
    Code(
        "unaccompanied_youth_student",
        "Ensamkommande ungdom 18–20 år, gymnasiestuderande",
        "Övrigt",
    ),
    Code("establishment_missing", "Etableringsersättning saknas (prestationsförmåga < 25 %)", "Etablering"),
    Code("establishment_insufficient", "Etableringsersättning otillräcklig", "Etablering"),
    Code("establishment_awaiting", "Etableringsersättning, väntar på", "Etablering"),
    Code("parental_benefit_insufficient", "Föräldrapenning otillräcklig", "Föräldraledig"),
    Code("parental_benefit_awaiting", "Föräldrapenning, väntar på", "Föräldraledig"),
    Code("pension_insufficient", "Pension/äldreförsörjningsstöd otillräcklig", "Pension"),
    Code("pension_awaiting", "Pension/äldreförsörjningsstöd, väntar på", "Pension"),
    Code("no_childcare", "Saknar barnomsorg", "Övrigt"),
    Code("sickness_compensation_insufficient", "Sjuk-/aktivitetsersättning, otillräcklig ersättning", "Sjuk"),
    Code("sickness_compensation_awaiting", "Sjuk-/aktivitetsersättning, väntar på ersättning", "Sjuk"),
    Code("sick_certified_no_benefit", "Sjukskriven med läkarintyg, ingen sjukpenning", "Sjuk"),
    Code("sick_certified_insufficient", "Sjukskriven med läkarintyg, otillräcklig sjukpenning", "Sjuk"),
    Code("sick_certified_awaiting", "Sjukskriven med läkarintyg, väntar på sjukpenning", "Sjuk"),
    Code("no_barrier", "Utan försörjningshinder", "Övrigt"),
    Code(
        "language_barrier",
        "Språkhinder",
        "Övrigt",
        official=False,
        note="Kategori i Malmö stads statistik över försörjningshinder (2014).",
    ),
)

BARRIER_BY_CODE = {c.code: c for c in BARRIERS}
BARRIER_CHOICES = [(c.code, c.label) for c in BARRIERS]


# Exit reasons (avslutsorsaker). HSLF-FS 2015:30 bilaga 2 holds Socialstyrelsen's list, which could not be
# retrieved; these are the reasons common practice names. `self_support`
# marks the reasons counted as exits to self-support in follow-up.
@dataclass(frozen=True)
class ExitReason:
    code: str
    label: str
    self_support: bool


EXIT_REASONS: tuple[ExitReason, ...] = (
    ExitReason("work", "Arbete", True),
    ExitReason("studies", "Studier med studiemedel", True),
    ExitReason("other_benefit", "Annan ersättning (t.ex. a-kassa, sjukpenning, pension)", True),
    ExitReason("parental_benefit", "Föräldrapenning", True),
    ExitReason("moved", "Flyttat från kommunen", False),
    ExitReason("household_change", "Ändrade familjeförhållanden", False),
    ExitReason("no_contact", "Ingen kontakt / ansöker inte längre", False),
    ExitReason("deceased", "Avliden", False),
    ExitReason("other", "Annan orsak", False),
)
EXIT_REASON_BY_CODE = {r.code: r for r in EXIT_REASONS}
EXIT_REASON_CHOICES = [(r.code, r.label) for r in EXIT_REASONS]
