from django.apps import AppConfig


class IncomedataConfig(AppConfig):
    name = "bistand.incomedata"
    label = "incomedata"
    verbose_name = "Inkomstuppgifter från myndigheter"

    def ready(self):
        from bistand.incomedata import hooks

        hooks.register()
