"""Shared helpers: payments of försörjningsstöd for given months (only the months matter to the rules)."""

from datetime import date

from bistand.cases.models import Decision, Payment


def paid(case, months: list[date], amount: int = 1000) -> None:
    decision = Decision.objects.create(
        case=case,
        month=months[0],
        outcome="granted",
        total_granted=amount,
        decided_on=months[0],
        legal_basis="x",
    )
    for month in months:
        Payment.objects.create(
            key=f"t-{case.pk}-{month:%Y%m}",
            case=case,
            decision=decision,
            month=month,
            amount=amount,
            pay_date=month,
            recipient_name="x",
        )


JUL_SEP_2026 = [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)]
