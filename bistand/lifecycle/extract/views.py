"""The register extract page for unit managers: find a person by personnummer, download PDF or JSON.

The search is a POST so the personnummer never lands in an address, a browser history or a server log.
Every refusal is a 404, the same as for a person who does not exist (no probing who is a client).
"""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from bistand.audit import audit
from bistand.casework.access import staff_required
from bistand.lifecycle.extract import service
from bistand.lifecycle.extract.data import cases_of
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number

NOT_FOUND = "Ingen person med det personnumret finns i ärenden som du har behörighet till."


class PersonSearchForm(forms.Form):
    personal_number = forms.CharField(
        label="Personnummer eller samordningsnummer",
        max_length=13,
        help_text="ÅÅÅÅMMDD-NNNN",
        error_messages={"required": "Skriv personnumret."},
    )

    def clean_personal_number(self) -> str:
        try:
            return parse_identity_number(self.cleaned_data["personal_number"]).canonical
        except InvalidIdentityNumber as exc:
            raise forms.ValidationError(str(exc)) from exc


@never_cache
@staff_required
def extract_page(request):
    if not service.may_extract(request.staff):
        raise Http404(NOT_FOUND)
    person, not_found = None, False
    form = PersonSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = service.person_for(request.staff, personal_number=form.cleaned_data["personal_number"])
        not_found = person is None
        for case in cases_of(person) if person else []:
            # The result shows the person's name and case numbers: a read of the case, so it is logged.
            audit.record_request(
                request,
                action=audit.AuditAction.VIEW,
                what="Registerutdrag: sökträff",
                staff=request.staff,
                case=case,
            )
    context = {
        "form": form,
        "person": person,
        "cases": list(cases_of(person)) if person else [],
        "not_found": NOT_FOUND if not_found else "",
    }
    return render(request, "lifecycle/extract_page.html", context, status=404 if not_found else 200)


@never_cache
@staff_required
def extract_download(request, person_id: int, kind: str):
    person = service.person_for(request.staff, person_id=person_id)
    if person is None or kind not in ("pdf", "json"):
        raise Http404(NOT_FOUND)
    content = service.produce(person, request.staff, kind, path=request.get_full_path())
    content_type = "application/pdf" if kind == "pdf" else "application/json; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{person.pk}.{kind}"'
    return response
