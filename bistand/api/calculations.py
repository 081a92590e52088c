"""POST /api/v1/calculations: the calculation contract over HTTP (same JSON as `bistand calculate`).

The body is read and validated by bistand.rules itself, so this door gives exactly the errors of the
other two: 400 with code malformed_json when the body is not JSON, 422 with every validation error
otherwise — both as {"errors": [{"code", "message", "field"}, …]}. The calculation stores nothing.
"""

import json
from decimal import Decimal

from django.http import HttpRequest, JsonResponse
from ninja import Router

from bistand import rules
from bistand.api.calculation_schemas import (
    CalculationErrors,
    CalculationRequest,
    CalculationResult,
    inline_schema,
)
from bistand.rules.errors import error

router = Router(tags=["beräkning"])

DESCRIPTION = """Beräknar försörjningsstöd för en månad: riksnorm + skäliga kostnader + livsföring i övrigt −
räknade inkomster. Svaret förklarar varje belopp (`lines`, summan är `assistance − surplus`) och anger vilka
parametrar som använts (`parameters.version`). Fel: 400 om kroppen inte är JSON, 422 vid valideringsfel,
alltid i formen `{"errors": [{"code", "message", "field"}]}`."""


@router.post(
    "/calculations",
    summary="Beräkna försörjningsstöd",
    description=DESCRIPTION,
    response={200: CalculationResult, 400: CalculationErrors, 422: CalculationErrors},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_schema(CalculationRequest)}},
        }
    },
)
def calculate(request: HttpRequest):
    try:
        data = json.loads(request.body.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        body = rules.CalculationError([error("malformed_json", "", detail=exc)]).to_dict()
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    try:
        result = rules.calculate(data)
    except rules.CalculationError as exc:
        return JsonResponse(exc.to_dict(), status=422, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})
