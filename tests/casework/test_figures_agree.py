"""The same figure is the same number on every page of the demo city.

A caseworker's caseload on her start page is the number her unit manager and her senior caseworker see
for her; the manager's total is the unit's open cases, protected ones included and said so; the
statistics pages show the monthly report's numbers, districts follow from their units, and the cost
chart starts at the first month with payments. Expected numbers are counted here independently, straight
from the cases, not taken from the code under test.
"""

import re

import pytest
from django.test import Client

from bistand.cases.models import Case, CaseStatus
from bistand.organisation.models import StaffMember
from bistand.people.models import HouseholdMember
from tests.demo_module import DEMO_PASSWORD, small_demo_city  # noqa: F401

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    assert client.post("/logga-in/", {"username": username, "password": DEMO_PASSWORD}).status_code == 302
    return client


def protected_household_ids() -> set[int]:
    return set(
        HouseholdMember.objects.exclude(person__protected_identity="").values_list("household_id", flat=True)
    )


def loads_by_name(response) -> dict[str, tuple[int, int]]:
    return {load.staff.full_name: (load.open_cases, load.protected) for load in response.context["loads"]}


def test_a_caseworkers_caseload_is_the_same_on_her_page_and_on_her_managers(small_demo_city):  # noqa: F811
    sara = StaffMember.objects.get(user__username="handlaggare")
    own = Case.objects.filter(caseworker=sara, status=CaseStatus.OPEN, unit__in=sara.units.all())
    protected = protected_household_ids()
    expected = (own.count(), sum(1 for c in own if c.household_id in protected))
    assert expected[1] >= 1  # the demo gives her one protected household

    mine = signed_in("handlaggare").get("/")
    assert (mine.context["caseload"], mine.context["protected_count"]) == expected
    text = mine.content.decode()
    assert f"inklusive {expected[1]} med skyddade personuppgifter" in text

    manager = signed_in("enhetschef").get("/")
    assert loads_by_name(manager)[sara.full_name] == expected
    senior = signed_in("forste").get("/")
    assert loads_by_name(senior)[sara.full_name] == expected


def test_the_managers_total_is_every_open_case_of_the_unit(small_demo_city):  # noqa: F811
    manager = StaffMember.objects.get(user__username="enhetschef")
    cases = Case.objects.filter(unit__in=manager.units.all(), status=CaseStatus.OPEN)
    protected = protected_household_ids()
    expected_protected = sum(1 for c in cases if c.household_id in protected)

    response = signed_in("enhetschef").get("/")
    context = response.context
    assert context["total_open"] == cases.count()
    assert context["total_protected"] == expected_protected
    # The total is the sum of the rows plus the cases nobody holds (those listed are the visible ones).
    held = sum(load.open_cases for load in context["loads"])
    assert held + cases.filter(caseworker__isnull=True).count() == context["total_open"]
    if expected_protected:
        assert f"inklusive {expected_protected} med skyddade personuppgifter" in response.content.decode()


def cell_texts(html: str, header: str) -> list[str]:
    """The cells of the table row headed `header` on a statistics page."""
    row = re.search(rf"<th[^>]*>\s*{re.escape(header)}\s*</th>(.*?)</tr>", html, re.S)
    assert row, header
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_the_overview_cards_are_the_monthly_reports_city_column(small_demo_city):  # noqa: F811
    client = signed_in("analytiker")
    overview = client.get("/statistik/")
    monthly = client.get("/statistik/manadsrapport/").content.decode()
    cards = dict(overview.context["cards"])
    for header in ("Aktuella ärenden vid månadens slut", "Utbetalt bistånd för månaden (kr)"):
        city = cell_texts(monthly, header)[-1]  # the city is the last column of the first section
        assert cards[header] == city, header


def test_districts_follow_from_their_units(small_demo_city):  # noqa: F811
    client = signed_in("analytiker")
    report = client.get("/statistik/manadsrapport/").context
    for section in report["sections"][1:]:  # one section per district: its units, then the district
        columns = section["columns"]
        units, district = columns[:-1], columns[-1]
        for field in ("open_cases", "cost", "households", "full_time_equivalents"):
            assert sum(getattr(u, field) for u in units) == getattr(district, field), (district.name, field)
        # Heads: a person working in two units is in both, and once in the district.
        assert max(u.caseworkers for u in units) <= district.caseworkers <= sum(u.caseworkers for u in units)
        # Per-caseworker figures are the district's cases over its caseworkers, not a mean of unit means.
        if district.caseworkers:
            expected = round(district.open_cases / district.caseworkers, 1)
            assert float(district.cases_per_caseworker) == pytest.approx(expected, abs=0.05)


def test_the_cost_chart_starts_at_the_first_month_with_payments(small_demo_city):  # noqa: F811
    rows = signed_in("analytiker").get("/statistik/").context["rows"]  # newest first
    oldest = rows[-1]
    city = oldest["cost"]["__city__"]
    assert city.value, f"{oldest['month'].label}: {city.text}"
