"""Fetching income data: snapshots, audit, warnings where declared and fetched differ, and their handling."""

import pytest
from django.urls import reverse

from bistand.audit.models import AuditEvent
from bistand.cases.immutable import AppendOnlyError
from bistand.incomedata import services
from bistand.incomedata.models import IncomeFetch, IncomeWarning
from tests.automation.world import JULY, agencies_report, build, household

pytestmark = pytest.mark.django_db

BENEFIT = [("cost", "rent", 5_000), ("cost", "electricity", 300), ("income", "unemployment_benefit", 3_000)]


def caseworker(world):
    return services.Who(staff=world.caseworker, user=world.caseworker.user, path="/test/")


def test_warnings_appear_only_where_declared_and_fetched_differ():
    world = build()
    case_a, anna, differs = household(world, items=BENEFIT, first_name="Anna")
    _, bo, same = household(world, items=BENEFIT, first_name="Bo")
    agencies_report(anna, [("unemployment_benefit", 4_000), ("salary", 1_850)])
    agencies_report(bo, [("unemployment_benefit", 3_000)])

    services.fetch_for_application(differs, caseworker(world), "Utredning")
    services.fetch_for_application(same, caseworker(world), "Utredning")

    warnings = sorted(
        IncomeWarning.objects.filter(application=differs).values_list("kind", "declared", "fetched")
    )
    # Anna declared 3 000 kr a-kassa, the fund paid 4 000; a salary of 1 850 kr was not declared at all.
    assert warnings == [("salary", 0, 1_850), ("unemployment_benefit", 3_000, 4_000)]
    assert not IncomeWarning.objects.filter(application=same).exists()

    snapshot = IncomeFetch.objects.get(application=differs)
    assert snapshot.person == anna and snapshot.period == JULY and snapshot.fetched_by == world.caseworker
    assert sorted(r["amount"] for r in snapshot.records) == [1_850, 4_000]
    audit = AuditEvent.objects.get(case=case_a, action="fetch")
    assert audit.staff == world.caseworker and audit.what.endswith("Ändamål: Utredning")
    assert "juli 2026, 1 personer" in audit.what

    # Fetching again gives a new snapshot, but the same difference does not make a second warning.
    services.fetch_for_application(differs, caseworker(world), "Utredning")
    assert IncomeFetch.objects.filter(application=differs).count() == 2
    assert IncomeWarning.objects.filter(application=differs).count() == 2


def test_a_snapshot_is_never_changed():
    world = build()
    _, anna, application = household(world, items=BENEFIT)
    fetch = services.fetch_for_application(application, caseworker(world), "Utredning")[0]
    fetch.purpose = "annat"
    with pytest.raises(AppendOnlyError):
        fetch.save()


def test_a_warning_goes_open_acknowledged_closed():
    world = build()
    _, anna, application = household(world, items=BENEFIT)
    agencies_report(anna, [("unemployment_benefit", 4_000)])
    services.fetch_for_application(application, caseworker(world), "Utredning")
    warning = IncomeWarning.objects.get(application=application)
    assert warning.status == "open"

    services.move_warning(warning, "acknowledged", world.caseworker, "")
    with pytest.raises(services.WarningMoveRefused, match="Skriv hur skillnaden är utredd"):
        services.move_warning(warning, "closed", world.caseworker, " ")
    services.move_warning(warning, "closed", world.caseworker, "Ansökan rättad efter samtal")
    warning.refresh_from_db()
    assert (warning.status, warning.note, warning.handled_by) == (
        "closed",
        "Ansökan rättad efter samtal",
        world.caseworker,
    )
    with pytest.raises(services.WarningMoveRefused, match="avslutad"):
        services.move_warning(warning, "acknowledged", world.caseworker, "")


def test_without_a_provider_nothing_is_fetched(settings):
    settings.INCOME_DATA_PROVIDER = ""
    world = build()
    _, _, application = household(world)
    with pytest.raises(services.IncomeDataUnavailable):
        services.fetch_for_application(application, caseworker(world), "Utredning")
    assert not IncomeFetch.objects.exists() and not AuditEvent.objects.filter(action="fetch").exists()


def test_the_application_page_shows_declared_against_fetched_and_the_warning(client):
    world = build()
    case, anna, application = household(world, items=BENEFIT)
    agencies_report(anna, [("unemployment_benefit", 4_000)])
    client.force_login(world.caseworker.user)
    url = reverse("casework:application", args=[case.pk, application.pk])
    assert "Inga uppgifter är hämtade" in client.get(url).content.decode()

    response = client.post(reverse("incomedata:fetch", args=[case.pk, application.pk]), follow=True)
    page = response.content.decode()
    assert "Inkomstuppgifterna är hämtade." in page
    assert "Arbetslöshetskassan" in page
    assert "angett 3\u00a0000\u00a0kr, enligt myndigheten 4\u00a0000\u00a0kr – öppen" in page

    warning = IncomeWarning.objects.get(application=application)
    post = client.post(
        reverse("incomedata:warning", args=[case.pk, application.pk, warning.pk]),
        {"to": "acknowledged"},
        follow=True,
    )
    assert "– kvitterad (Hanna Holm)" in post.content.decode()


def test_another_units_caseworker_cannot_fetch(client):
    from bistand.organisation.models import Role
    from tests.casework.factories import make_staff, make_unit

    world = build()
    case, _, application = household(world)
    stranger = make_staff(
        make_unit("Söder 1", "Söder", world.unit.district.municipality), Role.CASEWORKER, "Olle", "Syd"
    )
    client.force_login(stranger.user)
    assert client.post(reverse("incomedata:fetch", args=[case.pk, application.pk])).status_code == 404
    assert not IncomeFetch.objects.exists()


def test_the_demo_agencies_are_deterministic_and_differ_for_some_adults(settings):
    from bistand.incomedata import demo_provider

    settings.INCOME_DATA_PROVIDER = "bistand.incomedata.demo_provider.DemoProvider"
    world = build()
    results = {}
    names = ("Anna", "Bo", "Cilla", "Dan", "Eva", "Finn", "Gun", "Hans", "Ida", "Jan", "Karin", "Leo")
    for serial, name in enumerate(names, start=101):
        _, person, application = household(world, items=BENEFIT, first_name=name, serial=serial)
        services.fetch_for_application(application, caseworker(world), "Utredning")
        bucket = demo_provider.bucket(person.personal_number, JULY)
        results[name] = (
            bucket,
            sorted(
                IncomeWarning.objects.filter(application=application).values_list(
                    "kind", "declared", "fetched"
                )
            ),
        )
    for name, (bucket, warnings) in results.items():
        if bucket < 7:  # the declared a-kassa is 1 000 kr higher at the fund: 3 000 + 1 000
            assert warnings == [("unemployment_benefit", 3_000, 4_000)], name
        elif bucket < 11:  # an undeclared salary of 1 850 kr from the employer declaration
            assert warnings == [("salary", 0, 1_850)], name
        else:
            assert warnings == [], name
    kinds = {("raised" if b < 7 else "undeclared" if b < 11 else "same") for b, _ in results.values()}
    assert "same" in kinds and kinds & {"raised", "undeclared"}, results  # the world shows both kinds
    provider = demo_provider.DemoProvider()
    pnrs = list(IncomeFetch.objects.values_list("person__personal_number", flat=True))
    assert provider.fetch(pnrs, JULY) == provider.fetch(pnrs, JULY)
