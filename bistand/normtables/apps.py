from django.apps import AppConfig


class NormTablesConfig(AppConfig):
    name = "bistand.normtables"
    label = "normtables"
    verbose_name = "Riksnorm och prisbasbelopp"

    def ready(self):
        from bistand.normtables import checks, panels  # noqa: F401 (registers the system check)

        panels.register()
