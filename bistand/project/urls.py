"""URL map: each domain area mounts its own urls module."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from bistand.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("bistand.casework.urls")),
    path("", include("bistand.journal.urls")),
    path("", include("bistand.intake.urls")),
    # Before any mina-sidor/ include: attachments, messages and the survey (staff and resident pages).
    path("", include("bistand.residentcomm.urls")),
    path("sjalvforsorjning/", include("bistand.selfsupport.urls")),
    path("statistik/", include("bistand.statistics.urls")),
    path("registerutdrag/", include("bistand.lifecycle.urls")),
    path("parametrar/", include("bistand.normtables.urls")),
    path("statistik/konsekvensanalys/", include("bistand.whatif.urls")),
    path("reformer/", include("bistand.reforms.urls")),
    path("inkomstuppgifter/", include("bistand.incomedata.urls")),
    path("automatisering/", include("bistand.automation.urls")),
    path("manadskorning/", include("bistand.monthly.urls")),
    path("mina-sidor/", include("bistand.eservice.urls")),  # the resident e-service (own login)
]

if settings.BISTAND_OIDC_ENABLED:  # the municipality's single sign-on (OpenID Connect), when configured
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
