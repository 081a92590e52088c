"""Writing, signing and submitting an application in the e-service.

The resident's application is kept as a `ResidentApplication` while it is written (a draft) and signed.
When every adult of the household has signed it with their own login, `sign` registers it as an
ordinary application through the caseworker's own service (casework.applications.register_application,
channel e-tjänst) and calculates it at once (cases.services.calculate_application): the application is
then in the caseworker's work queue with its calculation and the decision proposal ready. The norm is
never calculated here; the preview runs the same rules (bistand.rules) on the same request.

Every write goes through a function here and writes its audit row in the same transaction.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from bistand import rules
from bistand.audit.audit import AuditAction, record
from bistand.cases.models import Application, DeclaredItem
from bistand.cases.models.application import ApplicationChannel, ApplicationKind, ApplicationStatus
from bistand.cases.needs import LIVELIHOOD
from bistand.cases.services import build_request, calculate_application
from bistand.casework.applications import DuplicateApplication, Item, duplicate_problem, register_application
from bistand.casework.windows import add_months
from bistand.eservice.auth import ADULT_ROLES, NEW_APPLICANT_CLIENT, actor_label
from bistand.eservice.models import ResidentApplication, ResidentApplicationStatus, ResidentSignature
from bistand.intake.services import IntakeRefused, PersonInput, open_case_from_eservice
from bistand.people.models import Person
from bistand.rules.months import last_of_month

MAX_AMOUNT = 999_999  # kr per row: a slip of the keyboard, not a cost of living
MAX_ITEMS = 40

OPEN = (ResidentApplicationStatus.DRAFT, ResidentApplicationStatus.AWAITING_SIGNATURE)


class NotAllowed(Exception):
    """Something the resident cannot do now; `message` says why (translated by the caller's language)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- What the household may apply for -----------------------------------------------------------------


def adults(case, month: date) -> list:
    """The adults (applicant, co-applicant) of the case's household in `month`: they all sign."""
    return [m.person for m in case.household.members_on(last_of_month(month)) if m.role in ADULT_ROLES]


def livelihood_applications(case):
    return Application.objects.filter(case=case, need=LIVELIHOOD).exclude(status=ApplicationStatus.WITHDRAWN)


def previous_application(case, month: date) -> Application | None:
    """The latest application for försörjningsstöd before `month` (what a recurring application copies)."""
    return livelihood_applications(case).filter(month__lt=month).order_by("-month", "-received_at").first()


def next_month_to_apply(case, today: date) -> date | None:
    """This month when it has no application for försörjningsstöd yet, else next month, else None."""
    this_month = today.replace(day=1)
    taken = set(livelihood_applications(case).values_list("month", flat=True))
    taken |= set(
        ResidentApplication.objects.filter(case=case, status__in=OPEN)
        .exclude(kind=ApplicationKind.EXTRA_NEED)
        .values_list("month", flat=True)
    )
    for month in (this_month, add_months(this_month, 1)):
        if month not in taken:
            return month
    return None


def open_applications(case):
    return ResidentApplication.objects.filter(case=case, status__in=OPEN).order_by("month", "created_at")


# --- Items: as stored in ResidentApplication.data -------------------------------------------------------


def item_dict(
    category: str, kind: str, amount: int, member_id: int | None = None, description: str = ""
) -> dict:
    return {
        "category": category,
        "kind": kind,
        "amount": int(amount),
        "member_id": member_id,
        "description": description[:200],
    }


def items_from_application(application: Application) -> list[dict]:
    return [
        item_dict(i.category, i.kind, i.amount, i.member_id, i.description)
        for i in application.items.all().order_by("id")
    ]


def _key(item: dict) -> tuple:
    return (item["category"], item["kind"], item.get("member_id"))


def _sums(items: list[dict]) -> dict[tuple, int]:
    sums: dict[tuple, int] = {}
    for item in items:
        sums[_key(item)] = sums.get(_key(item), 0) + int(item["amount"])
    return sums


def changes_between(before: list[dict], after: list[dict]) -> list[dict]:
    """What differs from last month, per (category, kind, member): before and after amounts (0 = none)."""
    old, new = _sums(before), _sums(after)
    changes = []
    for key in sorted(set(old) | set(new), key=repr):
        if old.get(key, 0) != new.get(key, 0):
            category, kind, member_id = key
            changes.append(
                {
                    "category": category,
                    "kind": kind,
                    "member_id": member_id,
                    "before": old.get(key, 0),
                    "after": new.get(key, 0),
                }
            )
    return changes


def to_items(data: dict) -> list[Item]:
    return [
        Item(
            category=i["category"],
            kind=i["kind"],
            amount=int(i["amount"]),
            member_id=i.get("member_id"),
            description=i.get("description", ""),
        )
        for i in data.get("items", [])
        if int(i["amount"]) > 0
    ]


# --- The preview: the rules on the application as it stands, nothing stored ------------------------------


class _Items(list):
    def all(self):
        return self

    def order_by(self, *fields):
        return self


@dataclass
class _Unsaved:
    """Just enough of an Application for cases.services.build_request (nothing is written)."""

    case: object
    month: date
    items: _Items
    carry_surplus: bool = False


def preview(resident_application: ResidentApplication) -> tuple[dict | None, dict | None, list[dict]]:
    """(request, result, errors): the rules' calculation of the application as it stands now.

    The same request the caseworker's calculation will be made from (cases.services.build_request), so the
    preview and the proposal agree. A preview is not a decision: the caseworker judges the application.
    """
    items = _Items(
        DeclaredItem(
            category=i.category,
            kind=i.kind,
            amount=i.amount,
            member_id=i.member_id,
            description=i.description,
        )
        for i in to_items(resident_application.data)
    )
    unsaved = _Unsaved(resident_application.case, resident_application.month, items)
    request = build_request(unsaved)
    try:
        return request, rules.calculate(request), []
    except rules.CalculationError as exc:
        return request, None, list(exc.errors)


# --- Writing -------------------------------------------------------------------------------------------


def _audit(person, case, action: AuditAction, what: str, path: str = "") -> None:
    record(action=action, what=what, case=case, path=path, client=actor_label(person))


@transaction.atomic
def start_application(
    *, person, case, kind: str, month: date, items: list[dict] | None = None, path: str = ""
) -> ResidentApplication:
    """A new draft. A recurring application starts with last month's items; others with `items` or none."""
    if kind not in ApplicationKind.values:
        raise NotAllowed(gettext_noop("Okänd typ av ansökan."))
    existing = (
        open_applications(case).filter(month=month).exclude(kind=ApplicationKind.EXTRA_NEED).first()
        if kind != ApplicationKind.EXTRA_NEED
        else None
    )
    if existing is not None:
        return existing
    if kind != ApplicationKind.EXTRA_NEED and duplicate_problem(case.pk, month, LIVELIHOOD) is not None:
        raise NotAllowed(gettext_noop("Det finns redan en ansökan för den här månaden."))
    if items is None:
        previous = previous_application(case, month) if kind == ApplicationKind.RECURRING else None
        items = items_from_application(previous) if previous is not None else []
    draft = ResidentApplication.objects.create(
        case=case,
        kind=kind,
        month=month.replace(day=1),
        started_by=person,
        data={"items": items, "reason": "", "assets": "", "unchanged": False},
    )
    _audit(person, case, AuditAction.CREATE, f"E-tjänsten: påbörjade ansökan {month:%Y-%m}", path)
    return draft


def _editable(draft: ResidentApplication) -> None:
    if draft.status != ResidentApplicationStatus.DRAFT:
        raise NotAllowed(
            gettext_noop(
                "Ansökan är redan underskriven och kan inte ändras. Vill du ändra något, ta tillbaka din "
                "underskrift först."
            )
        )


@transaction.atomic
def save_draft(
    *,
    person,
    draft: ResidentApplication,
    items: list[dict],
    reason: str = "",
    assets: str = "",
    path: str = "",
) -> ResidentApplication:
    """Store what the resident typed (a draft is saved at every step)."""
    draft = ResidentApplication.objects.select_for_update().get(pk=draft.pk)
    _editable(draft)
    if len(items) > MAX_ITEMS:
        raise NotAllowed(gettext_noop("För många rader i ansökan."))
    for item in items:
        if not 0 <= int(item["amount"]) <= MAX_AMOUNT:
            raise NotAllowed(gettext_noop("Ett belopp är för stort."))
    draft.data = {
        "items": items,
        "reason": reason[:2000],
        "assets": assets[:2000],
        "unchanged": False,
    }
    previous = previous_application(draft.case, draft.month)
    draft.changes = (
        changes_between(items_from_application(previous), items)
        if previous is not None and draft.kind == ApplicationKind.RECURRING
        else []
    )
    draft.save()
    _audit(
        person,
        draft.case,
        AuditAction.CHANGE,
        f"E-tjänsten: sparade utkast till ansökan {draft.month:%Y-%m}",
        path,
    )
    return draft


@transaction.atomic
def confirm_unchanged(*, person, draft: ResidentApplication, path: str = "") -> ResidentApplication:
    """ "Nothing has changed": the items are last month's, exactly."""
    draft = ResidentApplication.objects.select_for_update().get(pk=draft.pk)
    _editable(draft)
    previous = previous_application(draft.case, draft.month)
    if previous is None:
        raise NotAllowed(gettext_noop("Det finns ingen tidigare ansökan att utgå från."))
    draft.data = {**draft.data, "items": items_from_application(previous), "unchanged": True}
    draft.changes = []
    draft.save()
    return draft


def signatures(draft: ResidentApplication):
    return draft.signatures.filter(voided_at__isnull=True).select_related("person")


def waiting_for(draft: ResidentApplication) -> list:
    """The adults who have not signed yet."""
    signed = set(signatures(draft).values_list("person_id", flat=True))
    return [p for p in adults(draft.case, draft.month) if p.pk not in signed]


@transaction.atomic
def sign(*, person, draft: ResidentApplication, method: str, path: str = "") -> ResidentApplication:
    """`person` signs with their own login; when every adult has signed, the application is submitted."""
    draft = ResidentApplication.objects.select_for_update().get(pk=draft.pk)
    if draft.status == ResidentApplicationStatus.SUBMITTED:
        raise NotAllowed(gettext_noop("Ansökan är redan inskickad."))
    if person.pk not in {p.pk for p in adults(draft.case, draft.month)}:
        raise NotAllowed(gettext_noop("Bara de vuxna i hushållet kan skriva under ansökan."))
    if not to_items(draft.data) and draft.kind != ApplicationKind.FIRST:
        raise NotAllowed(gettext_noop("Ansökan är tom. Fyll i vad du ansöker om först."))
    if signatures(draft).filter(person=person).exists():
        raise NotAllowed(gettext_noop("Du har redan skrivit under."))
    ResidentSignature.objects.create(resident_application=draft, person=person, method=method)
    _audit(
        person, draft.case, AuditAction.CHANGE, f"E-tjänsten: skrev under ansökan {draft.month:%Y-%m}", path
    )
    if waiting_for(draft):
        draft.status = ResidentApplicationStatus.AWAITING_SIGNATURE
        draft.save(update_fields=["status", "updated_at"])
        return draft
    return _submit(person, draft, path)


@transaction.atomic
def withdraw_signatures(*, person, draft: ResidentApplication, path: str = "") -> ResidentApplication:
    """Back to a draft so it can be changed: every signature is voided (the rows stay)."""
    draft = ResidentApplication.objects.select_for_update().get(pk=draft.pk)
    if draft.status != ResidentApplicationStatus.AWAITING_SIGNATURE:
        raise NotAllowed(gettext_noop("Ansökan väntar inte på underskrift."))
    signatures(draft).update(voided_at=timezone.now())
    draft.status = ResidentApplicationStatus.DRAFT
    draft.save(update_fields=["status", "updated_at"])
    _audit(
        person,
        draft.case,
        AuditAction.CHANGE,
        f"E-tjänsten: tog tillbaka underskrift {draft.month:%Y-%m}",
        path,
    )
    return draft


def _submit(person, draft: ResidentApplication, path: str) -> ResidentApplication:
    """Register the application as the caseworker's own service does, and calculate it at once."""
    now = timezone.now()
    try:
        application = register_application(
            draft.case,
            month=draft.month,
            kind=draft.kind,
            channel=ApplicationChannel.E_SERVICE,
            received_at=now,
            items=to_items(draft.data),
        )
    except DuplicateApplication as exc:
        raise NotAllowed(exc.message) from None
    # When the rules cannot calculate (e.g. next year's riksnorm is not in yet), the caseworker's
    # application page shows why; the application is in the queue all the same.
    with contextlib.suppress(rules.CalculationError):
        calculate_application(application)
    draft.status = ResidentApplicationStatus.SUBMITTED
    draft.submitted_at = now
    draft.application = application
    draft.save(update_fields=["status", "submitted_at", "application", "updated_at"])
    _audit(
        person,
        draft.case,
        AuditAction.CREATE,
        f"E-tjänsten: ansökan {draft.month:%Y-%m} inskickad och beräknad",
        path,
    )
    return draft


# --- A first application: the household registered by the resident --------------------------------------

# The same words for every household the e-service cannot register (a protected person, someone already
# in another household's open case): nothing about another person is revealed.
NOT_FOR_ESERVICE = gettext_noop(
    "Vi kan inte ta emot ansökan för ert hushåll i e-tjänsten. Ring kommunen så hjälper vi dig att ansöka."
)


def unit_for_first_applications(district):
    """The unit that receives the district's first applications from the e-service: the district's first
    unit (its unit manager distributes the new case from the intake page)."""
    return district.units.order_by("pk").first()


def has_open_case(person) -> bool:
    from bistand.eservice.auth import cases_of

    return cases_of(person).filter(status="open").exists()


@transaction.atomic
def begin_first_application(
    *,
    applicant: PersonInput,
    district,
    partner: PersonInput | None = None,
    children: list[PersonInput] | tuple = (),
    today: date,
    path: str = "",
) -> ResidentApplication:
    """Register the household the resident describes, open its case in the district's unit without a
    caseworker (bistand.intake.services.open_case_from_eservice), and begin a first application for this
    month. From here the application is written, signed by every adult and submitted like any other."""
    known = Person.objects.filter(personal_number=applicant.personal_number).first()
    if known is not None and has_open_case(known):
        raise NotAllowed(gettext_noop("Du har redan ett ärende hos oss. Ansök från din översikt."))
    unit = unit_for_first_applications(district)
    if unit is None:
        raise NotAllowed(NOT_FOR_ESERVICE)
    client = actor_label(known) if known is not None else NEW_APPLICANT_CLIENT
    try:
        case = open_case_from_eservice(
            client=client,
            unit=unit,
            applicant=applicant,
            partner=partner,
            children=children,
            household_from=today,
            opened_on=today,
            path=path,
        )
    except IntakeRefused:
        raise NotAllowed(NOT_FOR_ESERVICE) from None
    person = Person.objects.get(personal_number=applicant.personal_number)
    return start_application(
        person=person, case=case, kind=ApplicationKind.FIRST, month=today.replace(day=1), path=path
    )


# --- Meetings and goals --------------------------------------------------------------------------------


@transaction.atomic
def reply_to_meeting(*, person, meeting, answer: str, message: str = "", path: str = ""):
    """The resident accepts a booked meeting or asks for another time (a new row per answer)."""
    from bistand.eservice.models import MeetingAnswer, MeetingReply
    from bistand.selfsupport.models.meeting import MeetingStatus

    if answer not in MeetingAnswer.values:
        raise NotAllowed(gettext_noop("Välj ett svar."))
    if meeting.status != MeetingStatus.BOOKED or meeting.starts_at < timezone.now():
        raise NotAllowed(gettext_noop("Mötet går inte att svara på längre."))
    if answer == MeetingAnswer.OTHER_TIME and not message.strip():
        raise NotAllowed(gettext_noop("Skriv vilka tider som passar dig bättre."))
    reply = MeetingReply.objects.create(
        meeting=meeting, person=person, answer=answer, message=message.strip()[:500]
    )
    label = "kommer" if answer == MeetingAnswer.ACCEPT else "vill ha en annan tid"
    _audit(
        person,
        meeting.case,
        AuditAction.CHANGE,
        f"E-tjänsten: svarade på möte {meeting.starts_at:%Y-%m-%d}: {label}",
        path,
    )
    return reply


@transaction.atomic
def comment_on_goal(*, person, goal, text: str, path: str = ""):
    """The resident comments on a goal of their own action plan (never on someone else's)."""
    from bistand.eservice.models import GoalComment

    if goal.plan.person_id != person.pk:
        raise NotAllowed(gettext_noop("Du kan bara kommentera dina egna mål."))
    text = text.strip()
    if not text:
        raise NotAllowed(gettext_noop("Skriv en kommentar först."))
    comment = GoalComment.objects.create(goal=goal, person=person, text=text[:1000])
    _audit(person, goal.plan.case, AuditAction.CHANGE, "E-tjänsten: kommenterade ett mål i planen", path)
    return comment
