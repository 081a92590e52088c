"""From 1 November: the start page and `bistand check` warn while next year's table is missing or preliminary."""

from datetime import date

import pytest
from django.core.checks import run_checks

from bistand.normtables import services, status
from bistand.organisation.models import Role
from tests.casework.factories import make_staff, make_unit
from tests.normtables.tables import price_base_amount, table_2027

pytestmark = pytest.mark.django_db

MISSING = "Riksnormen för 2027 saknas."
PRELIMINARY = "Riksnormen för 2027 är preliminär."


@pytest.fixture
def on(monkeypatch):
    def set_today(day: date):
        monkeypatch.setattr(status, "today", lambda: day)

    return set_today


def start_page(client, role) -> str:
    staff = make_staff(make_unit(), role=role)
    client.force_login(staff.user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def check_ids() -> list[str]:
    return sorted(m.id for m in run_checks(tags=["bistand"]) if m.id.startswith("normtables."))


def test_nothing_before_1_november(client, on):
    on(date(2026, 10, 31))
    assert status.next_year_warnings(date(2026, 10, 31)) == []
    assert MISSING not in start_page(client, Role.ADMINISTRATOR)
    assert check_ids() == []


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.UNIT_MANAGER])
def test_from_1_november_a_missing_table_is_shown(client, on, role):
    on(date(2026, 11, 1))
    page = start_page(client, role)
    assert MISSING in page
    assert "Prisbasbeloppet för 2027 saknas." in page
    # W001: riksnorm missing; W003: prisbasbelopp missing.
    assert check_ids() == ["normtables.W001", "normtables.W003"]


def test_caseworkers_are_not_warned(client, on):
    on(date(2026, 12, 1))
    assert MISSING not in start_page(client, Role.CASEWORKER)


def test_a_preliminary_table_is_shown_until_the_official_one_comes(client, on):
    on(date(2026, 12, 1))
    services.import_text(table_2027(mark="preliminary"), "2027.toml")
    services.import_text(price_base_amount(confidence="preliminary"), "pbb.toml")
    page = start_page(client, Role.UNIT_MANAGER)
    assert PRELIMINARY in page and MISSING not in page
    assert "Prisbasbeloppet för 2027 är preliminärt." in page
    assert check_ids() == ["normtables.W002", "normtables.W004"]

    services.import_text(table_2027(), "2027.toml")
    services.import_text(price_base_amount(), "pbb.toml")
    page = start_page(client, Role.UNIT_MANAGER)
    assert PRELIMINARY not in page and MISSING not in page
    assert "Riksnorm och prisbasbelopp" not in page  # a unit manager sees the panel only with a warning
    assert check_ids() == []


def test_the_year_after_is_the_one_checked(on):
    # On 31 December 2026 the next year is 2027; on 1 January 2027 nothing is due until November.
    assert [w.code for w in status.next_year_warnings(date(2026, 12, 31))] == [
        "normtables.W001",
        "normtables.W003",
    ]
    assert status.next_year_warnings(date(2027, 1, 1)) == []
    # 2026 is on file (as 2025's table was by November 2025): nothing to warn on 1 November 2025.
    assert [
        w.code for w in status.next_year_warnings(date(2025, 11, 1)) if w.code in ("normtables.W001",)
    ] == []
