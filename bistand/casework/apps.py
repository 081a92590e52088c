from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "bistand.casework"
    label = "casework"
