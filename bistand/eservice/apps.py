from django.apps import AppConfig


class EserviceConfig(AppConfig):
    name = "bistand.eservice"
    label = "eservice"
    verbose_name = "E-tjänsten för sökande"

    def ready(self):
        from bistand.eservice import checks, hooks  # noqa: F401  (checks registers the system checks)

        hooks.register()
