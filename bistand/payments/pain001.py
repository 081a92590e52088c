"""The bank file as an ISO 20022 credit transfer initiation, pain.001.001.03 (docs/payments.md).

pain.001.001.03 (CustomerCreditTransferInitiationV03) is the version the Swedish banks' common
implementation of ISO 20022 is written for ("Swedish Common Interpretation of ISO 20022 Payment
Messages", Svenska Bankföreningen), so every Swedish bank accepts it for domestic account transfers.
The official XSD is in `schemas/` beside this module; the tests validate every file against it.

Layout (deterministic: only stored, immutable rows, so a rerun writes the same bytes):
- GrpHdr: MsgId = the batch's message identifier, CreDtTm = when the batch was made, NbOfTxs and
  CtrlSum over the whole file, InitgPty = the (first) municipality.
- One PmtInf per paying municipality (its own debtor account, IBAN and BIC), ReqdExctnDt = pay date,
  category purpose SSBE (social security benefit), one booking per payment (BtchBookg false), so each
  household sees its own payment on its statement.
- One CdtTrfTxInf per payment: EndToEndId = the payment key (D<decision id>-1, for reconciling with the
  bank's report), the amount in SEK with two decimals, the creditor's clearing number as the creditor
  agent's member id in the Swedish clearing system (SESBA) and the account as BBAN (clearing number
  and account number, digits only), the name, and "Ekonomiskt bistånd YYYY-MM" as unstructured message.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
SCHEMA_FILE = "pain.001.001.03.xsd"
CURRENCY = "SEK"
CATEGORY_PURPOSE = "SSBE"  # ExternalCategoryPurpose1Code: social security benefit
CLEARING_SYSTEM = "SESBA"  # ExternalClearingSystemIdentification1Code: Swedish bank clearing
MAX_NAME = 70  # Max70Text


class MissingPayerAccount(Exception):
    """A municipality has no account to pay from; `names` lists which."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(", ".join(names))


def money(amount: int) -> str:
    """Whole kronor as an ISO 20022 amount: 11600 -> "11600.00"."""
    return f"{Decimal(amount):.2f}"


def _text(value: str, limit: int) -> str:
    return escape(" ".join(value.split())[:limit])


def check_payers(municipalities: Iterable) -> None:
    missing = sorted({m.name for m in municipalities if not (m.payer_iban and m.payer_bic)})
    if missing:
        raise MissingPayerAccount(missing)


def render(batch, lines: list) -> tuple[str, int, int]:
    """(file content, number of payments, total) of a batch. `lines`: its PaymentBatchLines in order,
    with payment__case__unit__district__municipality selected."""
    groups: dict[int, tuple[object, list]] = {}
    for line in lines:
        municipality = line.payment.case.unit.district.municipality
        groups.setdefault(municipality.pk, (municipality, []))[1].append(line.payment)
    check_payers(m for m, _ in groups.values())
    count = len(lines)
    total = sum(line.payment.amount for line in lines)
    created = timezone.localtime(batch.created_at).replace(microsecond=0, tzinfo=None).isoformat()
    first = next(iter(groups.values()))[0] if groups else None
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<Document xmlns="{NAMESPACE}">',
        "<CstmrCdtTrfInitn>",
        "<GrpHdr>",
        f"<MsgId>{escape(batch.message_id)}</MsgId>",
        f"<CreDtTm>{created}</CreDtTm>",
        f"<NbOfTxs>{count}</NbOfTxs>",
        f"<CtrlSum>{money(total)}</CtrlSum>",
        "<InitgPty>",
    ]
    if first is not None:
        out.append(f"<Nm>{_text(first.name, MAX_NAME)}</Nm>")
        if first.payer_org_number:
            out.append(
                "<Id><OrgId><Othr>"
                f"<Id>{escape(first.payer_org_number)}</Id><SchmeNm><Cd>BANK</Cd></SchmeNm>"
                "</Othr></OrgId></Id>"
            )
    out.append("</InitgPty>")
    out.append("</GrpHdr>")
    for number, (municipality, payments) in enumerate(groups.values(), start=1):
        out += _payment_information(batch, number, municipality, payments)
    out += ["</CstmrCdtTrfInitn>", "</Document>", ""]
    return "\n".join(out), count, total


def _payment_information(batch, number: int, municipality, payments: list) -> list[str]:
    out = [
        "<PmtInf>",
        f"<PmtInfId>{escape(batch.message_id)}-{number}</PmtInfId>",
        "<PmtMtd>TRF</PmtMtd>",
        "<BtchBookg>false</BtchBookg>",
        f"<NbOfTxs>{len(payments)}</NbOfTxs>",
        f"<CtrlSum>{money(sum(p.amount for p in payments))}</CtrlSum>",
        "<PmtTpInf><CtgyPurp>",
        f"<Cd>{CATEGORY_PURPOSE}</Cd>",
        "</CtgyPurp></PmtTpInf>",
        f"<ReqdExctnDt>{batch.pay_date.isoformat()}</ReqdExctnDt>",
        f"<Dbtr><Nm>{_text(municipality.name, MAX_NAME)}</Nm></Dbtr>",
        f"<DbtrAcct><Id><IBAN>{escape(municipality.payer_iban)}</IBAN></Id><Ccy>{CURRENCY}</Ccy></DbtrAcct>",
        f"<DbtrAgt><FinInstnId><BIC>{escape(municipality.payer_bic)}</BIC></FinInstnId></DbtrAgt>",
    ]
    for payment in payments:
        out += _transaction(payment)
    out.append("</PmtInf>")
    return out


def _transaction(payment) -> list[str]:
    clearing, _, account = payment.recipient_account.rpartition("-")  # see creation.recipient_account
    out = [
        "<CdtTrfTxInf>",
        f"<PmtId><EndToEndId>{escape(payment.key)}</EndToEndId></PmtId>",
        f'<Amt><InstdAmt Ccy="{CURRENCY}">{money(payment.amount)}</InstdAmt></Amt>',
    ]
    if clearing:
        out.append(
            "<CdtrAgt><FinInstnId><ClrSysMmbId>"
            f"<ClrSysId><Cd>{CLEARING_SYSTEM}</Cd></ClrSysId><MmbId>{clearing}</MmbId>"
            "</ClrSysMmbId></FinInstnId></CdtrAgt>"
        )
    out += [
        f"<Cdtr><Nm>{_text(payment.recipient_name, MAX_NAME)}</Nm></Cdtr>",
        "<CdtrAcct><Id><Othr>"
        f"<Id>{clearing}{account}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm>"
        "</Othr></Id></CdtrAcct>",
        f"<RmtInf><Ustrd>Ekonomiskt bistånd {payment.month:%Y-%m}</Ustrd></RmtInf>",
        "</CdtTrfTxInf>",
    ]
    return out
