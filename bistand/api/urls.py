"""The JSON API (django-ninja); its OpenAPI document is served at /api/v1/openapi.json."""

from ninja import NinjaAPI

from bistand.api import errors
from bistand.api.limits import DESCRIPTION as LIMITS

api = NinjaAPI(
    title="Bistånd API",
    version="1",
    description="Ekonomiskt bistånd: beräkning av försörjningsstöd, ansökningar och beslut.\n\n" + LIMITS,
    urls_namespace="api",
    parser=errors.SafeParser(),
)
errors.install(api)  # every error as {"errors": [{"code", "message", "field"}]}, never a 500 for bad input

# Receiving applications (casework); the router lives with the casework area.
from bistand.casework.api import router as applications_router  # noqa: E402

api.add_router("", applications_router)

# The calculation contract (bistand.rules) over HTTP: POST /api/v1/calculations.
from bistand.api.calculations import router as calculations_router  # noqa: E402

api.add_router("", calculations_router)
