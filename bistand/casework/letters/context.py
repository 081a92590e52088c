"""Everything a decision letter shows, as plain strings (amounts already written the Swedish way).

Protected identity: if ANY member of the household has protected personal data (skyddade
personuppgifter, any level — the same rule as case visibility in casework/access.py), no address of
anyone appears in the letter; the recipient block says "Adress visas inte (skyddade personuppgifter)"
and the letter is delivered by the unit (by hand or via Skatteverket's förmedlingsuppdrag).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from bistand.cases.models import Decision, DecisionOutcome, Payment
from bistand.casework.decisions.labels import kind_label
from bistand.casework.decisions.legal import APPEAL_TITLE, committee_name
from bistand.casework.decisions.proposals import section_of
from bistand.people.models import HouseholdMember, Person
from bistand.rules.formatting import kr, long_date, month_name

PROTECTED_ADDRESS = "Adress visas inte (skyddade personuppgifter)"

OUTCOME_LABELS = dict(DecisionOutcome.choices)


@dataclass
class Row:
    label: str
    amount: str = ""
    requested: str = ""
    outcome: str = ""
    css: str = ""


@dataclass
class Letter:
    municipality: str
    committee: str
    unit: str
    district: str
    case_number: str
    decided_on: str
    month: str
    title: str
    recipient_name: str
    personal_number: str
    address_lines: list[str]
    applied_for: str
    summary: list[str]
    item_rows: list[Row]
    reasons: list[str]
    calculation_rows: list[Row] = field(default_factory=list)
    income_notes: list[str] = field(default_factory=list)
    judgements: list[str] = field(default_factory=list)
    legal_basis: str = ""
    appeal_title: str = APPEAL_TITLE
    appeal_paragraphs: list[str] = field(default_factory=list)
    signer_name: str = ""
    signer_title: str = ""
    printed_on: str = ""
    automated: list[str] = field(default_factory=list)  # set when the automated decision function decided


def automated_paragraphs(decision: Decision, unit: str) -> list[str]:
    """What an automated decision tells the person (förvaltningslagen (2017:900) 28 § and 32 §: who decided
    and why), and how to get a caseworker to look at it again (omprövning, förvaltningslagen 37 §)."""
    if not decision.automated:
        return []
    return [
        "Beslutet är fattat av kommunens automatiserade beslutsfunktion, som socialnämnden har gett rätt att "
        "besluta enligt delegationsordningen (6 kap. 37 § kommunallagen (2017:725)).",
        f"Funktionen har tillämpat {decision.automated}: din ansökan var en återansökan utan ändringar sedan "
        "förra månaden, dina inkomster stämde med myndigheternas uppgifter och du beviljas allt du har ansökt "
        "om. Beräkningen och skälen nedan är desamma som en handläggare hade gett.",
        f"Vill du att en handläggare tittar på beslutet igen? Kontakta {unit}, så prövar en handläggare "
        "beslutet på nytt. Det påverkar inte din rätt att överklaga.",
    ]


def household_is_protected(household) -> bool:
    return HouseholdMember.objects.filter(household=household).exclude(person__protected_identity="").exists()


def address_lines(person: Person | None, protected: bool) -> list[str]:
    if protected:
        return [PROTECTED_ADDRESS]
    if person is None:
        return []
    postal = person.postal_code.replace(" ", "")
    postal = f"{postal[:3]} {postal[3:]}" if len(postal) == 5 else person.postal_code
    return [line for line in (person.street_address, f"{postal} {person.city}".strip()) if line]


def _summary(decision: Decision) -> list[str]:
    month = month_name(decision.month)
    if decision.outcome == DecisionOutcome.REJECTED:
        lines = [f"Din ansökan om ekonomiskt bistånd för {month} avslås."]
    else:
        lines = [f"Du beviljas ekonomiskt bistånd med {kr(decision.total_granted)} för {month}."]
        if decision.outcome == DecisionOutcome.PARTLY_GRANTED:
            lines.append("En del av det du har ansökt om avslås. Skälen står nedan.")
    payment = Payment.objects.filter(decision=decision, amount__gt=0).order_by("id").first()
    if payment is not None:
        lines.append(f"Pengarna betalas ut till ditt konto den {long_date(payment.pay_date)}.")
    return lines


def income_lines(decision: Decision) -> list[dict]:
    if decision.calculation is None:
        return []
    return [line for line in decision.calculation.result.get("lines", []) if section_of(line) == "income"]


def income_notes(decision: Decision) -> list[str]:
    """The rules' explanations of income that is not counted (jobbstimulans, tax-free allowances …)."""
    return [
        str(line.get("text", ""))
        for line in income_lines(decision)
        if not line.get("counted", True) or not line.get("amount")
    ]


