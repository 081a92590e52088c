from django.apps import AppConfig


class ApiTokensConfig(AppConfig):
    name = "bistand.apitokens"
    label = "apitokens"
    verbose_name = "API-nycklar"
