"""The resident's side (Mina sidor): attachments to an application, the message thread, the survey.

Every page requires a signed-in resident (bistand.eservice.auth.resident_required) and reaches only the
cases of the resident's own household: anything else answers 404, as if it did not exist. All text goes
through gettext (Swedish source, English translation in this app's locale folder).
"""

from django.conf import settings
from django.contrib import messages as flash
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bistand.audit.audit import AuditAction
from bistand.cases.models import Application
from bistand.cases.models.application import ApplicationStatus
from bistand.eservice.auth import audit, resident_required
from bistand.residentcomm import services
from bistand.residentcomm.models import Answer, Attachment
from bistand.residentcomm.views.staff import file_response

REFUSALS = {
    "empty": gettext_lazy("Filen är tom. Välj en annan fil."),
    "too_large": gettext_lazy("Filen är för stor. En bilaga får vara högst %(mb)s MB."),
    "type": gettext_lazy(
        "Filen kunde inte tas emot. Den är inte en PDF, JPEG eller PNG, eller så är den skadad. "
        "Det räcker inte att filnamnet slutar på .pdf, .jpg eller .png: spara eller fotografera "
        "dokumentet på nytt och försök igen."
    ),
    "too_many": gettext_lazy("Du kan skicka högst %(count)s bilagor till en ansökan."),
    "rate": gettext_lazy("Du har skickat många på kort tid. Vänta en stund och försök igen."),
    "empty_message": gettext_lazy("Skriv ett meddelande innan du skickar."),
    "long_message": gettext_lazy("Meddelandet är för långt. Det får vara högst %(chars)s tecken."),
    "no_invitation": gettext_lazy("Enkäten finns inte."),
    "answered": gettext_lazy("Du har redan svarat på den här enkäten. Tack!"),
    "no_file": gettext_lazy("Välj en fil att skicka."),
    "closed": gettext_lazy(
        "Ansökan är redan beslutad eller återkallad. Skicka nya underlag till din handläggare i ett meddelande."
    ),
}


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, REFUSALS["type"])) % {
        "mb": settings.BISTAND_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "count": settings.BISTAND_ATTACHMENTS_PER_APPLICATION,
        "chars": services.MESSAGE_MAX_CHARS,
    }


def _application(request, application_id: int) -> Application:
    application = (
        Application.objects.filter(pk=application_id, case__in=request.resident_cases)
        .select_related("case")
        .first()
    )
    if application is None:
        raise Http404(_("Sidan finns inte."))
    return application


# --- attachments ----------------------------------------------------------------------------------


@resident_required
@require_http_methods(["GET", "POST"])
def attachments(request, application_id: int):
    application = _application(request, application_id)
    is_open = application.status == ApplicationStatus.RECEIVED
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("fil")
        if not is_open:
            error = refusal("closed")
        elif upload is None:
            error = refusal("no_file")
        else:
            data = upload.read(settings.BISTAND_ATTACHMENT_MAX_BYTES + 1)
            try:
                services.upload_attachment(
                    application=application,
                    person=request.resident,
                    name=upload.name,
                    data=data,
                    path=request.get_full_path(),
                )
            except services.Refused as refused:
                error = refusal(refused.code)
            else:
                flash.success(request, _("Bilagan är skickad till din handläggare."))
                return redirect("residentcomm:attachments", application_id=application.pk)
    items = list(application.attachments.select_related("uploaded_by"))
    context = {
        "application": application,
        "items": items,
        "error": error,
        "is_open": is_open,
        "max_mb": settings.BISTAND_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "max_count": settings.BISTAND_ATTACHMENTS_PER_APPLICATION,
        "full": len(items) >= settings.BISTAND_ATTACHMENTS_PER_APPLICATION,
    }
    return render(request, "residentcomm/resident_attachments.html", context, status=400 if error else 200)


@resident_required
def attachment_file(request, attachment_id: int):
    item = Attachment.objects.filter(pk=attachment_id, case__in=request.resident_cases).first()
    if item is None:
        raise Http404(_("Sidan finns inte."))
    services.record_attachment_read(attachment=item, person=request.resident, path=request.get_full_path())
    return file_response(item)


# --- messages -------------------------------------------------------------------------------------


@resident_required
def messages(request):
    cases = list(request.resident_cases)
    if len(cases) == 1:
        return redirect("residentcomm:thread", case_id=cases[0].pk)
    with transaction.atomic():
        audit(request, action=AuditAction.LIST, what="E-tjänsten: ärenden för meddelanden", cases=cases)
    return render(request, "residentcomm/resident_cases.html", {"cases": cases})


@resident_required
@require_http_methods(["GET", "POST"])
def thread(request, case_id: int):
    case = request.resident_cases.filter(pk=case_id).select_related("caseworker__user").first()
    if case is None:
        raise Http404(_("Sidan finns inte."))
    error, text = "", ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            services.send_message(case=case, person=request.resident, text=text, path=request.get_full_path())
        except services.Refused as refused:
            error = refusal(refused.code)
        else:
            flash.success(request, _("Meddelandet är skickat till din handläggare."))
            return redirect("residentcomm:thread", case_id=case.pk)
    items = services.read_thread(case=case, person=request.resident, path=request.get_full_path())
    context = {
        "case": case,
        "items": items,
        "error": error,
        "text": text,
        "max_chars": services.MESSAGE_MAX_CHARS,
    }
    return render(request, "residentcomm/resident_thread.html", context, status=400 if error else 200)


# --- the survey -----------------------------------------------------------------------------------

QUESTIONS = (
    ("respect", gettext_lazy("Blev du bemött med respekt?")),
    ("understood", gettext_lazy("Förstod du beslutet?")),
    ("helped", gettext_lazy("Fick du hjälp på vägen mot att klara dig själv ekonomiskt?")),
)
ANSWERS = (
    (Answer.YES.value, gettext_lazy("Ja")),
    (Answer.PARTLY.value, gettext_lazy("Delvis")),
    (Answer.NO.value, gettext_lazy("Nej")),
)


@resident_required
def survey(request):
    invitations = services.open_invitations(person=request.resident)
    return render(request, "residentcomm/resident_survey_list.html", {"invitations": invitations})


@resident_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, token: str):
    open_tokens = {i.token: i for i in services.open_invitations(person=request.resident)}
    invitation = open_tokens.get(token)
    if invitation is None:
        raise Http404(_("Enkäten finns inte."))
    chosen, missing = {}, []
    if request.method == "POST":
        valid = {value for value, _label in ANSWERS}
        for key, _question in QUESTIONS:
            chosen[key] = request.POST.get(key, "")
            if chosen[key] not in valid:
                missing.append(key)
        if not missing:
            try:
                services.answer_survey(token=token, person=request.resident, path=request.path, **chosen)
            except services.Refused as refused:
                flash.info(request, refusal(refused.code))
            else:
                flash.success(request, _("Tack för dina svar! De sparas utan ditt namn."))
            return redirect("residentcomm:survey")
    questions = [
        {"key": key, "text": text, "chosen": chosen.get(key, ""), "missing": key in missing}
        for key, text in QUESTIONS
    ]
    context = {"invitation": invitation, "questions": questions, "answers": ANSWERS, "missing": missing}
    return render(request, "residentcomm/resident_survey.html", context, status=400 if missing else 200)