def judgements(decision: Decision) -> list[str]:
    """The caseworker's judgements in the calculation, each with its reason: a cost accepted in full, the
    norm at a higher level, a child's days in the household (all citing SOSFS 2013:1) and a carried
    normöverskott. They belong to the reasons for the decision."""
    if decision.calculation is None:
        return []
    return [
        str(line.get("text", ""))
        for line in decision.calculation.result.get("lines", [])
        if "SOSFS 2013:1" in str(line.get("source", "")) or line.get("rule") == "income.carried_surplus"
    ]


def _calculation_rows(decision: Decision, items, names: dict[str, str]) -> list[Row]:
    """Need items as granted, then each income as counted, the sums and the amount granted."""
    if decision.calculation is None:
        return []
    rows = [Row(i.label, kr(i.granted)) for i in items]
    need = sum(i.granted for i in items)
    rows.append(Row("Summa behov", kr(need), css="sum"))
    for line in income_lines(decision):
        if not line.get("counted", True) or not line.get("amount"):
            continue  # explained in income_notes below the table
        if line.get("rule") == "income.carried_surplus":
            label = f"Normöverskott från {line.get('value')}"
        else:
            label = kind_label("income", line["kind"]) if line.get("kind") else str(line.get("text", ""))
        if line.get("member") and line["member"] in names and len(names) > 1:
            label = f"{label} ({names[line['member']]})"
        rows.append(Row(label, kr(line["amount"])))
    income = int(decision.calculation.result.get("income_total", 0))
    rows.append(Row("Summa inkomster", kr(-income), css="sum"))
    rows.append(Row("Beviljat ekonomiskt bistånd", kr(decision.total_granted), css="total"))
    return rows


def letter_for(decision: Decision) -> Letter:
    case = decision.case
    district = case.unit.district
    municipality = district.municipality
    applicant = case.applicant
    protected = household_is_protected(case.household)
    items = list(decision.items.order_by("id"))
    names = {
        str(m.person_id): m.person.full_name for m in case.household.memberships.select_related("person")
    }
    title = "Beslut om ekonomiskt bistånd"
    if decision.corrects_id:
        title = f"Nytt beslut om ekonomiskt bistånd (ersätter beslutet den {long_date(decision.corrects.decided_on)})"
    application = decision.application
    applied_for = f"Du har ansökt om ekonomiskt bistånd för {month_name(decision.month)}."
    if application is not None:
        applied_for += f" Ansökan ({application.get_kind_display().lower()}) kom in den " + long_date(
            timezone.localtime(application.received_at).date()
        )
        applied_for += "."
    reasons = [r for r in decision.reasons.splitlines() if r.strip()]
    if not reasons:
        reasons = ["Du har rätt till ekonomiskt bistånd enligt beräkningen nedan."]
    signer = decision.decided_by
    if decision.automated:
        signer_name, signer_title = "Automatiserad beslutsfunktion", f"Beslutat enligt {decision.automated}"
    else:
        signer_name = signer.full_name if signer else ""
        signer_title = (signer.title or signer.get_role_display()) if signer else ""
    return Letter(
        municipality=municipality.name,
        committee=committee_name(municipality.name),
        unit=case.unit.name,
        district=district.name,
        case_number=case.number,
        decided_on=long_date(decision.decided_on),
        month=month_name(decision.month),
        title=title,
        recipient_name=applicant.full_name if applicant else "",
        personal_number=applicant.personal_number_display if applicant else "",
        address_lines=address_lines(applicant, protected),
        applied_for=applied_for,
        summary=_summary(decision),
        item_rows=[
            Row(i.label, kr(i.granted), kr(i.requested), OUTCOME_LABELS.get(i.outcome, i.outcome))
            for i in items
        ],
        reasons=reasons,
        calculation_rows=_calculation_rows(decision, items, names),
        income_notes=income_notes(decision),
        judgements=judgements(decision),
        legal_basis=decision.legal_basis,
        appeal_paragraphs=[p for p in decision.appeal_instruction.split("\n\n") if p.strip()],
        signer_name=signer_name,
        signer_title=signer_title,
        printed_on=long_date(timezone.localdate()),
        automated=automated_paragraphs(decision, case.unit.name),
    )
