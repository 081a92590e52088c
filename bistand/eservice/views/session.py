"""Sign-in, sign-out and the language switch of the resident e-service."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bistand.cases.models import Application, CaseStatus
from bistand.cases.needs import LIVELIHOOD
from bistand.eservice import auth, ratelimit
from bistand.eservice.middleware import COOKIE, PREFIX, RESIDENT_LANGUAGES
from bistand.people.identity import InvalidIdentityNumber, parse_identity_number
from bistand.people.models import HouseholdMember, MemberRole, Person

DEMO_COUPLES = 10
DEMO_SINGLES = 6


def _safe_next(request, candidate: str) -> str:
    if (
        candidate
        and candidate.startswith(PREFIX)
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()})
    ):
        return candidate
    return reverse("eservice:start")


def demo_residents() -> list[dict]:
    """Adults of open cases to choose from in the demo: two-adult households first, then single adults."""
    today = timezone.localdate()
    current = HouseholdMember.objects.filter(valid_from__lte=today).exclude(valid_to__lt=today)
    partner = current.filter(household=OuterRef("household"), role=MemberRole.CO_APPLICANT)
    applied = Application.objects.filter(
        case__household=OuterRef("household"), month=today.replace(day=1), need=LIVELIHOOD
    )
    # Households that have not applied for this month yet first: they can try applying.
    applicants = (
        current.filter(role=MemberRole.APPLICANT, household__cases__status=CaseStatus.OPEN)
        .annotate(couple=Exists(partner), applied=Exists(applied))
        .select_related("person")
        .order_by("applied", "household__cases__number")
    )
    found: list[dict] = []
    seen: set[int] = set()
    for couple, length in ((True, DEMO_COUPLES), (False, DEMO_SINGLES)):
        for membership in applicants.filter(couple=couple)[:length]:
            if membership.household_id in seen:
                continue
            seen.add(membership.household_id)
            members = [membership.person]
            if couple:
                other = (
                    current.filter(household_id=membership.household_id, role=MemberRole.CO_APPLICANT)
                    .select_related("person")
                    .first()
                )
                if other is not None:
                    members.append(other.person)
            found.append({"couple": couple, "members": members})
    return found


def login(request):
    if auth.current_resident(request) is not None:
        return redirect("eservice:start")
    if auth.new_identity(request) is not None:
        return redirect(auth.FIRST_APPLICATION_URL_NAME)
    next_url = _safe_next(request, request.GET.get("next", ""))
    context = {
        "next": next_url,
        "oidc": settings.BISTAND_RESIDENT_OIDC is not None,
        "demo": settings.BISTAND_ESERVICE_DEMO_LOGIN,
        "staff_signed_in": request.user.is_authenticated,
    }
    if settings.BISTAND_ESERVICE_DEMO_LOGIN:
        context["demo_residents"] = demo_residents()
    return render(request, "eservice/login.html", context)


@require_POST
def demo_login(request):
    """The demo's test login: choose a demo resident. Only in the demo (development mode)."""
    if not settings.BISTAND_ESERVICE_DEMO_LOGIN:
        raise Http404
    if not ratelimit.login_allowed(request):
        messages.error(
            request, _("Du har försökt logga in för många gånger. Vänta en stund och försök igen.")
        )
        return redirect("eservice:login")
    person = None
    chosen = request.POST.get("person", "").strip()
    typed = request.POST.get("personnummer", "").strip()
    if chosen.isdigit() and len(chosen) <= 18:  # an id; longer digit strings overflow the database's integer
        person = Person.objects.filter(pk=int(chosen)).first()
    elif typed:
        try:
            canonical = parse_identity_number(typed).canonical
        except InvalidIdentityNumber:
            messages.error(
                request, _("Personnumret stämmer inte. Skriv det med tolv siffror, ÅÅÅÅMMDD-NNNN.")
            )
            return redirect("eservice:login")
        person = Person.objects.filter(personal_number=canonical).first()
        if person is None:  # the demo's stand-in for e-legitimation of someone not yet in Bistånd
            identity = auth.NewIdentity(
                personal_number=canonical,
                first_name=request.POST.get("first_name", "").strip()[:100],
                last_name=request.POST.get("last_name", "").strip()[:100],
            )
            with transaction.atomic():
                auth.sign_in_new(request, identity, auth.DEMO)
            return redirect(auth.FIRST_APPLICATION_URL_NAME)
    if person is None:
        messages.error(request, _("Vi hittade ingen person att logga in som. Välj en person i listan."))
        return redirect("eservice:login")
    next_url = _safe_next(request, request.POST.get("next", ""))
    with transaction.atomic():
        auth.sign_in(request, person, auth.DEMO)
    return HttpResponseRedirect(next_url)


@require_POST
def logout(request):
    with transaction.atomic():
        auth.sign_out(request)
    messages.info(request, _("Du är utloggad."))
    return redirect("eservice:login")


@require_POST
def language(request):
    chosen = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request, request.POST.get("next", "")))
    if chosen in RESIDENT_LANGUAGES:
        response.set_cookie(
            COOKIE,
            chosen,
            max_age=365 * 24 * 3600,
            path=PREFIX,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def oidc_login(request):
    """Off to the municipality's e-legitimation broker (404 when it is not configured)."""
    if settings.BISTAND_RESIDENT_OIDC is None:
        raise Http404
    if not ratelimit.login_allowed(request):
        messages.error(
            request, _("Du har försökt logga in för många gånger. Vänta en stund och försök igen.")
        )
        return redirect("eservice:login")
    from bistand.eservice.oidc import ResidentRequestView

    return ResidentRequestView.as_view()(request)


def oidc_callback(request):
    """The broker's answer: check state, nonce and PKCE, verify the ID token, map the personnummer."""
    if settings.BISTAND_RESIDENT_OIDC is None:
        raise Http404
    from bistand.audit.audit import AuditAction
    from bistand.eservice.oidc import ResidentOIDCBackend

    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    person = None
    if not request.GET.get("error") and request.GET.get("code") and state in states:
        entry = states.pop(state)
        request.session["oidc_states"] = states
        try:
            person = ResidentOIDCBackend().authenticate(
                request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
            )
        except Exception:  # noqa: BLE001 - a broken answer from the broker is a failed sign-in, never a 500
            person = None
    if person is None:
        with transaction.atomic():
            auth.audit(request, action=AuditAction.LOGIN_FAILED, what="Misslyckad inloggning i e-tjänsten")
        messages.error(
            request,
            _("Inloggningen gick inte. Försök igen, eller kontakta kommunen så hjälper vi dig att ansöka."),
        )
        return redirect("eservice:login")
    if isinstance(person, auth.NewIdentity):
        with transaction.atomic():
            auth.sign_in_new(request, person, auth.OIDC)
        return redirect(auth.FIRST_APPLICATION_URL_NAME)
    next_url = _safe_next(request, request.session.get("oidc_login_next") or "")
    with transaction.atomic():
        auth.sign_in(request, person, auth.OIDC)
    return HttpResponseRedirect(next_url)
