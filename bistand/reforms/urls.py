"""URLs of the reforms, mounted at /reformer/."""

from django.urls import path

from bistand.reforms import views

app_name = "reforms"

CASE = "arenden/<int:case_id>/"

urlpatterns = [
    path(CASE, views.case_overview, name="case"),
    path(CASE + "ny/<slug:kind>/", views.add_record, name="add"),
    path(CASE + "ansokningar/<int:application_id>/aktivitetskrav/", views.sanction, name="sanction"),
    path("ivo/", views.ivo_export, name="ivo_export"),
]
