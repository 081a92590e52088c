"""A year's table entered without a code release: used from 1 January, versioned, audited, validated."""

import io

import pytest
from django.core.management import call_command

from bistand import rules
from bistand.audit.models import AuditEvent
from bistand.normtables import registry, services
from bistand.normtables.models import TableVersion
from tests.normtables.tables import FAMILY_2027, SINGLE_2027, price_base_amount, table_2027

pytestmark = pytest.mark.django_db


def test_2027_has_no_table_in_the_files():
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate(FAMILY_2027)
    assert caught.value.items[0].code == "no_parameters_for_year"


def test_a_2027_table_from_a_file_is_used_for_january_2027(tmp_path):
    path = tmp_path / "2027.toml"
    path.write_text(table_2027(), encoding="utf-8")
    out = io.StringIO()
    call_command("import_table", str(path), stdout=out)
    assert "Infört: Riksnorm 2027 version 1 (officiell)" in out.getvalue()
    event = AuditEvent.objects.get(action="table")
    assert event.what.startswith("Riksnorm 2027 version 1 (officiell) från 2027.toml med kommandot av ")
    result = rules.calculate(FAMILY_2027)
    # Couple 7 240 + child 4–6 år 3 120 + child 7–10 år 3 900 + common costs 4 persons 2 070 = 16 330;
    # + rent 9 000 (no municipal cap) = 25 330; no income.
    assert result["norm_total"] == 16_330
    assert result["assistance"] == 25_330
    assert result["parameters"]["year"] == 2027
    assert result["parameters"]["preliminary"] is False
    assert result["parameters"]["norm"]["version"] == "norm-2027-v1"
    assert result["parameters"]["version"].endswith("+tabeller-" + str(TableVersion.objects.get().pk))
    # December 2026 still uses the 2026 table from the files.
    december = rules.calculate({**SINGLE_2027, "month": "2026-12"})
    assert december["parameters"]["year"] == 2026 and december["parameters"]["norm"]["version"] == "file"


def test_the_api_uses_the_entered_table(client):
    services.import_text(table_2027(), "2027.toml")
    registry.reset()  # as another process that has not seen the table yet: the request brings it in
    response = client.post("/api/v1/calculations", FAMILY_2027, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["assistance"] == 25_330  # as above: 16 330 + 9 000


def test_json_works_like_toml():
    import json
    import tomllib

    data = tomllib.loads(table_2027())
    data["source"][0]["from"] = "2027-01-01"
    services.import_text(json.dumps(data), "2027.json")
    # Single adult 4 020 + common 1 person 1 310 + rent 6 000 = 11 330.
    assert rules.calculate(SINGLE_2027)["assistance"] == 11_330


def test_a_correction_is_a_new_version_and_the_newest_is_used():
    first = services.import_text(table_2027(mark="preliminary"), "2027-prel.toml").versions[0]
    assert rules.calculate(SINGLE_2027)["parameters"]["preliminary"] is True
    second = services.import_text(table_2027(single=4030), "2027.toml", note="SFS publicerad").versions[0]
    assert (first.version, first.status, second.version, second.status) == (1, "preliminary", 2, "official")
    assert TableVersion.objects.count() == 2  # the first version is kept
    first.refresh_from_db()
    assert first.data["adults"]["single"] == 4020
    # 4 030 + 1 310 + 6 000 = 11 340 with the newest version.
    result = rules.calculate(SINGLE_2027)
    assert result["assistance"] == 11_340 and result["parameters"]["norm"]["version"] == "norm-2027-v2"


def test_every_import_is_audited():
    services.import_text(table_2027(), "2027.toml")
    services.import_text(price_base_amount(), "prisbasbelopp.toml")
    whats = list(AuditEvent.objects.filter(action="table").order_by("id").values_list("what", flat=True))
    assert whats == [
        "Riksnorm 2027 version 1 (officiell) från 2027.toml; källa SoF 2025:468 12 kap. 2 §",
        "Prisbasbelopp 2027 version 1 (officiell) från prisbasbelopp.toml; källa SFS 2026:999 (testvärde)",
    ]


def test_a_price_base_amount_for_2027_is_used_for_childrens_earnings():
    services.import_text(table_2027(), "2027.toml")
    services.import_text(price_base_amount(value=60_000), "prisbasbelopp.toml")
    request = {
        **FAMILY_2027,
        "incomes": [{"kind": "salary", "member": "c2", "amount": 3000, "year_to_date": 58_000}],
    }
    result = rules.calculate(request)
    # Free up to one prisbasbelopp 60 000 a year: 58 000 earned before, so 2 000 of 3 000 is free and
    # 1 000 counts; 25 330 − 1 000 = 24 330.
    assert result["parameters"]["price_base_amount"]["amount"] == 60_000
    assert result["assistance"] == 24_330


def test_a_file_equal_to_the_table_in_use_is_refused():
    services.import_text(table_2027(), "2027.toml")
    with pytest.raises(services.TableRefused) as caught:
        services.import_text(table_2027(), "2027.toml")
    assert caught.value.errors == [
        "Filen ändrar ingenting: beloppen och källorna är desamma som de som gäller."
    ]
    assert TableVersion.objects.count() == 1


def test_a_stored_calculation_names_the_table_version_it_used():
    from datetime import date

    from bistand.cases.services import calculate_application
    from bistand.people.models import MemberRole
    from tests.casework.factories import (
        make_application,
        make_case,
        make_household,
        make_municipality,
        make_person,
        make_unit,
    )

    version = services.import_text(table_2027(mark="preliminary"), "2027.toml").versions[0]
    unit = make_unit(municipality=make_municipality("Demostad", "9999", "demostad"))
    anna = make_person(birth=date(1985, 2, 1))
    case = make_case(make_household(unit.district, [(anna, MemberRole.APPLICANT)]), unit)
    application = make_application(case, month=date(2027, 1, 1))
    calculation = calculate_application(application)
    parameters = calculation.result["parameters"]
    assert parameters["norm"]["version"] == "norm-2027-v1" and parameters["preliminary"] is True
    assert calculation.parameter_version.endswith(f"+tabeller-{version.pk}")
    # Single adult 4 020 + common costs 1 person 1 310 = 5 330; nothing else declared.
    assert calculation.assistance == 5_330


def test_bistand_calculate_uses_the_database_only_when_asked(tmp_path, capsys):
    import json

    from bistand.cli import main

    services.import_text(table_2027(), "2027.toml")
    registry.reset()  # a fresh process: only the files
    request = tmp_path / "family.json"
    request.write_text(json.dumps(FAMILY_2027), encoding="utf-8")
    assert main(["calculate", str(request)]) == 2  # the files have no 2027
    assert "no_parameters_for_year" in capsys.readouterr().out
    assert main(["calculate", "--databas", "--compact", str(request)]) == 0
    assert json.loads(capsys.readouterr().out)["assistance"] == 25_330  # 16 330 + rent 9 000, as above
