"""The input limits of the API, written once for the OpenAPI description (Swedish, Markdown)."""

from bistand.rules import safe_json
from bistand.rules.request import MAX_AMOUNT, MAX_LIST_ITEMS


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


DESCRIPTION = f"""**Gränser för indata** (gäller alla anrop; brott ger fel i formen
`{{"errors": [{{"code", "message", "field"}}]}}`, aldrig ett serverfel):

| gräns | värde | felkod | status |
|---|---|---|---|
| kroppens storlek | högst {_n(safe_json.MAX_BYTES)} byte | `body_too_large` | 413 |
| teckenkodning | UTF-8 | `invalid_encoding` | 400 |
| JSON | giltig JSON (RFC 8259) | `malformed_json` | 400 |
| nästling | högst {safe_json.MAX_DEPTH} nivåer av listor och objekt | `nesting_too_deep` | 400 |
| tal | högst {safe_json.MAX_NUMBER_CHARS} tecken per tal | `number_too_long` | 400 |
| exponent | högst ±{safe_json.MAX_EXPONENT} (t.ex. `1e30`) | `number_out_of_range` | 400 |
| NaN, Infinity | inte tillåtna | `non_finite_number` | 400 |
| ett enskilt belopp | högst {_n(MAX_AMOUNT)} kr | `amount_too_large` | 422 |
| poster i en lista i en beräkning | högst {MAX_LIST_ITEMS} | `too_many_items` | 422 |
"""
