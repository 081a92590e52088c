from django.apps import AppConfig


class SelfsupportConfig(AppConfig):
    name = "bistand.selfsupport"
    label = "selfsupport"
    verbose_name = "Väg till självförsörjning"

    def ready(self):
        from bistand.selfsupport import hooks

        hooks.register()
