"""Fixtures for every test area."""

import pytest

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _tables_from_files_without_a_database(request, monkeypatch):
    """A test without database access calculates from the parameter files alone.

    The web application brings in the riksnorm tables entered in the database on every request
    (bistand.normtables.middleware); a test that may not touch the database skips that step.
    """
    if request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(request.fixturenames):
        return
    from bistand.normtables import registry

    monkeypatch.setattr(registry, "sync", lambda force=False: None)
