"""The project's system checks: a weak secret key, a preliminary riksnorm in use."""

from datetime import date

import pytest
from django.test import override_settings

from bistand.normtables import status
from bistand.project import checks, env
from bistand.rules import params


def ids(messages) -> list[str]:
    return [m.id for m in messages]


@override_settings(SECRET_KEY="for-kort", DEBUG=False)
def test_a_weak_key_is_an_error_in_production():
    assert ids(checks.check_secret_key()) == ["bistand.E001"]


@override_settings(SECRET_KEY="for-kort", DEBUG=True)
def test_a_weak_key_set_by_hand_is_a_warning_in_development():
    assert ids(checks.check_secret_key()) == ["bistand.W001"]


@override_settings(SECRET_KEY=env.DEVELOPMENT_SECRET_KEY, DEBUG=True)
def test_the_demo_key_in_development_is_expected():
    assert checks.check_secret_key() == []


def test_the_test_settings_key_is_strong():
    assert checks.check_secret_key() == []


class Table:
    def __init__(self, preliminary: bool):
        self.preliminary = preliminary


@pytest.fixture
def tables(monkeypatch):
    """2025 official, 2026 preliminary: fixed here, so the test does not change when a year is added."""
    on_file = {2025: Table(preliminary=False), 2026: Table(preliminary=True)}
    monkeypatch.setattr(params, "norm_table", on_file.get)


def test_a_preliminary_riksnorm_in_use_is_warned_about(tables):
    assert [w.code for w in status.current_year_warnings(date(2026, 3, 1))] == ["normtables.W005"]
    assert status.current_year_warnings(date(2025, 3, 1)) == []
