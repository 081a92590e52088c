"""System checks for a real installation, run by `bistand check` and before runserver and migrate.

- bistand.E001 / W001: a secret key that is the development key or too short. The settings already
  refuse to start production with one; the check also covers keys changed later (override, shell).
The riksnorm checks (next year missing from 1 November, a preliminary table in use) live with the tables
they read, in bistand.normtables.checks, since a year's table may be entered in the database.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from bistand.project import env


@register(Tags.security)
def check_secret_key(app_configs=None, **kwargs):
    weakness = env.secret_key_weakness(settings.SECRET_KEY)
    if weakness is None:
        return []
    if not settings.DEBUG:
        return [Error(weakness, hint=env.KEY_HINT, id="bistand.E001")]
    if settings.SECRET_KEY != env.DEVELOPMENT_SECRET_KEY:  # the demo's own key is expected in DEBUG
        return [Warning(weakness, hint=env.KEY_HINT, id="bistand.W001")]
    return []
