"""URLs of attachments, messages and the survey.

Staff pages live under arenden/<case_id>/ and go through access.case_for_request (audit log; 404 when the
user may not open the case). Resident pages live under mina-sidor/ and reach only the signed-in
resident's own household (404 for anything else).
"""

from django.urls import path

from bistand.residentcomm.views import resident, staff

app_name = "residentcomm"

CASE = "arenden/<int:case_id>/"
MINE = "mina-sidor/"

urlpatterns = [
    path(f"{CASE}meddelanden/", staff.thread, name="staff_thread"),
    path(f"{CASE}meddelanden/<int:message_id>/journalfor/", staff.journal, name="staff_journal"),
    path(f"{CASE}bilagor/<int:attachment_id>/", staff.attachment, name="staff_attachment"),
    path(f"{MINE}bilagor/<int:application_id>/", resident.attachments, name="attachments"),
    path(f"{MINE}bilagor/fil/<int:attachment_id>/", resident.attachment_file, name="attachment_file"),
    path(f"{MINE}meddelanden/", resident.messages, name="messages"),
    path(f"{MINE}meddelanden/<int:case_id>/", resident.thread, name="thread"),
    path(f"{MINE}enkat/", resident.survey, name="survey"),
    path(f"{MINE}enkat/<str:token>/", resident.survey_answer, name="survey_answer"),
]
