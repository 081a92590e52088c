import pytest

from bistand.normtables import registry


@pytest.fixture(autouse=True)
def files_only():
    """Each test starts and ends with the files' tables only (the supplied tables are process-wide)."""
    registry.reset()
    yield
    registry.reset()
