from django.apps import AppConfig


class WhatifConfig(AppConfig):
    name = "bistand.whatif"
    label = "whatif"
    verbose_name = "Konsekvensanalys"
