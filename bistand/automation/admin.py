from django.contrib import admin

from bistand.automation.models import AutomationSetting


@admin.register(AutomationSetting)
class AutomationSettingAdmin(admin.ModelAdmin):
    """The committee's decision per unit; changes are rare and follow a committee meeting."""

    list_display = ("unit", "enabled", "sample_percent", "committee_decision")
    list_select_related = ("unit",)
