"""Intake pages: find a person or case, register a new household and open its case, distribute new
cases, and record household changes. Thin: the forms check the input, bistand.intake's services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bistand.audit.audit import Actor, AuditAction, record_request
from bistand.cases.models import Application
from bistand.cases.models.application import ApplicationChannel
from bistand.cases.models.case import with_applicants
from bistand.casework import access
from bistand.casework.access import staff_required
from bistand.intake import household, search, services
from bistand.intake.forms import AddMemberForm, AssignForm, EndMemberForm, RegisterForm, SearchForm
from bistand.organisation.models import Role
from bistand.people.models import HouseholdMember


def _actor(request) -> Actor:
    return Actor(request.user, request.staff, request.get_full_path())


def _case_staff(request):
    if request.staff.role not in access.CASE_ROLES:
        raise PermissionDenied("Mottagningen är till för dem som handlägger ärenden.")
    return request.staff


@staff_required
def intake(request):
    """Search, and the unit's cases that nobody holds yet."""
    staff = _case_staff(request)
    form = SearchForm(request.GET or None)
    hits, prefill = None, ""
    if form.is_bound and form.is_valid():
        prefill = search.as_identity_number(form.cleaned_data["q"])
        hits = search.search(staff=staff, query=form.cleaned_data["q"], today=timezone.localdate())
        record_request(
            request,
            action=AuditAction.SEARCH,
            what=f"Sökte efter person eller ärende: {len(hits)} träffar",
            staff=staff,
            cases=[h.case.pk for h in hits],
        )
    e_service_applications = Application.objects.filter(channel=ApplicationChannel.E_SERVICE)
    unassigned = list(
        with_applicants(access.visible_cases(staff).filter(caseworker__isnull=True, status="open"))
        .annotate(from_eservice=Exists(e_service_applications.filter(case=OuterRef("pk"))))
        .select_related("unit")
        .order_by("opened_on", "number")
    )
    if unassigned:
        access.log_list(request, staff, "Nya ärenden att fördela", [c.pk for c in unassigned])
    by_unit = services.assignable_staff_by_unit({case.unit_id for case in unassigned})
    rows = [
        (case, AssignForm(staff=by_unit.get(case.unit_id, []), prefix=f"c{case.pk}")) for case in unassigned
    ]
    context = {
        "form": form,
        "hits": hits,
        "unassigned": rows,
        "manager": staff.role == Role.UNIT_MANAGER,
        "prefill": prefill,
    }
    return render(request, "intake/intake.html", context)


@staff_required
def register(request):
    """A new person and household, and the case opened for them; then the first application."""
    staff = _case_staff(request)
    units = list(staff.units.select_related("district").order_by("name"))
    today = timezone.localdate()
    initial = {"household_from": today, "personal_number": request.GET.get("pnr", "")}
    form = RegisterForm(request.POST or None, units=units, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.open_case(
                    actor=_actor(request),
                    unit=next(u for u in units if u.pk == data["unit"]),
                    applicant=form.applicant(),
                    partner=form.partner(),
                    children=form.children(),
                    household_from=data["household_from"],
                    opened_on=today,
                    take_case=data["take_case"],
                )
            except services.IntakeRefused as exc:
                form.add_error(_field(exc.field), exc.message)
                status = 409
            else:
                messages.success(
                    request, f"Ärende {case.number} är öppnat. Registrera nu den första ansökan."
                )
                return redirect("casework:application_new", case_id=case.pk)
        else:
            status = 400
    return render(request, "intake/register.html", {"form": form}, status=status)


def _field(name: str) -> str | None:
    """The form field an IntakeRefused names (child0 → child0_personal_number), or None (the form)."""
    if not name:
        return None
    if name == "applicant":
        return "personal_number"
    return f"{name}_personal_number" if not name.endswith("number") else name


@staff_required
def assign(request, case_id: int):
    staff = _case_staff(request)
    case = access.case_for_request(request, case_id, "Fördela ärende")
    if request.method != "POST":
        return redirect("casework:case", case_id=case.pk)
    form = AssignForm(request.POST, staff=services.assignable_staff(case), prefix=f"c{case.pk}")
    take = "take" in request.POST
    if take or form.is_valid():
        target = staff if take else services.assignable_staff(case).get(pk=form.cleaned_data["caseworker"])
        try:
            services.assign_case(actor=_actor(request), case=case, caseworker=target, on=timezone.localdate())
        except services.IntakeRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Ärende {case.number} hålls nu av {target.full_name}.")
    else:
        messages.error(request, "Välj vem som ska ha ärendet.")
    return redirect("intake:intake")


@staff_required
def household_page(request, case_id: int):
    case = access.case_for_request(request, case_id, "Hushållets sammansättning över tid")
    today = timezone.localdate()
    current = list(case.household.members_on(today))
    add_form = AddMemberForm(case=case, prefix="add")
    end_form = EndMemberForm(case=case, members=current, prefix="end")
    status = 200
    if request.method == "POST":
        actor = _actor(request)
        if "add" in request.POST:
            add_form = AddMemberForm(request.POST, case=case, prefix="add")
            if add_form.is_valid():
                try:
                    household.add_member(
                        actor=actor,
                        case=case,
                        kind=add_form.cleaned_data["kind"],
                        person=add_form.person(),
                        on=add_form.cleaned_data["on"],
                    )
                except services.IntakeRefused as exc:
                    add_form.add_error(exc.field if exc.field in add_form.fields else None, exc.message)
                else:
                    messages.success(request, "Ändringen i hushållet är sparad.")
                    return redirect("intake:household", case_id=case.pk)
        else:
            end_form = EndMemberForm(request.POST, case=case, members=current, prefix="end")
            if end_form.is_valid():
                membership = get_object_or_404(
                    HouseholdMember, pk=end_form.cleaned_data["member"], household=case.household
                )
                try:
                    household.end_membership(
                        actor=actor,
                        case=case,
                        membership=membership,
                        kind=end_form.cleaned_data["kind"],
                        on=end_form.cleaned_data["on"],
                    )
                except services.IntakeRefused as exc:
                    end_form.add_error(exc.field if exc.field in end_form.fields else None, exc.message)
                else:
                    messages.success(request, "Ändringen i hushållet är sparad.")
                    return redirect("intake:household", case_id=case.pk)
        status = 400
    periods = case.household.memberships.select_related("person").order_by("valid_from", "role")
    context = {
        "case": case,
        "periods": periods,
        "add_form": add_form,
        "end_form": end_form,
    }
    return render(request, "intake/household.html", context, status=status)
