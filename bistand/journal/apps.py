from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "bistand.journal"
    label = "journal"
    verbose_name = "Journal"
