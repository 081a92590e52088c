"""System checks of the resident e-service for a real installation (`bistand check --deploy`).

- eservice.E001: the demo's test login (choose any resident) is on without development mode. Production
  settings never turn it on (it follows BISTAND_DEBUG); this catches an override.
Production without the e-legitimation sign-in (BISTAND_RESIDENT_OIDC_*) is allowed and not reported: a
municipality may not offer the e-service, and /mina-sidor/ then says that sign-in is not available.
- eservice.E002: the resident sign-in is configured with an unsigned or symmetric ID token algorithm; the
  broker's tokens must be checked against its published keys (RS256/ES256 with a JWKS endpoint).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_resident_login(app_configs=None, **kwargs):
    problems = []
    if settings.BISTAND_ESERVICE_DEMO_LOGIN and not settings.DEBUG:
        problems.append(
            Error(
                "The e-service's demo test login is on in production settings.",
                hint="It is for the demo only (BISTAND_DEBUG=1); remove BISTAND_ESERVICE_DEMO_LOGIN.",
                id="eservice.E001",
            )
        )
    config = settings.BISTAND_RESIDENT_OIDC
    if config is not None and not config.sign_algo.startswith(("RS", "ES", "PS")):
        problems.append(
            Error(
                f"BISTAND_RESIDENT_OIDC_SIGN_ALGO {config.sign_algo!r} is not an asymmetric algorithm.",
                hint="Use RS256 or ES256 and the broker's JWKS endpoint.",
                id="eservice.E002",
            )
        )
    return problems
