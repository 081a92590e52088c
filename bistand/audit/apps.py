from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bistand.audit"
    label = "audit"
    verbose_name = "Logg och behörigheter"
