"""The project's system checks: a weak secret key, a missing or preliminary riksnorm."""

from datetime import date

import pytest
from django.test import override_settings

from bistand.project import checks, env


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
    """2025 official, 2026 preliminary, nothing for 2027: fixed here, so the test does not change when
    a year's table is added to the parameter files."""
    on_file = {2025: Table(preliminary=False), 2026: Table(preliminary=True)}
    monkeypatch.setattr(checks, "norm_table", on_file.get)


def test_next_years_riksnorm_is_asked_for_from_the_first_of_november(tables):
    assert ids(checks.riksnorm_messages(date(2026, 10, 31))) == ["bistand.W003"]
    assert ids(checks.riksnorm_messages(date(2026, 11, 1))) == ["bistand.W002", "bistand.W003"]
    assert "2027" in checks.riksnorm_messages(date(2026, 11, 1))[0].msg


def test_an_official_year_with_next_year_on_file_is_quiet(tables):
    assert checks.riksnorm_messages(date(2025, 11, 15)) == []
    assert checks.riksnorm_messages(date(2025, 1, 15)) == []


def test_the_checks_read_the_real_parameter_files():
    # Whatever years are on file, a year far ahead has none, and the check says so from November.
    assert ids(checks.riksnorm_messages(date(2099, 11, 1)))[:1] == ["bistand.W002"]
