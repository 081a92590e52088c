import pytest


@pytest.fixture(autouse=True)
def stub_agencies(settings):
    settings.INCOME_DATA_PROVIDER = "tests.automation.world.StubProvider"
