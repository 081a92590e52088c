from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LifecycleConfig(AppConfig):
    """Data lifecycle: database-level immutability of legal records, gallring and register extracts."""

    name = "bistand.lifecycle"
    verbose_name = "Gallring och registerutdrag"

    def ready(self) -> None:
        from bistand.lifecycle import immutability

        # SQLite rebuilds a table (and so drops its triggers) when a later migration alters it; installing
        # the triggers again after every migrate keeps them in place whatever migration ran last.
        post_migrate.connect(immutability.reinstall_after_migrate, dispatch_uid="lifecycle_triggers")
