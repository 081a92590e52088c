from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationConfig(AppConfig):
    name = "bistand.organisation"
    label = "organisation"

    def ready(self):
        from bistand.organisation import staff_register

        post_migrate.connect(staff_register.create_group_after_migrate, sender=self)
