from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "bistand.cases"
    label = "cases"
