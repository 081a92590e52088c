from django.apps import AppConfig


class AutomationConfig(AppConfig):
    name = "bistand.automation"
    label = "automation"
    verbose_name = "Automatiserade beslut"

    def ready(self):
        from bistand.automation import hooks

        hooks.register()
