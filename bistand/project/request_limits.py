"""Bounded request bodies for the whole site: refused before any byte of the body is read.

Django refuses a too large form body only when a view reads it, and lets a body whose size is not
announced through; this middleware answers 413 as soon as the announced Content-Length passes
DATA_UPLOAD_MAX_MEMORY_SIZE (or, for the attachment pages, UPLOAD_BODY_LIMITS; multipart too),
400 for a Content-Length that is not a number or a NUL character in the query string, and turns the body errors Django raises while a view reads
the body (too large, too many fields, multipart without boundary) into 413/400 — JSON in the API's error
shape under /api/, a Swedish page elsewhere. Nothing is saved by a refused request.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

TOO_LARGE = "Begäran är för stor. Den får vara högst {limit} byte."
MALFORMED = "Det som skickades hade fel form och kunde inte läsas. Inget har sparats."


def _limit() -> str:
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}".replace(",", " ")


def refuse(request, status: int, code: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = {"errors": [{"code": code, "message": message, "field": ""}]}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    html = render_to_string("400.html", {"message": message}, request=request)
    return HttpResponse(html, status=status)


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        announced = request.META.get("CONTENT_LENGTH") or "0"
        if not announced.isascii() or not announced.isdigit():
            return refuse(request, 400, "bad_request", MALFORMED)
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:  # no parameter has a NUL; PostgreSQL refuses it in text
            return refuse(request, 400, "bad_request", MALFORMED)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        for prefix, (upload_limit, message) in getattr(settings, "UPLOAD_BODY_LIMITS", {}).items():
            if request.path.startswith(prefix):  # a page that takes a file has its own, larger bound
                if int(announced) > upload_limit:
                    return refuse(request, 413, "body_too_large", message)
                return self.get_response(request)
        if limit is not None and int(announced) > limit:
            return refuse(request, 413, "body_too_large", TOO_LARGE.format(limit=_limit()))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return refuse(request, 413, "body_too_large", TOO_LARGE.format(limit=_limit()))
        if isinstance(exception, MultiPartParserError | TooManyFieldsSent | TooManyFilesSent):
            return refuse(request, 400, "bad_request", MALFORMED)
        return None
