"""URLs of the path to self-support, mounted at /sjalvforsorjning/.

Every page under arenden/<case_id>/ opens the case through access.case_for_request first (audit log and
404), before it looks up anything else, so a user without access gets 404 on every one of them, the
same answer as for a case that does not exist.
"""

from django.urls import path

from bistand.selfsupport.views import assessments, calendar, meetings, other, overview, plans

app_name = "selfsupport"

CASE = "arenden/<int:case_id>/"

urlpatterns = [
    path("tid-med-klienter/", overview.time_report, name="time_report"),
    path("franvaro/", overview.absences, name="absences"),
    path("uppfoljningar/", overview.follow_ups, name="follow_ups"),
    path("kalender/", calendar.calendar, name="calendar"),
    path(CASE, overview.overview, name="overview"),
    path(CASE + "moten/", meetings.meetings, name="meetings"),
    path(CASE + "moten/<int:meeting_id>/", meetings.record, name="meeting_record"),
    path(CASE + "moten/<int:meeting_id>/kallelse.pdf", calendar.invitation, name="meeting_invitation"),
    path(CASE + "livsomraden/", assessments.history, name="assessment_history"),
    path(CASE + "livsomraden/ny/", assessments.new, name="assessment_new"),
    path(CASE + "livsomraden/<int:assessment_id>/", assessments.detail, name="assessment_detail"),
    path(CASE + "plan/", plans.plans, name="plans"),
    path(CASE + "plan/ny/", plans.new, name="plan_new"),
    path(CASE + "plan/<int:plan_id>/", plans.detail, name="plan_detail"),
    path(CASE + "plan/<int:plan_id>/uppfoljning/", plans.follow_up, name="follow_up"),
    path(CASE + "forsorjningshinder/", other.barriers, name="barriers"),
    path(CASE + "bevakningar/", other.reminders, name="reminders"),
    path(CASE + "bevakningar/<int:reminder_id>/klar/", other.reminder_done, name="reminder_done"),
    path(CASE + "avsluta/", other.close_case, name="close_case"),
]
