"""Hand-checked cases for per-person jobbstimulans, children's earnings per person and year, and the
caseworker's judgements (costs accepted in full, part-time children, norm supplements, carried surplus).

Shared by the Python, command and API tests so that all three doors give the same figures. Amounts of the
riksnorm 2026 are those of SoF 2025:468 12 kap. 2 § as amended by SFS 2025:1046: ensamstående 3 940,
sambor 7 100, barn 1–2 år 3 060, 7–10 år 3 820, 15–18 år 4 960, gemensamma 1 person 1 280, 2 personer
1 410, 3 personer 1 790. Prisbasbelopp 2026: 59 200 kr. Demostad's (invented) rent cap from 2024: 1 person
5 600 kr. Jobbstimulans: 25 % of salary for 24 months after six months in a row with försörjningsstöd.
"""

from tests.rules.helpers import adult, child, request

QUALIFIED = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]  # window 2025-07 … 2027-06
COUPLE = [adult(), adult("p2", "co_applicant", "1988-05-05")]
SALARIES = [
    {"kind": "salary", "member": "p1", "amount": 8000},
    {"kind": "salary", "member": "p2", "amount": 4000},
]
RENT = [{"kind": "rent", "amount": 6000}]


def _couple(p1_history=None, p2_history=None) -> list[dict]:
    members = [dict(m) for m in COUPLE]
    if p1_history is not None:
        members[0]["assistance_history"] = p1_history
    if p2_history is not None:
        members[1]["assistance_history"] = p2_history
    return members


