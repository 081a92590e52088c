from django.apps import AppConfig


class SelfsupportConfig(AppConfig):
    name = "bistand.selfsupport"
    label = "selfsupport"
