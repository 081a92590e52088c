"""What is refused, with which Swedish message, and that nothing is stored then."""

import io

import pytest
from django.core.management import call_command

from bistand.normtables import services
from bistand.normtables.models import TableVersion
from tests.normtables.tables import price_base_amount, table_2027

pytestmark = pytest.mark.django_db


def refused(text: str, name="2027.toml") -> list[str]:
    with pytest.raises(services.TableRefused) as caught:
        services.import_text(text, name)
    assert TableVersion.objects.count() == 0
    # Amounts are written with no-break spaces ("5\u00a0000\u00a0kr"); the expected texts use plain ones.
    return [message.replace("\u00a0", " ") for message in caught.value.errors]


def test_a_missing_band_is_refused():
    text = table_2027().replace("5060, 5100]", "5060]")
    assert refused(text) == [
        "Barn (med lunch): 8 belopp krävs (0 år, 1–2 år, 3 år, 4–6 år, 7–10 år, 11–14 år, 15–18 år, 19–20 år), "
        "filen har 7."
    ]


def test_a_missing_part_is_refused():
    text = table_2027().replace("couple = 7240\n", "")
    assert refused(text) == [
        "Vuxna: belopp för ensamstående (adults.single) och sammanboende (adults.couple) krävs, hela kronor."
    ]


def test_an_amount_that_is_not_whole_kronor_is_refused():
    text = table_2027().replace("2610,", "2610.5,")
    assert refused(text) == ["Barn utan lunch: beloppet för 0 år måste vara hela kronor, större än 0."]


def test_an_implausible_amount_is_refused():
    # 2026 single adult 3 940 kr; 5 000 / 3 940 = 1.269 → +26,9 %, above the +15 % allowed.
    assert refused(table_2027(single=5000)) == [
        "Vuxen ensamstående: 5 000 kr är +26,9 % mot 2026 (3 940 kr). Tillåtet är −5 % till +15 % mot "
        "föregående år; kontrollera beloppet."
    ]
    # 3 700 / 3 940 = 0.939 → −6,1 %, below the −5 % allowed.
    assert refused(table_2027(single=3700))[0].startswith("Vuxen ensamstående: 3 700 kr är −6,1 % mot 2026")
    # 3 940 × 1.15 = 4 531: the edge itself is accepted.
    assert services.import_text(table_2027(single=4531), "2027.toml").versions


def test_a_missing_source_is_refused():
    text = table_2027().split("[[source]]")[0] + "[children]" + table_2027().split("[children]")[1]
    assert refused(text) == [
        "Källa saknas: ange minst en [[source]] med författningen (cite), t.ex. SFS-numret."
    ]
    text = table_2027().replace('cite = "SoF 2025:468 12 kap. 2 §"\n', 'cite = ""\n')
    assert refused(text) == ["Källa saknas: varje [[source]] behöver en författning eller sida i cite."]


def test_a_table_must_be_marked():
    text = table_2027(mark="example")
    assert refused(text) == [
        "Märkning saknas eller är ogiltig för Barn (med lunch), Barn utan lunch, Vuxna, Gemensamma "
        "hushållskostnader: ange [marks] official eller preliminary."
    ]


def test_every_problem_is_reported_at_once():
    text = table_2027(single=5000).replace("5060, 5100]", "5060]").replace("2027-01-01", "2027-02-01")
    errors = refused(text)
    assert len(errors) == 3
    assert errors[1] == "Den första källan ska gälla från 1 januari 2027 (from = 2027-01-01)."


def test_a_price_base_amount_is_checked_against_the_previous_year():
    # 2026: 59 200 kr. 70 000 / 59 200 = 1.182 → +18,2 %.
    assert refused(price_base_amount(value=70_000), "prisbasbelopp.toml") == [
        "Prisbasbelopp 2027: 70 000 kr är +18,2 % mot 2026 (59 200 kr). Tillåtet är −5 % till +15 % mot "
        "föregående år; kontrollera beloppet."
    ]
    text = price_base_amount().replace('cite = "SFS 2026:999 (testvärde)"\n', "")
    assert refused(text, "prisbasbelopp.toml") == [
        "Prisbasbelopp 2027: källa saknas; ange författningen i cite (t.ex. SFS-numret)."
    ]
    text = price_base_amount().replace('confidence = "official"\n', "")
    assert refused(text, "prisbasbelopp.toml") == [
        "Prisbasbelopp 2027: märkning saknas; ange confidence = official eller preliminary."
    ]