# name -> (request, expected totals, text fragments expected in the lines)
CASES = {
    # Each adult decided on their own months: p1 qualified (2025-01…06), p2 has two months only.
    # norm 7 100 + 1 410 = 8 510; + rent 6 000 = 14 510; income p1 8 000 − 2 000 = 6 000, p2 4 000 -> 10 000;
    # 14 510 − 10 000 = 4 510
    "per-person histories": (
        request("2026-03", _couple(QUALIFIED, ["2026-01", "2026-02"]), costs=RENT, incomes=SALARIES),
        {"norm_total": 8510, "income_total": 10000, "assistance": 4510, "surplus": 0},
        [
            "Jobbstimulans för sökande p1: 2 000 kr (25 % av lönen 8 000 kr)",
            "Sökande p1 fick försörjningsstöd sex månader i följd, 2025-01 till och med 2025-06",
            "Jobbstimulans gäller inte denna månad för medsökande p2: p2 har inte fått försörjningsstöd",
        ],
    ),
    # No per-person histories: the household's qualifies both adults (as before).
    # income 8 000 − 2 000 = 6 000 and 4 000 − 1 000 = 3 000 -> 9 000; 14 510 − 9 000 = 5 510
    "household history for both": (
        request("2026-03", _couple(), costs=RENT, incomes=SALARIES, assistance_history=QUALIFIED),
        {"norm_total": 8510, "income_total": 9000, "assistance": 5510, "surplus": 0},
        ["Hushållet fick försörjningsstöd sex månader i följd, 2025-01 till och med 2025-06"],
    ),
    # A partner who joined brings no history ([]): only the applicant, on the household's months, qualifies.
    # income 6 000 + 4 000 = 10 000; 14 510 − 10 000 = 4 510
    "partner who joined without history": (
        request("2026-03", _couple(None, []), costs=RENT, incomes=SALARIES, assistance_history=QUALIFIED),
        {"norm_total": 8510, "income_total": 10000, "assistance": 4510, "surplus": 0},
        ["Jobbstimulans gäller inte denna månad för medsökande p2"],
    ),
    # One child, two salary items in the same month: one free amount (59 200) for the child, not one per item.
    # 40 000 + 30 000 = 70 000; 70 000 − 59 200 = 10 800 counted (item 1: 0; item 2: 40 000 + 30 000 − 59 200).
    # norm 3 940 + 4 960 + 1 410 = 10 310; + rent 6 000 = 16 310; − 10 800 = 5 510
    "child with two salary items": (
        request(
            "2026-06",
            [adult(), child("2026-06", 16)],
            costs=RENT,
            incomes=[
                {"kind": "salary", "member": "c1", "amount": 40000},
                {"kind": "salary", "member": "c1", "amount": 30000},
            ],
        ),
        {"norm_total": 10310, "income_total": 10800, "assistance": 5510, "surplus": 0},
        ["andra löneposter denna månad 40 000 kr"],
    ),
    # year_to_date 50 000 on both items means the child's 50 000, counted once:
    # item 1: 50 000 + 5 000 = 55 000 ≤ 59 200 -> 0; item 2: 55 000 + 8 000 = 63 000 -> 3 800 counted.
    # 16 310 − 3 800 = 12 510
    "child's year to date counted once": (
        request(
            "2026-06",
            [adult(), child("2026-06", 16)],
            costs=RENT,
            incomes=[
                {"kind": "salary", "member": "c1", "amount": 5000, "year_to_date": 50000},
                {"kind": "salary", "member": "c1", "amount": 8000, "year_to_date": 50000},
            ],
        ),
        {"norm_total": 10310, "income_total": 3800, "assistance": 12510, "surplus": 0},
        ["tidigare i år 50 000 kr; andra löneposter denna månad 5 000 kr"],
    ),
    # Rent 9 000 above Demostad's cap 5 600 for one person, accepted in full: 5 220 + 9 000 = 14 220
    # (without the judgement: 5 220 + 5 600 = 10 820).
    "rent accepted in full": (
        request(
            "2026-03",
            municipality="demostad",
            costs=[
                {
                    "kind": "rent",
                    "amount": 9000,
                    "accepted_in_full": True,
                    "reason": "Söker aktivt billigare bostad",
                }
            ],
        ),
        {"norm_total": 5220, "costs_total": 9000, "assistance": 14220, "surplus": 0},
        [
            "9 000 kr godkänns i sin helhet",
            "högsta skäliga boendekostnad för 1 person är 5 600 kr",
            "Skäl: Söker aktivt billigare bostad",
        ],
    ),
    "rent capped without the judgement": (
        request("2026-03", municipality="demostad", costs=[{"kind": "rent", "amount": 9000}]),
        {"norm_total": 5220, "costs_total": 5600, "assistance": 10820, "surplus": 0},
        ["3 400 kr godkänns inte"],  # 9 000 − 5 600
    ),
    # A 2-year-old 12 days of the month: 3 060 / 30 × 12 = 1 224; norm 3 940 + 1 224 + 1 410 (2 persons) = 6 574
    "child 12 days": (
        request("2026-03", [adult(), {**child("2026-03", 2), "days_in_household": 12}]),
        {"norm_total": 6574, "assistance": 6574},
        ["3 060 kr / 30 × 12 dagar = 1 224 kr"],
    ),
    # A 7-year-old 7 days: 3 820 × 7 / 30 = 891,33 -> 891; norm 3 940 + 891 + 1 410 = 6 241
    "child 7 days, rounded": (
        request("2026-03", [adult(), {**child("2026-03", 7), "days_in_household": 7}]),
        {"norm_total": 6241, "assistance": 6241},
        ["3 820 kr / 30 × 7 dagar = 891 kr (avrundat från 891,33 kr)"],
    ),
    # 31 days (30 or more) is the whole month: 3 940 + 3 060 + 1 410 = 8 410
    "child 31 days": (
        request("2026-03", [adult(), {**child("2026-03", 2), "days_in_household": 31}]),
        {"norm_total": 8410, "assistance": 8410},
        ["hela månadsbeloppet 3 060 kr"],
    ),
    # Norm at a higher level (medically required diet 450 kr): 3 940 + 1 280 + 450 = 5 670
    "norm supplement": (
        request(
            "2026-03",
            norm_supplements=[
                {"kind": "medical_diet", "amount": 450, "reason": "Glutenfri kost enligt läkarintyg"}
            ],
        ),
        {"norm_total": 5670, "assistance": 5670},
        [
            "fördyrad kost av medicinska skäl: 450 kr utöver normens belopp",
            "Skäl: Glutenfri kost enligt läkarintyg",
        ],
    ),
    # Normöverskott 1 200 kr from February carried into March: 5 220 + 6 000 − 1 200 = 10 020
    "carried surplus": (
        request("2026-03", costs=RENT, carried_surplus={"amount": 1200, "from_month": "2026-02"}),
        {"norm_total": 5220, "income_total": 1200, "assistance": 10020, "surplus": 0},
        ["Normöverskott från 2026-02: 1 200 kr räknas som inkomst"],
    ),
}
