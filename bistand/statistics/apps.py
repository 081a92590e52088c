from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "bistand.statistics"
    label = "statistics"

    def ready(self) -> None:
        from bistand.statistics import invalidation

        invalidation.connect()
