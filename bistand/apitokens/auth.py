"""How the API knows who calls: an API token (machine clients) or a signed-in staff session (browsers).

- `TokenAuth(scope)`: `Authorization: Bearer <token>`. A token is not a cookie, so a forged cross-site
  request cannot carry it and there is no CSRF check. Unknown or revoked → 401 `invalid_token`; a token
  without the endpoint's scope → 403 `insufficient_scope`. Every use is written to the audit log.
- `StaffSessionAuth`: the browser's session cookie, always with Django's CSRF check — but only when
  someone is signed in, so an anonymous caller gets 401 (with WWW-Authenticate), not a CSRF 403.

Tokens are tried first: a machine client with a stray session cookie is still judged by its token.
Errors use the API's shared shape {"errors": [{"code", "message", "field"}]} (RFC 6750 for the headers).
"""

from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from bistand.apitokens import tokens
from bistand.audit import audit

REALM = 'Bearer realm="bistand"'


class Unauthenticated(AuthenticationError):
    code = "unauthenticated"
    text = "Inloggning krävs. Skicka en API-nyckel som Authorization: Bearer <nyckel>."
    challenge = REALM


class InvalidToken(Unauthenticated):
    code = "invalid_token"
    text = "API-nyckeln är okänd eller återkallad."
    challenge = REALM + ', error="invalid_token"'


class InsufficientScope(AuthorizationError):
    code = "insufficient_scope"

    def __init__(self, scope: str):
        super().__init__(message=scope)
        self.text = f"API-nyckeln saknar behörigheten {scope}."
        self.challenge = REALM + f', error="insufficient_scope", scope="{scope}"'


class CsrfFailed(HttpError):
    code = "csrf_failed"
    text = "CSRF-kontrollen misslyckades. Skicka sidans CSRF-token i X-CSRFToken, eller använd en API-nyckel."

    def __init__(self):
        super().__init__(403, "CSRF check failed")


class TokenAuth(HttpBearer):
    def __init__(self, scope: str):
        self.scope = scope
        super().__init__()

    def authenticate(self, request, token: str):
        found = tokens.active_token(token.strip())
        if found is None:
            raise InvalidToken()
        request.audit_client = found.label
        if self.scope not in found.scopes:
            audit.record_request(
                request, action=audit.AuditAction.DENIED, what=f"API: saknar behörigheten {self.scope}"
            )
            raise InsufficientScope(self.scope)
        tokens.mark_used(found, request)
        return found


class StaffSessionAuth(SessionAuth):
    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request):
            raise CsrfFailed()
        return request.COOKIES.get(self.param_name)


def _error_response(api, request, exc, status: int):
    code = getattr(exc, "code", "unauthenticated")
    text = getattr(exc, "text", Unauthenticated.text)
    response = api.create_response(
        request, {"errors": [{"code": code, "message": text, "field": ""}]}, status=status
    )
    challenge = getattr(exc, "challenge", REALM if status == 401 else "")
    if challenge:
        response["WWW-Authenticate"] = challenge
    return response


def install_error_handlers(api) -> None:
    """401 with WWW-Authenticate for missing or bad credentials, 403 for missing rights or CSRF."""
    api.add_exception_handler(AuthenticationError, lambda r, e: _error_response(api, r, e, 401))
    api.add_exception_handler(InsufficientScope, lambda r, e: _error_response(api, r, e, 403))
    api.add_exception_handler(CsrfFailed, lambda r, e: _error_response(api, r, e, 403))
