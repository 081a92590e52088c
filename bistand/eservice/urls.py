"""The resident e-service's pages, under /mina-sidor/ (bistand/project/urls.py)."""

from django.urls import path

from bistand.eservice.views import session, start

app_name = "eservice"

urlpatterns = [
    path("", start.start, name="start"),
    path("logga-in/", session.login, name="login"),
    path("logga-in/test/", session.demo_login, name="demo_login"),
    path("logga-in/e-legitimation/", session.oidc_login, name="oidc_login"),
    path("logga-in/svar/", session.oidc_callback, name="oidc_callback"),
    path("logga-ut/", session.logout, name="logout"),
    path("sprak/", session.language, name="language"),
]
