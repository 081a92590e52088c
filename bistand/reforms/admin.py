"""Administrators change a reform rule's status (proposed/enacted) and quoted legal basis here."""

from django.contrib import admin

from bistand.reforms.models import ReformRuleSetting


@admin.register(ReformRuleSetting)
class ReformRuleSettingAdmin(admin.ModelAdmin):
    list_display = ("rule_id", "status", "legal_basis", "changed_at")
