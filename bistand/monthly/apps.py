from django.apps import AppConfig


class MonthlyConfig(AppConfig):
    """The monthly run: calculate, decide where allowed, pay and write the bank file, in batches."""

    name = "bistand.monthly"
    label = "monthly"
    verbose_name = "Månadskörning"
    default_auto_field = "django.db.models.BigAutoField"
