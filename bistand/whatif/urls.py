"""/statistik/konsekvensanalys/: the what-if page and its Excel download."""

from django.urls import path

from bistand.whatif import views

app_name = "whatif"
urlpatterns = [
    path("", views.whatif_page, name="page"),
    path("resultat.xlsx", views.whatif_xlsx, name="xlsx"),
]
