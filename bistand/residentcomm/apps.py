from django.apps import AppConfig


class ResidentcommConfig(AppConfig):
    name = "bistand.residentcomm"
    label = "residentcomm"
    verbose_name = "Kontakt med den enskilde: bilagor, meddelanden och enkät"

    def ready(self):
        from bistand.residentcomm import hooks

        hooks.register()
