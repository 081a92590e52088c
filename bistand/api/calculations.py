"""POST /api/v1/calculations: the calculation contract over HTTP (same JSON as `bistand calculate`).

The body is read and validated by bistand.rules itself, so this door gives exactly the errors of the
other two: 400 when the body is refused by bistand.rules.safe_json (not UTF-8, not JSON, too deep, absurd
numbers), 413 when it is too large, 422 with every validation error otherwise — all as
{"errors": [{"code", "message", "field"}, …]}. The calculation stores nothing.
"""

from django.http import HttpRequest, JsonResponse
from ninja import Router

from bistand import rules
from bistand.api.calculation_schemas import (
    CalculationErrors,
    CalculationRequest,
    CalculationResult,
    inline_schema,
)
from bistand.api.errors import parse_json_body, refused_response
from bistand.api.limits import DESCRIPTION as LIMITS

router = Router(tags=["beräkning"])

DESCRIPTION = (
    """Beräknar försörjningsstöd för en månad: riksnorm + skäliga kostnader + livsföring i övrigt −
räknade inkomster. Svaret förklarar varje belopp (`lines`, summan är `assistance − surplus`) och anger vilka
parametrar som använts (`parameters.version`). Fel: 400 om kroppen inte är JSON eller bryter mot
gränserna nedan, 413 om den är för stor, 422 vid valideringsfel (t.ex. `amount_too_large`), alltid i formen
`{"errors": [{"code", "message", "field"}]}`.

"""
    + LIMITS
)


@router.post(
    "/calculations",
    summary="Beräkna försörjningsstöd",
    description=DESCRIPTION,
    response={200: CalculationResult, 400: CalculationErrors, 413: CalculationErrors, 422: CalculationErrors},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_schema(CalculationRequest)}},
        }
    },
)
def calculate(request: HttpRequest):
    try:
        data = parse_json_body(request)
    except rules.CalculationError as exc:
        return refused_response(exc)
    try:
        result = rules.calculate(data)
    except rules.CalculationError as exc:
        return JsonResponse(exc.to_dict(), status=422, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})
