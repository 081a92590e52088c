"""System checks for a real installation, run by `bistand check` and before runserver and migrate.

- bistand.E001 / W001: a secret key that is the development key or too short. The settings already
  refuse to start production with one; the check also covers keys changed later (override, shell).
- bistand.W002: from 1 November, next year's riksnorm is not on file. The government decides it in the
  autumn; without it, calculations for January fail with no_parameters_for_year.
- bistand.W003: this year's riksnorm is preliminary (a stand-in until the official SFS is published),
  so decisions are calculated on amounts that may change.
"""

from datetime import date

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils import timezone

from bistand.project import env
from bistand.rules.params import norm_table

RIKSNORM_HINT = "Add the year's table under bistand/rules/parameters/riksnorm/ (see the README there)."


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


def riksnorm_messages(today: date) -> list[Warning]:
    messages = []
    if today.month >= 11 and norm_table(today.year + 1) is None:
        messages.append(
            Warning(
                f"The riksnorm for {today.year + 1} is not on file; calculations for January {today.year + 1} will fail.",
                hint=RIKSNORM_HINT,
                id="bistand.W002",
            )
        )
    table = norm_table(today.year)
    if table is not None and table.preliminary:
        messages.append(
            Warning(
                f"The riksnorm for {today.year} is preliminary; decisions are calculated on amounts that may change.",
                hint="Replace it with the official amounts once the SFS is published.",
                id="bistand.W003",
            )
        )
    return messages


@register("riksnorm")
def check_riksnorm(app_configs=None, **kwargs):
    return riksnorm_messages(timezone.localdate())
