"""Admin for the data an administrator maintains: the life areas (FIA) and staff absence.

Client records (meetings, assessments, plans) are not in the admin: they are case data, opened only
through the case pages, where every opening is logged (access.case_for_request).
"""

from django.contrib import admin

from bistand.selfsupport.models import Absence, LifeArea


@admin.register(LifeArea)
class LifeAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "verified", "active", "source"]
    list_editable = ["order", "active"]
    list_filter = ["verified", "active"]
    ordering = ["order", "name"]


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["staff", "kind", "start_date", "end_date", "extent"]
    list_filter = ["kind", "staff__units"]
    date_hierarchy = "start_date"
