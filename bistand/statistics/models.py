"""Stored monthly aggregates: each unit's Tally for a closed month, and the log of late changes.

Why: recomputing a month's figures for a big city takes seconds, and a closed month rarely changes.
A unit's tally keeps its *sets of ids* (sorted integer arrays in JSON), not finished figures, so district
and city figures are still computed by merging unit tallies (bistand.statistics.report), never by
averaging averages, and suppression works exactly as on the direct computation.
"""

from django.db import models


class UnitMonthTally(models.Model):
    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="+")
    month = models.DateField("månad (första dagen)")
    data = models.JSONField("underlag")
    # The highest StatisticsChange id committed when the computation began: later changes reaching
    # back to this month make the row stale.
    change_seen = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="unit_month_tally_unique")]


class StatisticsChange(models.Model):
    """A write that reaches back into a closed month: aggregates of `from_month` and later are stale."""

    from_month = models.DateField("påverkar från och med månad", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)


class MonthPayments(models.Model):
    """A closed month's payments summed per unit and household, as parallel integer arrays.

    What the trend and duration pages need from 300 000 payment rows, read as 36 small rows instead.
    """

    month = models.DateField("månad (första dagen)", unique=True)
    data = models.JSONField(
        "belopp per enhet och hushåll"
    )  # {"unit_id": [...], "household_id": [...], "amount": [...]}
    change_seen = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)


class StoredFigures(models.Model):
    """Finished figures over many closed months (the 36-month trend, the duration shares), by key.

    Valid while no StatisticsChange reaching back to `month` (the last month they rest on) or earlier
    has a higher id than `change_seen`.
    """

    key = models.CharField(max_length=100, unique=True)
    month = models.DateField("senaste månad som ingår")
    data = models.JSONField("siffror")
    change_seen = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)
