"""The JSON API (django-ninja); its OpenAPI document is served at /api/v1/openapi.json, the docs at /api/v1/docs."""

from django.contrib.auth.views import redirect_to_login
from ninja import NinjaAPI, Swagger

from bistand.api import errors
from bistand.api.limits import DESCRIPTION as LIMITS


class SignedInSwagger(Swagger):
    """The interactive docs (/api/v1/docs) for signed-in users only, with Swagger UI from our own static
    files ("ninja" is an installed app), never from a CDN. The OpenAPI document itself stays public: it is
    the contract the municipality's e-service is built against, and it holds no personal data."""

    def render_page(self, request, api, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().render_page(request, api, **kwargs)


api = NinjaAPI(
    title="Bistånd API",
    version="1",
    description="Ekonomiskt bistånd: beräkning av försörjningsstöd, ansökningar och beslut.\n\n" + LIMITS,
    urls_namespace="api",
    docs=SignedInSwagger(),
    parser=errors.SafeParser(),
)
errors.install(api)  # every error as {"errors": [{"code", "message", "field"}]}, never a 500 for bad input

# 401 with WWW-Authenticate and 403 for missing rights, in the API's error shape.
from bistand.apitokens.auth import install_error_handlers  # noqa: E402

install_error_handlers(api)

# Receiving applications (casework); the router lives with the casework area.
from bistand.api.applications import router as applications_router  # noqa: E402

api.add_router("", applications_router)

# The calculation contract (bistand.rules) over HTTP: POST /api/v1/calculations.
from bistand.api.calculations import router as calculations_router  # noqa: E402

api.add_router("", calculations_router)
