from django.urls import path

from bistand.normtables import views

app_name = "normtables"

urlpatterns = [
    path("", views.tables, name="tables"),
    path("beslut-att-se-over/", views.to_review, name="to_review"),
]
