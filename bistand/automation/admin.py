from django.contrib import admin

from bistand.audit.admin import AuditedAdmin
from bistand.automation.models import AutomationSetting


@admin.register(AutomationSetting)
class AutomationSettingAdmin(AuditedAdmin):
    """The committee's decision per unit; changes are rare and follow a committee meeting.

    The administrator enters it (no superuser needed); like every administration change, it is audited.
    """

    list_display = ("unit", "enabled", "sample_percent", "committee_decision")
    list_select_related = ("unit",)
