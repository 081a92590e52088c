"""The caseworker's side: the message thread of a case, journaling a message, opening an attachment."""

from django.contrib import messages as flash
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bistand.casework import access
from bistand.casework.access import staff_required
from bistand.residentcomm import services
from bistand.residentcomm.models import Attachment, Message

STAFF_REFUSALS = {
    "empty_message": "Skriv ett meddelande innan du skickar.",
    "long_message": f"Meddelandet är för långt. Det får vara högst {services.MESSAGE_MAX_CHARS} tecken.",
}


@staff_required
def thread(request, case_id: int):
    case = access.case_for_request(request, case_id, "Akt: meddelanden med den enskilde")
    error, text = "", ""
    if request.method == "POST":
        text = request.POST.get("text", "").replace("\x00", "")  # PostgreSQL cannot store NUL characters
        try:
            services.send_message(
                case=case, text=text, staff=request.staff, user=request.user, path=request.get_full_path()
            )
        except services.Refused as refused:
            error = STAFF_REFUSALS.get(refused.code, "Meddelandet kunde inte skickas.")
        else:
            flash.success(request, "Meddelandet är skickat. Den enskilde får en avisering utan innehåll.")
            return redirect("residentcomm:staff_thread", case_id=case.pk)
    thread = services.read_thread(case=case, staff=request.staff)
    return render(
        request,
        "residentcomm/staff_thread.html",
        {
            "case": case,
            "thread": thread,
            "error": error,
            "text": text,
            "max_chars": services.MESSAGE_MAX_CHARS,
        },
        status=400 if error else 200,
    )


@staff_required
@require_POST
def journal(request, case_id: int, message_id: int):
    case = access.case_for_request(request, case_id, "Akt: journalför meddelande")
    message = get_object_or_404(Message, case=case, pk=message_id)
    services.journal_message(
        message=message, staff=request.staff, user=request.user, path=request.get_full_path()
    )
    flash.success(request, "Meddelandet är journalfört.")
    return redirect("residentcomm:staff_thread", case_id=case.pk)


@staff_required
def attachment(request, case_id: int, attachment_id: int):
    case = access.case_for_request(request, case_id, f"Akt: bilaga {attachment_id}")
    item = get_object_or_404(Attachment, case=case, pk=attachment_id)
    return file_response(item)


def file_response(item: Attachment) -> FileResponse:
    path = services.stored_path(item)
    if not path.is_file():
        raise Http404("Filen finns inte.")
    response = FileResponse(
        path.open("rb"), as_attachment=item.content_type != "application/pdf", filename=item.original_name
    )
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
