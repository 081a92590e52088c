"""The one way to write the audit log (OSL 26 kap., GDPR art. 5.2 and 32).

Every read or change of a person's data that a supervisor could ask about goes through `record`,
inside the same database transaction as the change itself, so a change is never saved without its
audit row (and a rolled-back change leaves none). Actions are an enumeration with Swedish labels, so the
log page speaks Swedish and a search by action is exact.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from bistand.audit.models import AuditEvent, AuditEventCase


class AuditAction(models.TextChoices):
    VIEW = "view", "Visade"
    DENIED = "denied", "Nekad åtkomst"
    CREATE = "create", "Registrerade"
    CHANGE = "change", "Ändrade"
    PRINT = "print", "Skrev ut"
    EXPORT = "export", "Exporterade"
    AUDIT_SEARCH = "audit_search", "Sökte i loggen"
    DECIDE = "decide", "Beslutade"
    CORRECT = "correct", "Rättade"
    PAY = "pay", "Betalade ut"
    LIST = "list", "Visade lista"
    LOGIN = "login", "Loggade in"
    LOGIN_FAILED = "login_failed", "Misslyckad inloggning"
    LOGOUT = "logout", "Loggade ut"
    ADMIN = "admin", "Administrerade"
    GRANT = "grant", "Gav behörighet"
    REVOKE = "revoke", "Tog bort behörighet"
    PROTECT = "protect", "Ändrade skyddad identitet"
    PURGE = "purge", "Gallrade"
    EXTRACT = "extract", "Tog fram registerutdrag"
    TABLE = "table", "Förde in riksnorm eller prisbasbelopp"
    TOKEN_CREATE = "token_create", "Skapade API-nyckel"
    TOKEN_REVOKE = "token_revoke", "Återkallade API-nyckel"
    API_USE = "api_use", "Anropade API:t"
    WITHDRAW = "withdraw", "Återkallade ansökan"
    SEARCH = "search", "Sökte person eller ärende"
    ASSIGN = "assign", "Fördelade ärende"
    FETCH = "fetch", "Hämtade uppgifter från myndighet"
    AUTOMATE = "automate", "Automatiserad beslutsfunktion"
    REFER = "refer", "Lämnade över beslut"
    PAYMENT_RETURN = "payment_return", "Registrerade returnerad utbetalning"
    MONTHLY_RUN = "monthly_run", "Körde månadskörningen"
    UPLOAD = "upload", "Tog emot bilaga"
    MESSAGE = "message", "Skickade meddelande"
    JOURNAL = "journal", "Journalförde"


def record(
    *,
    action: AuditAction,
    what: str,
    user=None,
    staff=None,
    case=None,
    path: str = "",
    cases: Iterable = (),
    client: str = "",
) -> AuditEvent:
    """Write one audit row. `what` says in Swedish what was shown or changed (no protected data).

    `cases` (cases or their ids) are the cases a list page or an export named: each is linked to the row,
    so a search by person finds it. `client` names a machine client (API token) that has no user.
    """
    event = AuditEvent.objects.create(
        user=user if user is not None and getattr(user, "is_authenticated", False) else None,
        staff=staff,
        case=case,
        action=AuditAction(action).value,
        what=what[:200],
        path=path[:300],
        client=client[:120],
    )
    case_ids = sorted({getattr(c, "pk", c) for c in cases})
    if case_ids:
        AuditEventCase.objects.bulk_create(AuditEventCase(event=event, case_id=pk) for pk in case_ids)
    return event


def record_request(
    request, *, action: AuditAction, what: str, staff=None, case=None, cases: Iterable = ()
) -> AuditEvent:
    """`record` for a web request: the signed-in user and the address come from the request.

    A request authenticated by an API token carries the token's name in `request.audit_client`
    (set by bistand.apitokens.auth), which goes into the row in place of a user.
    """
    user = getattr(request, "user", None)
    return record(
        action=action,
        what=what,
        user=user,
        staff=staff,
        case=case,
        path=request.get_full_path(),
        cases=cases,
        client=getattr(request, "audit_client", ""),
    )


@dataclass(frozen=True)
class Actor:
    """Who makes a change, for the audit row a service writes in the same transaction (`record_by`)."""

    user: object = None
    staff: object = None
    path: str = ""
    client: str = ""

    @classmethod
    def from_request(cls, request) -> "Actor":
        """The signed-in user and staff member, the address, and an API token's name if any."""
        return cls(
            user=getattr(request, "user", None),
            staff=getattr(request, "staff", None),
            path=request.get_full_path(),
            client=getattr(request, "audit_client", ""),
        )


def record_by(actor: Actor, *, action: AuditAction, what: str, case=None, cases: Iterable = ()) -> AuditEvent:
    """`record` for a change made by `actor` (a service's audit row)."""
    return record(
        action=action,
        what=what,
        user=actor.user,
        staff=actor.staff,
        case=case,
        path=actor.path,
        cases=cases,
        client=actor.client,
    )
