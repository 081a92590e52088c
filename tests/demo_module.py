"""The demo city built once for a whole test module, then removed again.

For tests that read many pages of the demo city with Django's test client: building Demostad takes
tens of seconds, so a module builds it once; afterwards the database is flushed and restored to what
the migrations left, so the other tests see the usual empty database (as tests/browser/conftest.py).
"""

import pytest
from django.core.management import call_command
from django.db import connection

DEMO_PASSWORD = "demo-2026"
DEMO_USERS = ("handlaggare", "handlaggare2", "forste", "enhetschef", "admin", "analytiker")


@pytest.fixture(scope="module")
def small_demo_city(django_db_setup, django_db_blocker):
    """Demostad with 60 households (seed 2026) for this module only."""
    django_db_blocker.unblock()
    try:
        migrated = connection.creation.serialize_db_to_string()
        call_command("build_demo", households=60, seed=2026, verbosity=0)
        yield
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated)
    finally:
        django_db_blocker.restore()
