"""The monthly run as a background task (Django's tasks framework, the django-tasks backport).

A unit manager's start in the web application enqueues `run_month` with the run's id; the worker
(`bistand db_worker`) picks it up from the database queue. The task only looks the run up and executes
it, so a task that is run twice (a worker killed mid-run and the task retried) is just a rerun.
"""

from django_tasks import task

from bistand.monthly.models import MonthlyRun
from bistand.monthly.run import execute


@task()
def run_month(run_id: int) -> int:
    run = MonthlyRun.objects.select_related("municipality", "started_by__user").get(pk=run_id)
    execute(run)
    return run.paid
