from django.apps import AppConfig


class ReformsConfig(AppConfig):
    name = "bistand.reforms"
    label = "reforms"
    verbose_name = "Reformer 2026–2027"

    def ready(self):
        from bistand.reforms import hooks

        hooks.register()
