"""The resident e-service's pages, under /mina-sidor/ (bistand/project/urls.py)."""

from django.urls import path

from bistand.eservice.views import apply, follow, session

app_name = "eservice"

urlpatterns = [
    path("", follow.start, name="start"),
    path("logga-in/", session.login, name="login"),
    path("logga-in/test/", session.demo_login, name="demo_login"),
    path("logga-in/e-legitimation/", session.oidc_login, name="oidc_login"),
    path("logga-in/svar/", session.oidc_callback, name="oidc_callback"),
    path("logga-ut/", session.logout, name="logout"),
    path("sprak/", session.language, name="language"),
    path("forsta-ansokan/", apply.first_application, name="first_application"),
    path("ansokan/ny/<int:case_id>/<str:kind>/", apply.start_application, name="start_application"),
    path("ansokan/<int:draft_id>/", apply.draft, name="draft"),
    path("ansokan/<int:draft_id>/fyll-i/", apply.draft_edit, name="draft_edit"),
    path("ansokan/<int:draft_id>/skriv-under/", apply.sign, name="sign"),
    path("ansokan/<int:draft_id>/ta-tillbaka/", apply.withdraw_signature, name="withdraw_signature"),
    path("arende/<int:case_id>/ansokan/<int:application_id>/", follow.application, name="application"),
    path(
        "arende/<int:case_id>/beslut/<int:decision_id>/brev.pdf",
        follow.decision_letter,
        name="decision_letter",
    ),
    path("utbetalningar/", follow.payments, name="payments"),
    path("moten/", follow.meetings, name="meetings"),
    path("moten/<int:meeting_id>/svar/", follow.meeting_reply, name="meeting_reply"),
    path("plan/", follow.plan, name="plan"),
    path("plan/mal/<int:goal_id>/kommentar/", follow.goal_comment, name="goal_comment"),
]
