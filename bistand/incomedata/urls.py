"""Income data pages, mounted at /inkomstuppgifter/. Every case page goes through access.case_for_request."""

from django.urls import path

from bistand.incomedata import views

app_name = "incomedata"

APPLICATION = "arenden/<int:case_id>/ansokningar/<int:application_id>/"

urlpatterns = [
    path(APPLICATION + "hamta/", views.fetch, name="fetch"),
    path(APPLICATION + "varningar/<int:warning_id>/", views.warning, name="warning"),
]
