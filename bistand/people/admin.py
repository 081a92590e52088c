"""Admin for persons shows no addresses in lists; protected identities are handled in the case views."""

from django.contrib import admin

from bistand.people.models import Household, HouseholdMember, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "personal_number", "protected_identity"]
    search_fields = ["personal_number", "last_name"]
    list_filter = ["protected_identity"]


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["__str__", "district", "dwelling_size"]
    inlines = [HouseholdMemberInline]