def test_the_files_own_prisbasbelopp_list_changes_nothing():
    from bistand.rules.params import PARAMETER_DIR

    text = (PARAMETER_DIR / "prisbasbelopp.toml").read_text(encoding="utf-8")
    assert refused(text, "prisbasbelopp.toml") == [
        "Filen ändrar ingenting: beloppen och källorna är desamma som de som gäller."
    ]


def test_unreadable_files_are_refused():
    assert refused("year = ", "2027.toml")[0].startswith("Filen är inte giltig TOML:")
    assert refused("{", "2027.json")[0].startswith("Filen är inte giltig JSON:")
    assert refused("[1, 2]", "2027.json") == [
        "Filen ska innehålla en tabell (ett JSON-objekt), inte en lista eller ett värde."
    ]
    assert refused('name = "x"', "x.toml")[0].startswith("Filen liknar varken en riksnormstabell")


def test_the_command_refuses_with_status_2_and_the_reasons(tmp_path):
    path = tmp_path / "2027.toml"
    path.write_text(table_2027(single=5000), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("import_table", str(path), stderr=err)
    assert exited.value.code == 2
    assert "Tabellen är inte införd:" in err.getvalue()
    assert "Vuxen ensamstående: 5 000 kr är +26,9 % mot 2026" in err.getvalue().replace("\u00a0", " ")
    path.write_bytes(b"year = 2027\n# \xff\n")
    with pytest.raises(SystemExit):
        call_command("import_table", str(path), stderr=err)
    assert "Filen är inte UTF-8-kodad text." in err.getvalue()
    assert TableVersion.objects.count() == 0


@pytest.mark.parametrize("year", range(2014, 2027))
def test_every_year_on_file_passes_the_checks_against_the_year_before(year):
    """The rule must accept real history (largest single change: +13.8 % in 2018), read from the files."""
    import tomllib

    from bistand.normtables.validation import check_norm_table
    from bistand.rules import params

    raw = tomllib.loads((params.PARAMETER_DIR / "riksnorm" / f"{year}.toml").read_text(encoding="utf-8"))
    candidate = check_norm_table(raw, params.norm_table(year - 1))
    assert candidate.year == year and candidate.table == params.norm_table(year)


def test_the_price_base_amounts_on_file_pass_the_checks():
    import tomllib

    from bistand.normtables.validation import check_price_base_amount
    from bistand.rules import params

    entries = tomllib.loads((params.PARAMETER_DIR / "prisbasbelopp.toml").read_text(encoding="utf-8"))[
        "amount"
    ]
    for entry in entries[1:]:
        check_price_base_amount(entry, params.price_base_amount(entry["year"] - 1))


def test_hostile_files_are_refused_cleanly():
    assert refused("[" * 100_000 + "]" * 100_000, "2027.json") == [
        "Filen är inte giltig JSON: den är för djupt nästlad."
    ]
    assert refused('{"year": ' + "9" * 5000 + "}", "2027.json")[0].startswith("Filen är inte giltig JSON:")
    huge = table_2027().replace("single = 4020", "single = " + "9" * 5000)
    assert refused(huge)[0].startswith("Filen är inte giltig TOML:")
    big = table_2027().replace("single = 4020", "single = 99999999999")
    assert "Vuxna: belopp för ensamstående (adults.single)" in refused(big)[0]


def test_a_preliminary_table_cannot_replace_an_official_one():
    services.import_text(table_2027(), "2027.toml")
    with pytest.raises(services.TableRefused) as caught:
        services.import_text(table_2027(mark="preliminary", single=4030), "2027.toml")
    assert caught.value.errors == [
        "Riksnormen för 2027 är redan officiell. En preliminär tabell kan inte ersätta den."
    ]
    # The 2025 prisbasbelopp in the files is official.
    with pytest.raises(services.TableRefused) as caught:
        services.import_text(price_base_amount(year=2025, value=58_900, confidence="preliminary"), "p.toml")
    assert caught.value.errors == [
        "Prisbasbeloppet för 2025 är redan officiellt. En preliminär tabell kan inte ersätta den."
    ]
    assert TableVersion.objects.count() == 1
