from django.apps import AppConfig


class EserviceConfig(AppConfig):
    name = "bistand.eservice"
    label = "eservice"
    verbose_name = "E-tjänsten för sökande"

    def ready(self):
        from bistand.eservice import hooks

        hooks.register()
