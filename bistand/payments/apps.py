from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "bistand.payments"
    label = "payments"
    verbose_name = "Utbetalningar"
