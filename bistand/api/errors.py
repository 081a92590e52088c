"""One error shape and bounded parsing for every endpoint of the API.

Every error the API gives is {"errors": [{"code", "message", "field"}, …]} with a stable English code and
a Swedish message — also when the request never reaches an endpoint: a body that is too large (413), not
UTF-8, not JSON, too deeply nested or with absurd numbers (400, parsed by bistand.rules.safe_json before
anything else looks at it), a body that does not match the schema (422), missing credentials (401), an
unknown address (404), a malformed multipart body (400). Nothing a client sends gives a 500.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from bistand.rules import safe_json
from bistand.rules.errors import MESSAGES, CalculationError

MAX_BODY_BYTES = safe_json.MAX_BYTES


def error_body(code: str, message: str, field: str = "") -> dict:
    return {"errors": [{"code": code, "message": message, "field": field}]}


def respond(body: dict, status: int) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def too_large() -> safe_json.InputRefused:
    return safe_json.refuse("body_too_large", limit=min(MAX_BODY_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE))


def refused_response(exc: CalculationError) -> JsonResponse:
    """400 for a refused document, 413 when it was too large."""
    status = 413 if exc.items[0].code == "body_too_large" else 400
    return respond(exc.to_dict(), status)


def parse_json_body(request: HttpRequest):
    """The request body through the safe loader; raises safe_json.InputRefused."""
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large() from None
    return safe_json.loads(body, max_bytes=MAX_BODY_BYTES)


class SafeParser(Parser):
    """django-ninja's parser with the limits of safe_json (ninja wraps its errors in HttpError(400))."""

    def parse_body(self, request: HttpRequest):
        return parse_json_body(request)


# pydantic's error types -> (code, Swedish message); others become invalid_value.
_VALIDATION = {
    "missing": ("missing_field", "Uppgiften saknas."),
    "extra_forbidden": ("unknown_field", "Okänt fält. Kontrollera stavningen."),
    "string_pattern_mismatch": ("invalid_format", "Värdet har fel format."),
    "string_too_long": ("text_too_long", "Texten är för lång."),
    "too_long": ("too_many_items", "Listan har för många poster."),
    "literal_error": ("invalid_choice", "Värdet är inte ett av de tillåtna värdena."),
    "greater_than_equal": ("number_too_small", "Talet är för litet."),
    "less_than_equal": ("number_too_large", "Talet är för stort."),
    "int_parsing": ("not_an_integer", "Värdet måste vara ett heltal."),
    "int_type": ("not_an_integer", "Värdet måste vara ett heltal."),
    "int_from_float": ("not_an_integer", "Värdet måste vara ett heltal."),
}


_HTTP_ERRORS = {
    400: ("bad_request", "Begäran kunde inte tas emot."),
    403: ("forbidden", "Begäran nekades: CSRF-token saknas eller är fel, eller behörighet saknas."),
    429: ("too_many_requests", "För många anrop. Vänta en stund och försök igen."),
}


def _field(loc) -> str:
    """('body', 'payload', 'costs', 0, 'amount') -> 'costs[0].amount'."""
    parts = list(loc)
    if parts[:1] == ["body"]:
        parts = parts[2:] if len(parts) > 1 and parts[1] == "payload" else parts[1:]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _validation_items(errors: list[dict]) -> list[dict]:
    items = []
    for item in errors:
        code, message = _VALIDATION.get(
            item.get("type", ""), ("invalid_value", "Värdet är ogiltigt eller har fel typ.")
        )
        if code == "number_too_large" and tuple(item.get("loc", ()))[-1:] in (("amount",), ("year_to_date",)):
            code, message = "amount_too_large", MESSAGES["amount_too_large"]  # the same code as a calculation
        items.append({"code": code, "message": message, "field": _field(item.get("loc", ()))})
    return items or [{"code": "invalid_value", "message": "Begäran är ogiltig.", "field": ""}]


def install(api) -> None:
    """Register the handlers on a NinjaAPI so that every error has the shared shape."""
    default = api._lookup_exception_handler(Exception(""))

    def on_http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, CalculationError):
            return refused_response(cause)
        if isinstance(exc, AuthenticationError):
            return respond(error_body("unauthenticated", "Du måste logga in."), 401)
        code, message = _HTTP_ERRORS.get(exc.status_code, _HTTP_ERRORS[400])
        return respond(error_body(code, message), exc.status_code)

    def on_validation_error(request, exc: ValidationError):
        return respond({"errors": _validation_items(exc.errors)}, 422)

    def on_not_found(request, exc):
        return respond(error_body("not_found", "Det efterfrågade finns inte."), 404)

    def on_exception(request, exc: Exception):
        if isinstance(exc, CalculationError):
            return refused_response(exc)
        if isinstance(exc, RequestDataTooBig):
            return refused_response(too_large())
        if isinstance(exc, MultiPartParserError | BadRequest | SuspiciousOperation):
            return respond(error_body("bad_request", "Begäran har fel form och kunde inte läsas."), 400)
        return default(request, exc)

    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(Exception, on_exception)
