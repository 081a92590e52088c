"""The language of each page: Swedish for staff always; the resident's own choice in the e-service.

Replaces Django's LocaleMiddleware. Staff pages stay Swedish whatever the browser or a cookie says (the
staff interface is written in Swedish only). Under /mina-sidor/ the resident's choice (a cookie set by
the language switch on every page) decides, Swedish by default.
"""

from django.conf import settings
from django.utils import translation

PREFIX = "/mina-sidor/"
COOKIE = "bistand_mina_sidor_sprak"
RESIDENT_LANGUAGES = ("sv", "en")


def resident_language(request) -> str:
    chosen = request.COOKIES.get(COOKIE, "")
    return chosen if chosen in RESIDENT_LANGUAGES else "sv"


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX):
            language = resident_language(request)
        else:
            language = translation.get_supported_language_variant(settings.LANGUAGE_CODE)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
