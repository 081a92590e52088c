"""The bank file as ISO 20022 pain.001.001.03: content checked by hand, validated against the official XSD,
and delivered once exactly like the CSV file (same message identifier and the same bytes on a rerun)."""

import hashlib
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
import xmlschema
from django.core.management import CommandError, call_command

from bistand.payments import crashpoints, export
from bistand.payments.export import export_payments
from bistand.payments.models import BatchConfirmation, PaymentBatch
from tests.casework.concurrency import SharedDatabase
from tests.casework.factories import make_municipality, make_unit
from tests.casework.test_payments_export import PAY_DAY, paid_case

SCHEMA = Path(export.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
IBAN = "SE0000000000000000009999"  # fake, as the demo's
BIC = "DEMOSEXX"


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(SCHEMA)


def paying_unit():
    municipality = make_municipality()
    municipality.payer_iban, municipality.payer_bic, municipality.payer_org_number = IBAN, BIC, "2120009998"
    municipality.save()
    return make_unit(municipality=municipality)


def texts(element, path):
    return [e.text for e in element.findall(path, NS)]


@pytest.mark.django_db
def test_pain001_content_by_hand_and_valid_against_the_xsd(tmp_path, schema):
    unit = paying_unit()
    anna = paid_case(unit, "Anna", 11_600, bank_clearing="83279", bank_account="912 345 678-0")
    bjorn = paid_case(unit, "Björn", 5_480, bank_clearing="6000", bank_account="123456789")
    cecilia = paid_case(unit, "Cecilia", 2_000, bank_clearing="", bank_account="12345")
    [result] = export_payments(PAY_DAY, tmp_path, file_format="pain.001")
    assert result.path.name.endswith(".xml")
    schema.validate(str(result.path))  # raises on any deviation from the official schema

    root = ET.parse(result.path).getroot()
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert texts(header, "p:MsgId") == [f"BISTAND-20260625-{result.batch.pk:06d}"]
    # 3 payments; 11 600 + 5 480 + 2 000 = 19 080 kr
    assert texts(header, "p:NbOfTxs") == ["3"]
    assert texts(header, "p:CtrlSum") == ["19080.00"]
    assert texts(header, "p:InitgPty/p:Nm") == ["Testby"]
    [info] = root.findall("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert texts(info, "p:NbOfTxs") == ["3"] and texts(info, "p:CtrlSum") == ["19080.00"]
    assert texts(info, "p:ReqdExctnDt") == ["2026-06-25"]
    assert texts(info, "p:PmtTpInf/p:CtgyPurp/p:Cd") == ["SSBE"]
    assert texts(info, "p:DbtrAcct/p:Id/p:IBAN") == [IBAN]
    assert texts(info, "p:DbtrAgt/p:FinInstnId/p:BIC") == [BIC]
    transactions = info.findall("p:CdtTrfTxInf", NS)
    assert [texts(t, "p:PmtId/p:EndToEndId")[0] for t in transactions] == [anna.key, bjorn.key, cecilia.key]
    assert [texts(t, "p:Amt/p:InstdAmt")[0] for t in transactions] == ["11600.00", "5480.00", "2000.00"]
    assert {t.find("p:Amt/p:InstdAmt", NS).get("Ccy") for t in transactions} == {"SEK"}
    assert [texts(t, "p:Cdtr/p:Nm")[0] for t in transactions] == ["Anna Test", "Björn Test", "Cecilia Test"]
    # Clearing number 83279 (Swedbank, five digits), account digits only ("912 345 678-0" -> 9123456780).
    accounts = [texts(t, "p:CdtrAcct/p:Id/p:Othr/p:Id")[0] for t in transactions]
    assert accounts == ["832799123456780", "6000123456789", "12345"]
    clearing = [texts(t, "p:CdtrAgt/p:FinInstnId/p:ClrSysMmbId/p:MmbId") for t in transactions]
    assert clearing == [["83279"], ["6000"], []]
    assert texts(transactions[0], "p:RmtInf/p:Ustrd") == ["Ekonomiskt bistånd 2026-07"]
    confirmation = BatchConfirmation.objects.get()
    assert (confirmation.line_count, confirmation.total_amount) == (3, 19_080)
    assert confirmation.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()


@pytest.mark.django_db
def test_one_payment_information_block_per_paying_municipality(tmp_path, schema):
    paid_case(paying_unit(), "Anna", 1_000)
    other = make_municipality(name="Annanby", code="9997", rules_code="annanby")
    other.payer_iban, other.payer_bic = "SE0000000000000000009997", "ANNASEXX"
    other.save()
    paid_case(make_unit(name="Annanby enhet", district_name="Annanby", municipality=other), "Bo", 2_500)
    [result] = export_payments(PAY_DAY, tmp_path, file_format="pain.001")
    schema.validate(str(result.path))
    root = ET.parse(result.path).getroot()
    infos = root.findall("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert [texts(i, "p:DbtrAcct/p:Id/p:IBAN")[0] for i in infos] == [IBAN, "SE0000000000000000009997"]
    assert [texts(i, "p:CtrlSum")[0] for i in infos] == ["1000.00", "2500.00"]
    # 1 000 + 2 500 = 3 500
    assert texts(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum") == ["3500.00"]


@pytest.mark.django_db
def test_without_the_municipalitys_account_nothing_is_exported(tmp_path):
    paid_case(make_unit(), "Anna", 1_000)
    with pytest.raises(export.ExportError, match="Kommunens konto"):
        export_payments(PAY_DAY, tmp_path, file_format="pain.001")
    assert not PaymentBatch.objects.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_the_command_takes_the_format_and_csv_stays_the_default(tmp_path):
    paid_case(paying_unit(), "Anna", 1_000)
    out = StringIO()
    call_command("export_payments", "--pay-date", "2026-06-25", "--out", str(tmp_path), stdout=out)
    assert [p.suffix for p in tmp_path.iterdir()] == [".csv"]
    paid_case(paying_unit(), "Bo", 2_000)
    call_command(
        "export_payments",
        "--pay-date",
        "2026-06-25",
        "--out",
        str(tmp_path),
        "--format",
        "pain.001",
        stdout=out,
    )
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv", ".xml"]
    with pytest.raises(CommandError):
        call_command(
            "export_payments", "--pay-date", "2026-06-25", "--out", str(tmp_path), "--format", "mt101"
        )


@pytest.mark.concurrency
@pytest.mark.parametrize("step", crashpoints.STEPS)
def test_pain001_killed_at_any_step_the_rerun_writes_the_same_bytes(step, transactional_db, tmp_path, schema):
    unit = paying_unit()
    payments = [paid_case(unit, name, amount) for name, amount in (("Anna", 11_600), ("Björn", 5_480))]
    shared = SharedDatabase(tmp_path)
    shared.publish()
    out = tmp_path / "ut"
    args = ("export_payments", "--pay-date", "2026-06-25", "--out", str(out), "--format", "pain.001")
    killed = shared.run(*args, BISTAND_CRASH_AT=step)
    assert killed.returncode == crashpoints.EXIT_CODE, killed.stderr
    first = (
        {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} if out.exists() else {}
    )
    rerun = shared.run(*args)
    assert rerun.returncode == 0, rerun.stderr
    shared.collect()
    [path] = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert [p for p in out.iterdir() if p.name.startswith(".")] == []
    batch = PaymentBatch.objects.get()
    assert batch.file_format == "pain.001" and path.name == batch.file_name
    if first:
        assert first == {path.name: path.read_bytes()}  # the same bytes, not a second version
    schema.validate(str(path))
    root = ET.parse(path).getroot()
    assert texts(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId") == [batch.message_id]
    assert sorted(texts(root, ".//p:EndToEndId")) == sorted(p.key for p in payments)
    assert BatchConfirmation.objects.get().sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
