"""The WSGI application for gunicorn (see gunicorn_conf.py).

Django imports the URL configuration, and with it every view module and the libraries they use (Polars,
openpyxl, WeasyPrint), on the first request. Loading it here instead means gunicorn's master process
(preload_app) loads it once before forking, so no worker's first requests wait seconds for imports.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (imports every view module now, not on the first request)
