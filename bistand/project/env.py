"""Strict reading of the environment for the settings, and the refusal to run production half-configured.

Why strict: a typo such as BISTAND_DEBUG=ture or BISTAND_HSTS_SECONDS=1y must stop the process with a
message naming the variable, not quietly fall back to a default that happens to be unsafe. And in
production (DEBUG off) the process must not start with the development secret key, a short key, no
allowed host names or no pseudonym key for the statistics exports: each of those either lets anyone
forge sessions, answers any Host header or fails only later, in front of a user. The other way round,
DEBUG is refused for any host name but the developer's own machine: its error pages show the settings.

Plain Python (no Django imports) so that it can be tested without settings.
"""

from collections.abc import Mapping

# Used only when DEBUG is on (make run, the demo). Production refuses it, see production_problems().
DEVELOPMENT_SECRET_KEY = "dev-only-not-secret-change-in-production"
# Django's own deploy check (security.W009) asks for at least 50 characters and 5 different ones.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE = 5
# The statistics exports' HMAC key (bistand.statistics.privacy): at least 32 bytes.
PSEUDONYM_KEY_ENV = "BISTAND_PSEUDONYM_KEY"
MIN_PSEUDONYM_KEY_BYTES = 32
# Used only when DEBUG is on and the environment has no key, so the demo's household extract works.
# Production refuses it like the development secret key.
DEVELOPMENT_PSEUDONYM_KEY = "dev-only-pseudonym-key-not-secret-0123456789"

KEY_HINT = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class EnvironmentProblem(Exception):
    """The environment does not describe a runnable installation; the message says what to set."""


class Env:
    """Typed, strict accessors over a mapping of environment variables (os.environ by default)."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def text(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default).strip()

    def flag(self, name: str, default: bool = False) -> bool:
        raw = self.environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise EnvironmentProblem(f"{name} must be 1 or 0 (also true/false, yes/no, on/off), not {raw!r}.")

    def integer(self, name: str, default: int, minimum: int = 0) -> int:
        raw = self.environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise EnvironmentProblem(f"{name} must be a whole number, not {raw!r}.") from None
        if value < minimum:
            raise EnvironmentProblem(f"{name} must be at least {minimum}, not {value}.")
        return value

    def names(self, name: str, default: str = "") -> list[str]:
        """A comma-separated list; blanks and surrounding spaces dropped."""
        return [part.strip() for part in self.environ.get(name, default).split(",") if part.strip()]


def secret_key_weakness(key: str) -> str | None:
    """Why `key` is not fit to sign sessions and CSRF tokens in production, or None if it is."""
    if not key:
        return "BISTAND_SECRET_KEY is not set"
    if key == DEVELOPMENT_SECRET_KEY or key.startswith("django-insecure-"):
        return "BISTAND_SECRET_KEY is the development key, which is public"
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_UNIQUE:
        return (
            f"BISTAND_SECRET_KEY is too weak: it needs at least {MIN_SECRET_KEY_LENGTH} characters, "
            f"{MIN_SECRET_KEY_UNIQUE} of them different (it has {len(key)})"
        )
    return None


def production_problems(
    *, secret_key: str, allowed_hosts: list[str], environ: Mapping[str, str]
) -> list[str]:
    """Everything that stops this environment from running in production, each with what to set."""
    problems = []
    weakness = secret_key_weakness(secret_key)
    if weakness:
        problems.append(f"{weakness}; {KEY_HINT}.")
    if not allowed_hosts:
        problems.append(
            "BISTAND_ALLOWED_HOSTS is empty; set the host names the service answers to, "
            "comma-separated (e.g. bistand.kommun.se)."
        )
    elif "*" in allowed_hosts:
        problems.append("BISTAND_ALLOWED_HOSTS contains '*'; name the service's host names instead.")
    pseudonym_key = environ.get(PSEUDONYM_KEY_ENV, "").encode("utf-8")
    if pseudonym_key == DEVELOPMENT_PSEUDONYM_KEY.encode("utf-8"):
        problems.append(f"{PSEUDONYM_KEY_ENV} is the public development key; {KEY_HINT}.")
    elif len(pseudonym_key) < MIN_PSEUDONYM_KEY_BYTES:
        state = "is not set" if not pseudonym_key else f"is shorter than {MIN_PSEUDONYM_KEY_BYTES} bytes"
        problems.append(
            f"{PSEUDONYM_KEY_ENV} {state}; the statistics exports pseudonymise with it "
            f"(keep it stable: changing it breaks the link between months); {KEY_HINT}."
        )
    return problems


LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"}


def refuse_debug_on_public_hosts(allowed_hosts: list[str]) -> None:
    """DEBUG shows any visitor a traceback with the settings; it is for a developer's own machine only."""
    public = [host for host in allowed_hosts if host not in LOCAL_HOSTS]
    if public:
        raise EnvironmentProblem(
            f"BISTAND_DEBUG=1 is for local development only, but BISTAND_ALLOWED_HOSTS names {', '.join(public)}; "
            "unset BISTAND_DEBUG for a real installation (see the README's 'Running in production')."
        )


def refuse_unless_production_ready(*, secret_key: str, allowed_hosts: list[str], environ) -> None:
    problems = production_problems(secret_key=secret_key, allowed_hosts=allowed_hosts, environ=environ)
    if problems:
        raise EnvironmentProblem(
            "Bistånd will not start in production (BISTAND_DEBUG is off) with these settings:\n"
            + "\n".join(f"  - {p}" for p in problems)
            + "\nFor a local demo, set BISTAND_DEBUG=1 instead (make run does)."
        )
