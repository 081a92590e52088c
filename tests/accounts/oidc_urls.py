"""The project's URLs with single sign-on mounted, as when BISTAND_OIDC_* are set at start-up."""

from django.urls import include, path

from bistand.project.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *project_urlpatterns]
