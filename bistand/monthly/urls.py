from django.urls import path

from bistand.monthly import views

app_name = "monthly"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:run_id>/", views.progress, name="progress"),
]
