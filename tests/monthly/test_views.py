"""The unit manager starts the monthly run in the web application (a background task; run at once in the
tests) and follows its progress; nobody else may."""

import socket

import pytest
from django.utils import timezone

from bistand.monthly.models import MonthlyRun, RunStatus
from bistand.monthly.run import create_run
from bistand.organisation.models import Role
from tests.casework.factories import make_municipality, make_staff, make_unit
from tests.monthly.world import MONTH, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.BISTAND_PAYMENT_DIR = tmp_path
    municipality, applications = build_world()
    unit = applications["Anna"].case.unit
    return {
        "municipality": municipality,
        "manager": make_staff(unit, role=Role.UNIT_MANAGER, first_name="Johan"),
        "caseworker": make_staff(unit, role=Role.CASEWORKER),
        "senior": make_staff(unit, role=Role.SENIOR_CASEWORKER, first_name="Maria"),
    }


def test_the_manager_starts_the_run_and_sees_its_progress(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["manager"].user)
    page = client.get("/manadskorning/")
    assert page.status_code == 200
    this_month = timezone.localdate().replace(day=1)
    assert f'value="{this_month:%Y-%m}"'.encode() in page.content
    with django_capture_on_commit_callbacks(execute=True):  # the task is enqueued when the run is committed
        response = client.post("/manadskorning/", {"month": f"{this_month:%Y-%m}"})
    run = MonthlyRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/manadskorning/{run.pk}/"
    assert run.started_by == world["manager"] and run.status == RunStatus.FINISHED  # the task ran at once
    progress = client.get(f"/manadskorning/{run.pk}/")
    assert progress.status_code == 200
    html = progress.content.decode()
    assert "Status:</strong> Klar" in html
    assert "hx-get" not in html  # a finished run is not polled any more
    partial = client.get(f"/manadskorning/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<section id="run-progress"') and "<html" not in partial


def test_an_active_run_is_polled_and_not_started_twice(client, world):
    run = create_run(world["municipality"], MONTH, staff=world["manager"])
    MonthlyRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, step="calculate")
    client.force_login(world["manager"].user)
    html = client.get(f"/manadskorning/{run.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html and "beräknar ansökningar" in html
    # Counts of a running run show as they are recorded (here: 2 of the 3 received calculated).
    MonthlyRun.objects.filter(pk=run.pk).update(received=3, calculated=2, heartbeat_at=timezone.now())
    partial = client.get(f"/manadskorning/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert '<td class="num">2</td>' in partial


def test_a_month_that_is_running_is_not_started_again(client, world):
    this_month = timezone.localdate().replace(day=1)
    running = create_run(world["municipality"], this_month, staff=world["manager"])
    MonthlyRun.objects.filter(pk=running.pk).update(
        status=RunStatus.RUNNING, worker="some-other-host:1", heartbeat_at=timezone.now()
    )
    client.force_login(world["manager"].user)
    response = client.post("/manadskorning/", {"month": f"{this_month:%Y-%m}"})
    assert response["Location"] == f"/manadskorning/{running.pk}/"
    assert MonthlyRun.objects.count() == 1


@pytest.mark.parametrize("who", ["caseworker", "senior"])
def test_others_are_refused(client, world, who):
    run = create_run(world["municipality"], MONTH)
    client.force_login(world[who].user)
    assert client.get("/manadskorning/").status_code == 403
    assert client.post("/manadskorning/", {"month": f"{MONTH:%Y-%m}"}).status_code == 403
    assert client.get(f"/manadskorning/{run.pk}/").status_code == 403
    assert MonthlyRun.objects.count() == 1


def test_another_municipalitys_run_is_not_found(client, world):
    other = make_municipality(name="Annanby", code="9997", rules_code="annanby")
    run = create_run(other, MONTH)
    manager = make_staff(
        make_unit(name="Annanby enhet", district_name="Annanby", municipality=other), Role.UNIT_MANAGER
    )
    client.force_login(world["manager"].user)
    assert client.get(f"/manadskorning/{run.pk}/").status_code == 404
    client.force_login(manager.user)
    assert client.get(f"/manadskorning/{run.pk}/").status_code == 200


def test_signed_out_visitors_go_to_the_login(client):
    assert client.get("/manadskorning/").status_code == 302


def test_a_run_whose_process_died_shows_as_interrupted(client, world):
    run = create_run(world["municipality"], MONTH, staff=world["manager"])
    # A process id that cannot exist on this machine (above the kernel's pid_max of 4 194 304).
    MonthlyRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, worker=f"{socket.gethostname()}:99999999"
    )
    client.force_login(world["manager"].user)
    html = client.get(f"/manadskorning/{run.pk}/").content.decode()
    assert "Status:</strong> Avbröts" in html and "hx-get" not in html
