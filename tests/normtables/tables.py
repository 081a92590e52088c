"""A riksnorm table for 2027 invented for the tests (about 2 % above 2026), and helpers to vary it.

The amounts are not the real 2027 table; the tests check that whatever an administrator enters is used.
"""

TABLE_2027 = """
year = 2027

[[source]]
from = 2027-01-01
cite = "SoF 2025:468 12 kap. 2 §"
title = "12 kap. 2 § socialtjänstförordningen (2025:468) i lydelse för 2027 (testtabell)"
url = "https://example.org/sfs-2026-test"

[children]
# 0 år | 1–2 | 3 | 4–6 | 7–10 | 11–14 | 15–18 | 19–20 år
with_lunch = [2800, 3120, 2780, {band_4_6}, 3900, 4480, 5060, 5100]
without_lunch = [2610, 2860, 2550, 2780]

[adults]
single = {single}
couple = 7240

[common]
by_size = [1310, 1440, 1830, 2070, 2380, 2690, 2890]

[marks]
with_lunch = "{mark}"
without_lunch = "{mark}"
adults = "{mark}"
common = "{mark}"
"""


def table_2027(mark="official", band_4_6=3120, single=4020) -> str:
    return TABLE_2027.format(mark=mark, band_4_6=band_4_6, single=single)


def price_base_amount(year=2027, value=60_000, confidence="official") -> str:
    return f"""
[[amount]]
year = {year}
value = {value}
cite = "SFS 2026:999 (testvärde)"
confidence = "{confidence}"
"""


# A couple with two children, January 2027, rent 9 000 kr, no municipality (no rent cap), no income.
# Ages on 31 January 2027: 4 years (born 2022-03-10, band 4–6 år) and 10 years (born 2016-06-01, 7–10 år).
FAMILY_2027 = {
    "month": "2027-01",
    "members": [
        {"id": "p1", "role": "applicant", "birth_date": "1990-04-01"},
        {"id": "p2", "role": "co_applicant", "birth_date": "1991-05-02"},
        {"id": "c1", "role": "child", "birth_date": "2022-03-10"},
        {"id": "c2", "role": "child", "birth_date": "2016-06-01"},
    ],
    "costs": [{"kind": "rent", "amount": 9000}],
}
# One adult alone, January 2027, rent 6 000 kr.
SINGLE_2027 = {
    "month": "2027-01",
    "members": [{"id": "p1", "role": "applicant", "birth_date": "1985-02-01"}],
    "costs": [{"kind": "rent", "amount": 6000}],
}
