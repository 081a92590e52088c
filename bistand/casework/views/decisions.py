"""A decision: its items, reasons, legal basis, appeal instruction, payments and the letter as PDF."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bistand import rules
from bistand.audit import audit
from bistand.casework import access, applications, decision_services, decisions, letters
from bistand.casework.forms import CorrectionReasonForm, ItemSections
from bistand.casework.views.common import case_for_print, staff_required


@staff_required
def decision_detail(request, case_id: int, decision_id: int):
    case = access.case_for_request(request, case_id, "Beslut")
    decision = get_object_or_404(
        case.decisions.select_related("decided_by__user", "calculation"), pk=decision_id
    )
    context = {
        "case": case,
        "decision": decision,
        "items": decision.items.all(),
        "calculation": decision.calculation,
        "payments": decision.payments.order_by("pay_date", "id"),
        "corrections": decision.corrections.order_by("decided_at"),
    }
    return render(request, "casework/decision.html", context)


@staff_required
def decision_letter(request, case_id: int, decision_id: int):
    case = case_for_print(request, case_id, "Beslutsbrev (PDF)")
    decision = get_object_or_404(case.decisions, pk=decision_id)
    # case_for_print already logged the print with this request's path; passing the viewer to the letter
    # service would log the same print a second time.
    pdf = letters.decision_letter_pdf(decision, viewer=None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="beslut-{case.number}-{decision.month:%Y-%m}.pdf"'
    )
    return response


@staff_required
def decision_correct(request, case_id: int, decision_id: int):
    """Correct a decision: change the declared facts, recalculate, and decide anew with a reason.

    The old decision stays as it was; the new one refers to it, and only the difference is paid.
    """
    case = access.case_for_request(request, case_id, "Rätta beslut")
    decision = get_object_or_404(case.decisions, pk=decision_id)
    application = decision.application
    if application is None:
        messages.error(request, "Beslutet saknar ansökan och kan inte rättas här.")
        return redirect("casework:decision", case_id=case.pk, decision_id=decision.pk)
    members = [m.person for m in case.household.members_on(decision.month)]
    problems: list[str] = []
    if request.method == "POST":
        reason_form = CorrectionReasonForm(request.POST)
        more = request.POST.get("add_row")
        sections = ItemSections(request.POST, members=members, extra_rows={more: 1} if more else {})
        if not more and reason_form.is_valid() and sections.is_valid():
            try:
                new = decision_services.correct_and_pay(
                    decision=decision,
                    application=application,
                    version=reason_form.cleaned_data["version"],
                    reason=reason_form.cleaned_data["reason"],
                    items=sections.items(),
                    actor=audit.Actor(request.user, request.staff, request.get_full_path()),
                )
            except applications.StaleVersion as exc:
                problems.append(exc.message)
                application.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(application.version)
                reason_form = CorrectionReasonForm(data)
            except decisions.DecisionRefused as exc:
                problems.extend(exc.messages)
            except applications.DuplicateApplication as exc:
                problems.append(exc.message)
            except rules.CalculationError as exc:
                problems.extend(e["message"] for e in exc.errors)
            else:
                messages.success(request, "Beslutet är rättat. Det nya beslutet ersätter det gamla.")
                return redirect("casework:decision", case_id=case.pk, decision_id=new.pk)
    else:
        reason_form = CorrectionReasonForm(initial={"version": application.version})
        sections = ItemSections(items=applications.items_of(application), members=members)
    context = {
        "case": case,
        "decision": decision,
        "application": application,
        "reason_form": reason_form,
        "sections": sections,
        "problems": problems,
    }
    return render(request, "casework/decision_correct.html", context, status=409 if problems else 200)
