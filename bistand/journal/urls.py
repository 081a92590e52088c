"""The case journal's page, under the case like the other case pages (access.case_for_request)."""

from django.urls import path

from bistand.journal import views

app_name = "journal"

urlpatterns = [
    path("arenden/<int:case_id>/journal/", views.journal, name="journal"),
]
