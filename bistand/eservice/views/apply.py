"""Applying in the e-service: start, fill in (drafts saved), preview, sign, and see who still has to sign."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bistand.audit.audit import AuditAction
from bistand.cases.models.application import ApplicationKind
from bistand.eservice import auth, labels, ratelimit, services
from bistand.eservice.forms import FirstApplicationForm
from bistand.eservice.models import ResidentApplication, ResidentApplicationStatus
from bistand.intake.services import PersonInput

CATEGORIES = (
    ("cost", labels.FORM_COSTS),
    ("income", labels.FORM_INCOMES),
    ("extra_need", labels.FORM_EXTRA_NEEDS),
)
BLANK_ROWS = 2
MAX_ROWS = 15


def _case(request, case_id):
    case = request.resident_cases.filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def _draft(request, draft_id) -> ResidentApplication:
    return get_object_or_404(
        ResidentApplication.objects.select_related("case__household", "case__unit__district__municipality"),
        pk=draft_id,
        case__in=request.resident_cases,
    )


def _message(exc: services.NotAllowed) -> str:
    return _(exc.message)


def _names(case, month) -> dict[str, str]:
    from bistand.rules.months import last_of_month

    return {str(m.person_id): m.person.first_name for m in case.household.members_on(last_of_month(month))}


def _members(case, month):
    from bistand.rules.months import last_of_month

    return list(case.household.members_on(last_of_month(month)))


@require_POST
@auth.resident_required
def start_application(request, case_id: int, kind: str):
    case = _case(request, case_id)
    if kind not in ApplicationKind.values:
        raise Http404
    today = timezone.localdate()
    if kind == ApplicationKind.EXTRA_NEED:
        month = today.replace(day=1)
    else:
        month = services.next_month_to_apply(case, today)
        if month is None:
            messages.info(request, _("Du har redan ansökt för den här och nästa månad."))
            return redirect("eservice:start")
    try:
        draft = services.start_application(
            person=request.resident, case=case, kind=kind, month=month, path=request.get_full_path()
        )
    except services.NotAllowed as exc:
        messages.error(request, _message(exc))
        return redirect("eservice:start")
    if kind == ApplicationKind.RECURRING and services.previous_application(case, month) is not None:
        return redirect("eservice:draft", draft_id=draft.pk)
    return redirect("eservice:draft_edit", draft_id=draft.pk)


def _preview_context(draft: ResidentApplication) -> dict:
    request_, result, errors = services.preview(draft)
    names = _names(draft.case, draft.month)
    context = {"preview_errors": errors}
    if result is not None:
        lines = labels.plain_lines(result, names)
        if draft.kind == ApplicationKind.EXTRA_NEED:
            extra = [labels.kind_label("extra_need", i["kind"]) for i in draft.data.get("items", [])]
            lines = [line for line in lines if line.text in extra]
            context["totals"] = []
        else:
            context["totals"] = labels.plain_totals(result)
        context["lines"] = lines
        context["surplus"] = int(result.get("surplus", 0)) > 0 and draft.kind != ApplicationKind.EXTRA_NEED
    return context


def _item_rows(draft: ResidentApplication) -> list[dict]:
    members = {str(m.person_id): m.person.first_name for m in _members(draft.case, draft.month)}
    changed = {(c["category"], c["kind"], c.get("member_id")) for c in draft.changes}
    rows = []
    for item in draft.data.get("items", []):
        rows.append(
            {
                "category": item["category"],
                "label": labels.kind_label(item["category"], item["kind"]),
                "who": members.get(str(item.get("member_id")), ""),
                "amount": labels.kr(item["amount"]),
                "description": item.get("description", ""),
                "changed": (item["category"], item["kind"], item.get("member_id")) in changed,
            }
        )
    return rows


def _removed(draft: ResidentApplication) -> list[dict]:
    return [
        {"label": labels.kind_label(c["category"], c["kind"]), "before": labels.kr(c["before"])}
        for c in draft.changes
        if c["after"] == 0
    ]


@auth.resident_required
def draft(request, draft_id: int):
    """The application as it stands: what it says, the preliminary calculation, and signing."""
    draft = _draft(request, draft_id)
    if draft.status == ResidentApplicationStatus.SUBMITTED:
        return redirect("eservice:application", case_id=draft.case_id, application_id=draft.application_id)
    with transaction.atomic():
        auth.audit(
            request, action=AuditAction.VIEW, what=f"E-tjänsten: ansökan {draft.month:%Y-%m}", case=draft.case
        )
    previous = services.previous_application(draft.case, draft.month)
    signed = list(services.signatures(draft))
    waiting = services.waiting_for(draft)
    context = {
        "draft": draft,
        "rows": _item_rows(draft),
        "removed": _removed(draft),
        "can_say_unchanged": draft.kind == ApplicationKind.RECURRING
        and previous is not None
        and not draft.changes
        and draft.status == ResidentApplicationStatus.DRAFT,
        "signed": signed,
        "waiting": waiting,
        "i_signed": any(s.person_id == request.resident.pk for s in signed),
        "i_must_sign": any(p.pk == request.resident.pk for p in waiting),
        **_preview_context(draft),
    }
    return render(request, "eservice/draft.html", context)


def _parse_rows(post, members: dict[str, str], kinds_by_category) -> tuple[list[dict], list[str], dict]:
    """Rows typed in the form -> items; errors in plain language; the typed values to show again."""
    items: list[dict] = []
    errors: list[str] = []
    typed: dict[str, list[dict]] = {}
    for category, kinds in kinds_by_category:
        typed[category] = []
        for index in range(MAX_ROWS):
            prefix = f"{category}-{index}-"
            kind = post.get(prefix + "kind", "")
            raw = post.get(prefix + "amount", "").strip().replace(" ", "").replace("\u00a0", "")
            member = post.get(prefix + "member", "")
            description = post.get(prefix + "description", "").strip()[:200]
            if prefix + "kind" not in post:
                break
            typed[category].append(
                {"kind": kind, "amount": raw, "member": member, "description": description}
            )
            if not raw:
                continue
            if kind not in kinds:
                errors.append(_("Välj vad raden gäller."))
                continue
            if not raw.isdigit() or int(raw) > services.MAX_AMOUNT:
                errors.append(
                    _("Skriv beloppet i hela kronor med bara siffror, till exempel 4500. Du skrev: %(typed)s")
                    % {"typed": raw[:20]}
                )
                continue
            member_id = int(member) if member in members else None
            items.append(services.item_dict(category, kind, int(raw), member_id, description))
    return items, errors, typed


def _form_rows(draft, typed=None) -> list[dict]:
    """Per category: its kinds and the rows to show (saved items, or what was typed, plus blank rows)."""
    categories = []
    wanted = (
        [c for c in CATEGORIES if c[0] == "extra_need"]
        if draft.kind == ApplicationKind.EXTRA_NEED
        else [c for c in CATEGORIES if c[0] != "extra_need"]
    )
    for category, kinds in wanted:
        if typed is not None:
            rows = list(typed.get(category, []))
        else:
            rows = [
                {
                    "kind": i["kind"],
                    "amount": str(i["amount"]),
                    "member": str(i.get("member_id") or ""),
                    "description": i.get("description", ""),
                }
                for i in draft.data.get("items", [])
                if i["category"] == category
            ]
        rows += [{"kind": "", "amount": "", "member": "", "description": ""} for _ in range(BLANK_ROWS)]
        rows = rows[:MAX_ROWS]
        categories.append(
            {
                "category": category,
                "kinds": [(k, labels.kind_label(category, k)) for k in kinds],
                "rows": [{**row, "index": i} for i, row in enumerate(rows)],
            }
        )
    return categories


@auth.resident_required
def draft_edit(request, draft_id: int):
    """Fill in or change the application; every save keeps the draft."""
    draft = _draft(request, draft_id)
    if draft.status != ResidentApplicationStatus.DRAFT:
        messages.info(
            request, _("Ansökan är underskriven. Ta tillbaka underskriften om du vill ändra något.")
        )
        return redirect("eservice:draft", draft_id=draft.pk)
    members = _members(draft.case, draft.month)
    member_names = {str(m.person_id): m.person.first_name for m in members}
    kinds = [(c, k) for c, k in CATEGORIES]
    typed = None
    errors: list[str] = []
    if request.method == "POST":
        items, errors, typed = _parse_rows(request.POST, member_names, kinds)
        if not errors:
            try:
                services.save_draft(
                    person=request.resident,
                    draft=draft,
                    items=items,
                    reason=request.POST.get("reason", "").strip(),
                    assets=request.POST.get("assets", "").strip(),
                    path=request.get_full_path(),
                )
            except services.NotAllowed as exc:
                errors.append(_message(exc))
            else:
                if "more" in request.POST:
                    messages.success(request, _("Sparat. Du kan fylla i fler rader."))
                    return redirect("eservice:draft_edit", draft_id=draft.pk)
                messages.success(request, _("Sparat."))
                return redirect("eservice:draft", draft_id=draft.pk)
    return render(
        request,
        "eservice/draft_edit.html",
        {
            "draft": draft,
            "categories": _form_rows(draft, typed),
            "members": members,
            "errors": errors,
            "reason": request.POST.get("reason", draft.data.get("reason", "")),
            "assets": request.POST.get("assets", draft.data.get("assets", "")),
        },
    )


@require_POST
@auth.resident_required
def sign(request, draft_id: int):
    draft = _draft(request, draft_id)
    if not request.POST.get("confirm"):
        messages.error(request, _("Kryssa i att uppgifterna stämmer innan du skriver under."))
        return redirect("eservice:draft", draft_id=draft.pk)
    if not ratelimit.submit_allowed(request.resident):
        messages.error(request, _("Du har skrivit under för många gånger på kort tid. Vänta en stund."))
        return redirect("eservice:draft", draft_id=draft.pk)
    method = request.session.get(auth.SESSION_METHOD, auth.DEMO.code)
    try:
        if request.POST.get("unchanged") and draft.status == ResidentApplicationStatus.DRAFT:
            draft = services.confirm_unchanged(
                person=request.resident, draft=draft, path=request.get_full_path()
            )
        draft = services.sign(
            person=request.resident, draft=draft, method=method, path=request.get_full_path()
        )
    except services.NotAllowed as exc:
        messages.error(request, _message(exc))
        return redirect("eservice:draft", draft_id=draft.pk)
    if draft.status == ResidentApplicationStatus.SUBMITTED:
        messages.success(request, _("Tack! Din ansökan är inskickad. Vi hör av oss om vi behöver veta mer."))
        return redirect("eservice:application", case_id=draft.case_id, application_id=draft.application_id)
    messages.success(
        request, _("Du har skrivit under. Nu måste den andra vuxna i hushållet också skriva under.")
    )
    return redirect("eservice:draft", draft_id=draft.pk)


@require_POST
@auth.resident_required
def withdraw_signature(request, draft_id: int):
    draft = _draft(request, draft_id)
    try:
        services.withdraw_signatures(person=request.resident, draft=draft, path=request.get_full_path())
    except services.NotAllowed as exc:
        messages.error(request, _message(exc))
    return redirect("eservice:draft_edit", draft_id=draft.pk)


def first_application(request):
    """Apply for the first time: who lives in the household and where, then the application itself.

    Open to a resident with no open case and to someone signed in with e-legitimation whom Bistånd does not
    know yet (auth.new_identity). Saving the household registers the person and opens the case for the
    unit's manager to distribute; the resident goes on to fill in the application as a draft."""
    person = auth.current_resident(request)
    identity = auth.new_identity(request) if person is None else None
    if person is None and identity is None:
        return redirect(auth.LOGIN_URL_NAME)
    request.resident = person
    if person is not None and services.has_open_case(person):
        return redirect("eservice:start")
    number = person.personal_number if person is not None else identity.personal_number
    first = person.first_name if person is not None else identity.first_name
    last = person.last_name if person is not None else identity.last_name
    today = timezone.localdate()
    form = FirstApplicationForm(
        request.POST or None, applicant_number=number, today=today, ask_name=not (first and last)
    )
    if request.method == "POST" and form.is_valid():
        applicant = PersonInput(
            personal_number=number,
            first_name=first or form.cleaned_data["first_name"],
            last_name=last or form.cleaned_data["last_name"],
            phone=form.cleaned_data["phone"],
        )
        try:
            draft = services.begin_first_application(
                applicant=applicant,
                district=form.cleaned_data["district"],
                partner=form.partner,
                children=form.children,
                today=today,
                path=request.get_full_path(),
            )
        except services.NotAllowed as exc:
            form.add_error(None, _message(exc))
        except IntegrityError:  # the same form sent twice at once: the other request registered it
            messages.info(request, _("Ditt hushåll är redan registrerat. Logga in igen för att fortsätta."))
            return redirect(auth.LOGIN_URL_NAME)
        else:
            if person is None:
                method = request.session.get(auth.SESSION_METHOD, auth.DEMO.code)
                with transaction.atomic():
                    auth.sign_in(
                        request, draft.started_by, auth.OIDC if method == auth.OIDC.code else auth.DEMO
                    )
            messages.success(request, _("Ditt hushåll är registrerat. Fyll nu i vad du ansöker om."))
            return redirect("eservice:draft_edit", draft_id=draft.pk)
    context = {"form": form, "name": f"{first} {last}".strip(), "new_identity": identity is not None}
    return render(request, "eservice/first_application.html", context)
