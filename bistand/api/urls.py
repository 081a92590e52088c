"""The JSON API (django-ninja); its OpenAPI document is served at /api/v1/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Bistånd API",
    version="1",
    description="Ekonomiskt bistånd: beräkning av försörjningsstöd, ansökningar och beslut.",
    urls_namespace="api",
)

# 401 with WWW-Authenticate and 403 for missing rights, in the API's error shape.
from bistand.apitokens.auth import install_error_handlers  # noqa: E402

install_error_handlers(api)

# Receiving applications (casework); the router lives with the casework area.
from bistand.casework.api import router as applications_router  # noqa: E402

api.add_router("", applications_router)

# The calculation contract (bistand.rules) over HTTP: POST /api/v1/calculations.
from bistand.api.calculations import router as calculations_router  # noqa: E402

api.add_router("", calculations_router)
