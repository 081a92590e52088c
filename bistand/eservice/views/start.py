"""The resident's start page: their cases, applications to sign, and what they can apply for."""

from django.shortcuts import render

from bistand.casework.audit import AuditAction
from bistand.eservice import auth


@auth.resident_required
def start(request):
    cases = list(request.resident_cases.select_related("unit"))
    auth.audit(request, action=AuditAction.VIEW, what="E-tjänsten: startsidan", cases=cases)
    return render(request, "eservice/start.html", {"cases": cases})
