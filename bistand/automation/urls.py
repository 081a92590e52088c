"""Pages of the automated decision function, mounted at /automatisering/."""

from django.urls import path

from bistand.automation import views

app_name = "automation"

urlpatterns = [
    path("kriterier/", views.criteria_page, name="criteria"),
    path("uppfoljning/", views.follow_up, name="follow_up"),
    path(
        "arenden/<int:case_id>/ansokningar/<int:application_id>/stickprov/",
        views.review_sample,
        name="review",
    ),
]
