"""The legal texts a decision carries: its legal basis and the appeal instruction (plain Python).

Legal basis: Socialtjänstlag (2001:453) was replaced by Socialtjänstlag (2025:400) on
1 July 2025. The right to bistånd — both försörjningsstöd and livsföring i övrigt — was in 4 kap. 1 § of the
old law and is in 12 kap. 1 § of the new one (12 kap. 1 § confirmed by regeringen.se and used in
practice as "12 kap 1, 7 §§ SoL"; Socialstyrelsen: "Nästan alla bestämmelser i 2001 års lag förs över").
A decision applies the law in force on the day it is made, so the decision date — not the month the
support is for — chooses the text.

Appeal instruction: förvaltningslagen (2017:900) 33 § requires the decision to say how
it can be appealed; 44 §: the appeal is made in writing, lodged with the authority that made the
decision (the social committee, not the court), within three weeks from the day the applicant received
the decision, and it must say which decision is appealed and what change is asked for. The court is
förvaltningsrätten. The paragraph on appeals in SoL 2025:400 is not confirmed, so
the instruction names no SoL paragraph.
"""

from __future__ import annotations

from datetime import date

LAW_CHANGE = date(2025, 7, 1)  # SoL 2025:400 in force (SFS 2025:400)

LEGAL_BASIS_OLD = "4 kap. 1 § socialtjänstlagen (2001:453)"
LEGAL_BASIS_NEW = "12 kap. 1 § socialtjänstlagen (2025:400)"


def legal_basis(decided_on: date) -> str:
    """The paragraph a decision on ekonomiskt bistånd made on `decided_on` is based on."""
    return LEGAL_BASIS_NEW if decided_on >= LAW_CHANGE else LEGAL_BASIS_OLD


APPEAL_TITLE = "Hur man överklagar"


def appeal_instruction(committee: str) -> str:
    """The Swedish appeal instruction (besvärshänvisning); `committee` e.g. "Socialnämnden i Testby"."""
    return (
        "Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten.\n\n"
        f"Skriv till {committee} och skicka eller lämna in brevet dit — inte till förvaltningsrätten. "
        "Överklagandet ska vara skriftligt. Skriv vilket beslut du överklagar (beslutsdatum och "
        "ärendenummer), vilken ändring du vill ha och varför. Skriv ditt namn, ditt personnummer "
        "och hur vi kan nå dig.\n\n"
        f"Överklagandet måste ha kommit in till {committee} inom tre veckor från den dag då du fick "
        "del av beslutet. Annars kan det inte prövas.\n\n"
        "Om socialnämnden inte själv ändrar beslutet som du vill, skickar nämnden överklagandet vidare "
        "till förvaltningsrätten. Du kan få hjälp att överklaga av din handläggare.\n\n"
        "Bestämmelser: 33 och 44 §§ förvaltningslagen (2017:900)."
    )


def committee_name(municipality_name: str) -> str:
    return f"Socialnämnden i {municipality_name}"
