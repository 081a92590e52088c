from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "bistand.intake"
    verbose_name = "Mottagning"
