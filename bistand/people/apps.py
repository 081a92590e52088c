from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "bistand.people"
    label = "people"
