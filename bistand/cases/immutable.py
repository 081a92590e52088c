"""Append-only records.

Decisions, payments and calculation snapshots are legal records: once written they are never changed
or deleted. A correction is a new record that refers to the old one. The ORM guard below stops the
ordinary paths (save on an existing row, delete); bulk queryset updates are not used on these models.
"""

from django.db import models


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} får inte ändras; skapa en ny post i stället.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} får inte tas bort.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} får inte ändras; skapa en ny post i stället.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} får inte tas bort.")
