"""The resident's sign-in to the e-service: its own session keys, separate from staff sign-in.

A resident is a `people.Person`, never a Django user. The session holds the person's id under keys of
its own (SESSION_PERSON and friends); django.contrib.auth's user stays anonymous, so no staff page
(`login_required`, `staff_required`) accepts a resident, and `resident_required` refuses a session that
carries a signed-in staff user. Signing in as a resident starts a new session (the old one, with any
staff sign-in, is flushed), and a staff sign-in removes the resident keys (signals.py).

A session ends after BISTAND_ESERVICE_IDLE_MINUTES without activity (default 15) and after
BISTAND_ESERVICE_MAX_HOURS in any case (default 2).

What a resident may see: the cases of the households in which the person is an adult (applicant or
co-applicant) today. Children and people who have moved out of a household see nothing of it. Anything
else answers 404, as if it did not exist (the same rule as casework/access.py).
"""

import time
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from bistand.audit.audit import AuditAction, record
from bistand.cases.models import Case
from bistand.people.models import Household, HouseholdMember, MemberRole, Person

SESSION_PERSON = "eservice_person_id"
SESSION_LOGIN_AT = "eservice_login_at"
SESSION_LAST_SEEN = "eservice_last_seen"
SESSION_METHOD = "eservice_method"
# A verified identity not (yet) known to Bistånd: {"personal_number", "first_name", "last_name"}. It may
# only open the first-application page; the person is registered when the application is begun.
SESSION_NEW_IDENTITY = "eservice_new_identity"
SESSION_KEYS = (SESSION_PERSON, SESSION_LOGIN_AT, SESSION_LAST_SEEN, SESSION_METHOD, SESSION_NEW_IDENTITY)
NEW_APPLICANT_CLIENT = "E-tjänsten, ny sökande"

ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)

LOGIN_URL_NAME = "eservice:login"
FIRST_APPLICATION_URL_NAME = "eservice:first_application"


@dataclass(frozen=True)
class Method:
    code: str
    label: str  # Swedish, for the audit log


DEMO = Method("demo", "testinloggning i demon")
OIDC = Method("oidc", "e-legitimation")


def actor_label(person: Person) -> str:
    """Who did it, in the audit log's "tjänstekonto" column: the e-service and the person's id (no name:
    a protected person's name does not belong in a log line either)."""
    return f"E-tjänsten, person {person.pk}"


def audit(request, *, action: AuditAction, what: str, case=None, cases=(), person=None):
    """An audit row for something a resident did or saw (inside the caller's transaction)."""
    person = person or getattr(request, "resident", None)
    return record(
        action=action,
        what=what,
        case=case,
        cases=cases,
        path=request.get_full_path(),
        client=actor_label(person) if person is not None else "E-tjänsten",
    )


def sign_in(request, person: Person, method: Method) -> None:
    """Start a fresh resident session for `person` (any staff sign-in in the old session is dropped)."""
    request.session.flush()
    now = int(time.time())
    request.session[SESSION_PERSON] = person.pk
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_LAST_SEEN] = now
    request.session[SESSION_METHOD] = method.code
    request.resident = person
    audit(request, action=AuditAction.LOGIN, what=f"Inloggning i e-tjänsten ({method.label})", person=person)


@dataclass(frozen=True)
class NewIdentity:
    """A person signed in with e-legitimation whose personnummer Bistånd does not know yet."""

    personal_number: str  # canonical, as people.Person.personal_number
    first_name: str
    last_name: str


def sign_in_new(request, identity: NewIdentity, method: Method) -> None:
    """Start a fresh session for a verified identity unknown to Bistånd (it can only begin a first
    application). Nothing is stored about the person until they begin one; the log row names no one."""
    request.session.flush()
    now = int(time.time())
    request.session[SESSION_NEW_IDENTITY] = {
        "personal_number": identity.personal_number,
        "first_name": identity.first_name[:100],
        "last_name": identity.last_name[:100],
    }
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_LAST_SEEN] = now
    request.session[SESSION_METHOD] = method.code
    record(
        action=AuditAction.LOGIN,
        what=f"Inloggning i e-tjänsten ({method.label}) av en person som inte finns i Bistånd",
        path=request.get_full_path(),
        client=NEW_APPLICANT_CLIENT,
    )


