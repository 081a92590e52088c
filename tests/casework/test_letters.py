"""Decision letters: read the PDF back with pdftotext (poppler-utils) and check what the applicant sees.

Example (decision_fixtures): need 5 220 + 6 500 + 300 + 120 + 2 000 = 14 140, income 4 000,
assistance 10 140 kr for July 2026, decided 20 June 2026, paid Thursday 25 June 2026.
"""

import shutil
import subprocess
from datetime import date

import pytest

from bistand.audit.models import AuditEvent
from bistand.casework.decisions import correct, decide
from bistand.casework.letters import decision_letter_html, decision_letter_pdf
from bistand.payments.creation import create_payments
from bistand.people.models import HouseholdMember, MemberRole, ProtectedIdentity
from tests.casework.decision_fixtures import ITEMS, example_result, example_setup
from tests.casework.factories import make_calculation, make_person

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 20)


def pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas: apt-get install -y poppler-utils (scripts/system-deps.sh)")
    path = tmp_path / "brev.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.replace("\u00a0", " ").split())  # one line, single spaces


def test_the_letter_has_everything_the_applicant_needs(tmp_path):
    _, staff, _, _, application, calculation = example_setup()
    decision = decide(application, calculation, staff, decided_on=DAY)
    create_payments(decision)
    pdf = decision_letter_pdf(decision, staff)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in [
        "Testby",
        "Socialnämnden i Testby",
        "Ekonomiskt bistånd Centrum",
        "Beslutsdatum: 20 juni 2026",
        "Ärendenummer: EB-2026-001",
        "Åsa Öberg",
        "Personnummer: 19900401-",
        "Storgatan 1",
        "111 22 Testby",
        "Beslut om ekonomiskt bistånd",
        "Du har ansökt om ekonomiskt bistånd för juli 2026.",
        "Du beviljas ekonomiskt bistånd med 10 140 kr för juli 2026.",
        "Pengarna betalas ut till ditt konto den 25 juni 2026.",
        # per need item: requested, granted, outcome
        "Boendekostnad (hyra) 8 000 kr 6 500 kr Delvis bifall",
        "Hushållsel 300 kr 300 kr Bifall",
        "Boendekostnaden 8 000 kr är högre än kommunens skäliga boendekostnad",
        # the calculation table
        "Riksnormen (livsmedel, kläder, fritid, hygien, telefon m.m.) 5 220 kr",
        "Summa behov 14 140 kr",
        "Lön −4 000 kr",
        "Summa inkomster −4 000 kr",
        "Beviljat ekonomiskt bistånd 10 140 kr",
        "12 kap. 1 § socialtjänstlagen (2025:400)",
        # the appeal instruction
        "Hur man överklagar",
        "förvaltningsrätten",
        "inom tre veckor från den dag då du fick del av beslutet",
        "33 och 44 §§ förvaltningslagen (2017:900)",
        # signed
        "Sara Lind",
        "Socialsekreterare, Ekonomiskt bistånd Centrum",
        "Sida 1 av",
    ]:
        assert expected in text, expected
    event = AuditEvent.objects.get(action="print")
    assert event.staff == staff and event.case == decision.case


def test_no_address_anywhere_when_a_household_member_is_protected(tmp_path):
    _, staff, person, case, application, calculation = example_setup()
    child = make_person(
        birth=date(2015, 5, 5),
        first_name="Kim",
        last_name="Öberg",
        protected_identity=ProtectedIdentity.PROTECTED_REGISTRATION,
        street_address="Gömda vägen 2",
    )
    # The child joins after the calculation's month, so the calculation still matches; the protection
    # applies to the whole household all the same.
    HouseholdMember.objects.create(
        household=case.household, person=child, role=MemberRole.CHILD, valid_from=date(2026, 8, 1)
    )
    decision = decide(application, calculation, staff, decided_on=DAY)
    html = decision_letter_html(decision)
    text = pdf_text(decision_letter_pdf(decision, None), tmp_path)
    for secret in ("Storgatan", "111 22", "Gömda"):
        assert secret not in html and secret not in text
    assert "Adress visas inte (skyddade personuppgifter)" in text
    assert "Åsa Öberg" in text
    assert not AuditEvent.objects.filter(action="print").exists()  # no viewer given


def test_a_rejection_under_the_old_law_and_its_correction():
    items = [*ITEMS[:4], ("income", "salary", 20_000)]
    _, staff, _, _, application, calculation = example_setup(
        items=items, month=date(2025, 7, 1), result=example_result(income=20_000)
    )
    rejected = decide(application, calculation, staff, decided_on=date(2025, 6, 30))
    html = decision_letter_html(rejected)
    assert "Din ansökan om ekonomiskt bistånd för juli 2025 avslås." in html
    assert "4 kap. 1 § socialtjänstlagen (2001:453)" in html
    assert "Hushållets inkomster (20\u00a0000\u00a0kr) täcker det beviljade behovet" in html
    new = correct(
        rejected,
        make_calculation(application, example_result(income=20_000)),
        staff,
        "Fel lagrum angavs.",
        decided_on=date(2025, 7, 2),
    )
    html = decision_letter_html(new)
    assert "Nytt beslut om ekonomiskt bistånd (ersätter beslutet den 30 juni 2025)" in html
    assert "12 kap. 1 § socialtjänstlagen (2025:400)" in html
    assert "Skäl: Fel lagrum angavs." in html
