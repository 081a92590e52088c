"""The one way to write the audit log (OSL 26 kap., GDPR art. 5.2 and 32).

Every read or change of a person's data that a supervisor could ask about goes through `record`,
inside the same database transaction as the change itself, so a change is never saved without its
audit row (and a rolled-back change leaves none). Actions are an enumeration with Swedish labels, so the
log page speaks Swedish and a search by action is exact.
"""

from django.db import models

from bistand.casework.models import AuditEvent


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


def record(
    *,
    action: AuditAction,
    what: str,
    user=None,
    staff=None,
    case=None,
    path: str = "",
) -> AuditEvent:
    """Write one audit row. `what` says in Swedish what was shown or changed (no protected data)."""
    return AuditEvent.objects.create(
        user=user if user is not None and getattr(user, "is_authenticated", False) else None,
        staff=staff,
        case=case,
        action=AuditAction(action).value,
        what=what[:200],
        path=path[:300],
    )


def record_request(request, *, action: AuditAction, what: str, staff=None, case=None) -> AuditEvent:
    """`record` for a web request: the signed-in user and the address come from the request."""
    return record(
        action=action, what=what, user=request.user, staff=staff, case=case, path=request.get_full_path()
    )
