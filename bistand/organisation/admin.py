from django.contrib import admin

from bistand.organisation.models import District, Municipality, StaffMember, Unit

admin.site.site_header = "Bistånd – administration"
admin.site.site_title = "Bistånd"


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality_code", "rules_code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "employment_rate"]
    list_filter = ["role", "units"]
    filter_horizontal = ["units"]
