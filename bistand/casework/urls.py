"""URLs of the caseworker web application. Every page under arenden/<case_id>/ goes through
access.case_for_request (audit log; 404 when the user may not open it), which tests/casework/test_views_access.py checks for each one."""

from django.contrib.auth import views as auth_views
from django.urls import path

from bistand.accounts.views import LoginView
from bistand.casework.views import (
    application_changes,
    applications,
    audit,
    audit_person,
    casefile,
    decisions,
    payments,
    protection,
    start,
)

app_name = "casework"

CASE = "arenden/<int:case_id>/"

urlpatterns = [
    path("logga-in/", LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", start.start, name="start"),
    path("mina-hushall/", start.my_households, name="my_households"),
    path("logg/", audit.audit_log, name="audit_log"),
    path("logg/person/", audit_person.person_audit, name="person_audit"),
    path("skyddade-arenden/", protection.unit_protection, name="unit_protection"),
    path(CASE, casefile.case_file, name="case"),
    path(CASE + "skydd/", protection.case_protection, name="case_protection"),
    path(CASE + "ansokningar/ny/", applications.application_new, name="application_new"),
    path(CASE + "ansokningar/<int:application_id>/", applications.application_detail, name="application"),
    path(
        CASE + "ansokningar/<int:application_id>/andra/",
        applications.application_edit,
        name="application_edit",
    ),
    path(
        CASE + "ansokningar/<int:application_id>/besluta/",
        applications.application_decide,
        name="application_decide",
    ),
    path(
        CASE + "ansokningar/<int:application_id>/aterkalla/",
        application_changes.withdraw,
        name="application_withdraw",
    ),
    path(
        CASE + "ansokningar/<int:application_id>/ratta-manad/",
        application_changes.correct_month,
        name="application_correct_month",
    ),
    path(
        CASE + "ansokningar/<int:application_id>/lamna-over/",
        applications.application_refer,
        name="application_refer",
    ),
    path("utbetalningar/", payments.unit_payments, name="unit_payments"),
    path(CASE + "utbetalningar/", payments.case_payments, name="case_payments"),
    path(CASE + "utbetalningar/<int:payment_id>/retur/", payments.payment_return, name="payment_return"),
    path(CASE + "beslut/<int:decision_id>/", decisions.decision_detail, name="decision"),
    path(CASE + "beslut/<int:decision_id>/brev.pdf", decisions.decision_letter, name="decision_letter"),
    path(CASE + "beslut/<int:decision_id>/ratta/", decisions.decision_correct, name="decision_correct"),
]
