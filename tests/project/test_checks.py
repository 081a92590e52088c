"""The project's system checks: a weak secret key, a missing or preliminary riksnorm."""

from datetime import date

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


def test_next_years_riksnorm_is_asked_for_from_the_first_of_november():
    # The files hold 2013–2026, with 2026 marked preliminary; 2025 is official.
    assert ids(checks.riksnorm_messages(date(2026, 10, 31))) == ["bistand.W003"]
    assert ids(checks.riksnorm_messages(date(2026, 11, 1))) == ["bistand.W002", "bistand.W003"]
    assert "2027" in checks.riksnorm_messages(date(2026, 11, 1))[0].msg


def test_an_official_year_with_next_year_on_file_is_quiet():
    assert checks.riksnorm_messages(date(2025, 11, 15)) == []
