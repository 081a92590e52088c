"""Withdraw an undecided application, or correct its month. Errors show the application page again with
the form as typed; the writes are bistand.casework.application_changes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from bistand.casework import access, application_changes, applications
from bistand.casework.forms_changes import CorrectMonthForm, WithdrawForm
from bistand.casework.views.applications import _actor, _detail_context
from bistand.casework.views.common import staff_required
from bistand.rules.formatting import month_name


def _again(request, case, application, **forms):
    application.refresh_from_db()
    context = _detail_context(request, case, application)
    context.update(forms)
    return render(request, "casework/application.html", context, status=409 if forms.get("refused") else 400)


@staff_required
def withdraw(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Återkalla ansökan")
    application = get_object_or_404(case.applications, pk=application_id)
    if request.method != "POST":
        return redirect("casework:application", case_id=case.pk, application_id=application.pk)
    form = WithdrawForm(request.POST, prefix="withdraw")
    if not form.is_valid():
        return _again(request, case, application, withdraw_form=form, open_changes=True)
    try:
        application_changes.withdraw_application(
            application,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            actor=_actor(request),
        )
    except (applications.StaleVersion, applications.NotEditable) as exc:
        form.add_error(None, exc.message)
        return _again(request, case, application, withdraw_form=form, open_changes=True, refused=True)
    messages.success(request, f"Ansökan för {month_name(application.month)} är återkallad.")
    return redirect("casework:application", case_id=case.pk, application_id=application.pk)


@staff_required
def correct_month(request, case_id: int, application_id: int):
    case = access.case_for_request(request, case_id, "Rätta ansökans månad")
    application = get_object_or_404(case.applications, pk=application_id)
    if request.method != "POST":
        return redirect("casework:application", case_id=case.pk, application_id=application.pk)
    form = CorrectMonthForm(request.POST, prefix="month")
    if not form.is_valid():
        return _again(request, case, application, month_form=form, open_changes=True)
    try:
        changed = application_changes.correct_month(
            application,
            expected_version=form.cleaned_data["version"],
            month=form.cleaned_data["month"],
            reason=form.cleaned_data["reason"],
            actor=_actor(request),
        )
    except (
        applications.StaleVersion,
        applications.NotEditable,
        applications.DuplicateApplication,
        application_changes.MonthOutOfWindow,
    ) as exc:
        form.add_error("month", exc.message)
        return _again(request, case, application, month_form=form, open_changes=True, refused=True)
    messages.success(request, f"Ansökan gäller nu {month_name(changed.month)}. Beräkningen är gjord på nytt.")
    return redirect("casework:application", case_id=case.pk, application_id=application.pk)
