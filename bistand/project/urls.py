"""URL map: each domain area mounts its own urls module."""

from django.contrib import admin
from django.urls import include, path

from bistand.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("bistand.casework.urls")),
    path("sjalvforsorjning/", include("bistand.selfsupport.urls")),
    path("statistik/", include("bistand.statistics.urls")),
    path("registerutdrag/", include("bistand.lifecycle.urls")),
]
