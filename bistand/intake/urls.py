"""Intake: search, new households and cases, distributing cases, household changes."""

from django.urls import path

from bistand.intake import views

app_name = "intake"

urlpatterns = [
    path("intag/", views.intake, name="intake"),
    path("intag/ny/", views.register, name="register"),
    path("arenden/<int:case_id>/fordela/", views.assign, name="assign"),
    path("arenden/<int:case_id>/hushall/", views.household_page, name="household"),
]
