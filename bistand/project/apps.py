from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project itself as an app, so that its system checks (bistand.project.checks) are registered."""

    name = "bistand.project"
    label = "bistand_project"
    verbose_name = "Bistånd"

    def ready(self):
        from bistand.project import checks  # noqa: F401  (registers the checks)
