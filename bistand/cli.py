"""The `bistand` console command.

Two subcommands are plain Python and need no database: `calculate` (the norm engine) and
`durations` (classifying payment histories). `calculate` uses the parameter files; with `--databas` it
also uses the riksnorm tables and prisbasbelopp entered in the database (`bistand import_table`). Everything else is handed to Django's management
commands, so `bistand migrate`, `bistand runserver` and `bistand build_demo` work as with manage.py.
"""

import os
import sys
from importlib import import_module

# Subcommands that run without Django: name -> "module:function(argv) -> exit status".
PURE_COMMANDS = {
    "calculate": "bistand.rules.cli:main",
    "durations": "bistand.statistics.cli:durations_main",
}


WITH_DATABASE = "--databas"


def _use_database_tables() -> None:
    """Set up Django and hand the tables entered in the database to the rules."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
    import django

    django.setup()
    from bistand.normtables import registry

    registry.sync()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "calculate" and WITH_DATABASE in argv[1:]:
        argv.remove(WITH_DATABASE)
        _use_database_tables()
    if argv and argv[0] in PURE_COMMANDS:
        module_name, func_name = PURE_COMMANDS[argv[0]].split(":")
        return getattr(import_module(module_name), func_name)(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.project.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from bistand.project.env import EnvironmentProblem

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings, which check the environment)
    except EnvironmentProblem as problem:
        print(problem, file=sys.stderr)  # what to set, without a traceback in front of it
        return 2

    execute_from_command_line(["bistand", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
