from django.urls import path

from bistand.lifecycle.extract import views

app_name = "lifecycle"

urlpatterns = [
    path("", views.extract_page, name="extract"),
    path("<int:person_id>/utdrag.<str:kind>", views.extract_download, name="extract_download"),
]