def new_identity(request) -> NewIdentity | None:
    """The verified identity of a signed-in new applicant (not yet a person in Bistånd), or None."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None
    data = request.session.get(SESSION_NEW_IDENTITY)
    if not isinstance(data, dict) or request.session.get(SESSION_PERSON):
        return None
    if _expired(request.session):
        request.session.flush()
        return None
    request.session[SESSION_LAST_SEEN] = int(time.time())
    return NewIdentity(
        personal_number=str(data.get("personal_number", "")),
        first_name=str(data.get("first_name", "")),
        last_name=str(data.get("last_name", "")),
    )


def sign_out(request, reason: str = "") -> None:
    person_id = request.session.get(SESSION_PERSON)
    if person_id:
        person = Person.objects.filter(pk=person_id).first()
        if person is not None:
            what = "Utloggning ur e-tjänsten" + (f" ({reason})" if reason else "")
            audit(request, action=AuditAction.LOGOUT, what=what, person=person)
    request.session.flush()


def forget_resident(session) -> None:
    """Drop the resident keys from a session (a staff sign-in in the same browser)."""
    for key in SESSION_KEYS:
        session.pop(key, None)


def _expired(session) -> str:
    now = int(time.time())
    idle = settings.BISTAND_ESERVICE_IDLE_SECONDS
    limit = settings.BISTAND_ESERVICE_MAX_SECONDS
    if now - int(session.get(SESSION_LAST_SEEN) or 0) > idle:
        return "ingen aktivitet"
    if now - int(session.get(SESSION_LOGIN_AT) or 0) > limit:
        return "längsta tid för en inloggning"
    return ""


def current_resident(request) -> Person | None:
    """The signed-in resident of this request, or None (checks the idle and absolute limits)."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None  # a staff session is never a resident session
    person_id = request.session.get(SESSION_PERSON)
    if not person_id:
        return None
    reason = _expired(request.session)
    if reason:
        sign_out(request, reason)
        messages.info(
            request, _("Du har loggats ut eftersom du inte har gjort något på en stund. Logga in igen.")
        )
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        request.session.flush()
        return None
    request.session[SESSION_LAST_SEEN] = int(time.time())
    return person


def households_of(person: Person, day=None) -> QuerySet[Household]:
    """The households in which `person` is an adult member on `day` (today by default)."""
    day = day or timezone.localdate()
    memberships = HouseholdMember.objects.filter(
        person=person, role__in=ADULT_ROLES, valid_from__lte=day
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return Household.objects.filter(pk__in=memberships.values("household_id"))


def cases_of(person: Person) -> QuerySet[Case]:
    return Case.objects.filter(household__in=households_of(person)).order_by("-opened_on", "-pk")


def resident_cases(request) -> QuerySet[Case]:
    """The cases the signed-in resident may see (none without a resident)."""
    person = getattr(request, "resident", None)
    if person is None:
        return Case.objects.none()
    return cases_of(person)


def _drop_nul_characters(request) -> None:
    """NUL characters are never part of what a person types, and PostgreSQL cannot store them in text or
    JSON; they are dropped from the posted fields (uploaded files are not touched)."""
    if request.method != "POST" or not any("\x00" in v for _, values in request.POST.lists() for v in values):
        return
    cleaned = request.POST.copy()
    for key, values in cleaned.lists():
        cleaned.setlist(key, [v.replace("\x00", "") for v in values])
    cleaned._mutable = False
    request.POST = cleaned


def resident_required(view):
    """A signed-in resident is required; sets request.resident, request.resident_household and
    request.resident_cases. Otherwise redirects to the resident sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        person = current_resident(request)
        if person is None:
            from django.urls import reverse

            if new_identity(request) is not None:
                return redirect(FIRST_APPLICATION_URL_NAME)
            login = reverse(LOGIN_URL_NAME)
            if request.method == "GET":
                login += "?" + urlencode({"next": request.get_full_path()})
            return redirect(login)
        request.resident = person
        _drop_nul_characters(request)
        request.resident_household = households_of(person).order_by("-pk").first()
        request.resident_cases = cases_of(person)
        return view(request, *args, **kwargs)

    return wrapper
